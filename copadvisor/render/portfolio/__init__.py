"""The sponsors' portfolio report (`copadvisor report`): its words, charts, stylesheet and Markdown form.

The HTML page itself is assembled in ``copadvisor.render.html``; both render a ``PortfolioView``.
"""

"""How text output may look (``copadvisor.render.style``): colour only when asked for, and the width."""

from __future__ import annotations

import click

from copadvisor.render.style import RenderOptions, paint


def test_the_defaults_are_plain_text_80_wide() -> None:
    assert RenderOptions() == RenderOptions(colour=False, width=80)


def test_no_colour_leaves_the_text_as_it_is() -> None:
    assert paint("HIGH", "red", RenderOptions()) == "HIGH"
    assert paint("title", "bold", RenderOptions()) == "title"


def test_colour_is_bold_and_of_the_colour_asked() -> None:
    on = RenderOptions(colour=True)
    assert paint("HIGH", "red", on) == click.style("HIGH", fg="red", bold=True) == "\x1b[31m\x1b[1mHIGH\x1b[0m"
    assert paint("title", "bold", on) == "\x1b[1mtitle\x1b[0m"

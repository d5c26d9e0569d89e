"""How text output may look: colour (only on a terminal, never with NO_COLOR) and the width to wrap to.

The CLI decides both from the terminal and the environment and passes them in; renderers never look.
"""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True)
class RenderOptions:
    colour: bool = False
    width: int = 80


def paint(text: str, colour: str, options: RenderOptions) -> str:
    if not options.colour:
        return text
    if colour == "bold":
        return click.style(text, bold=True)
    return click.style(text, fg=colour, bold=True)

"""The options every evaluating command shares, and how the CLI turns them into the library's arguments."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from copadvisor.errors import shorten
from copadvisor.render.style import RenderOptions
from copadvisor.terms import FAIL_ON, STAGES

if TYPE_CHECKING:
    from copadvisor.commands import Flags

F = TypeVar("F", bound=Callable[..., Any])


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: YYYY-MM-DD, or a usage error (exit 2)."""
    if value is None:
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{shorten(value)}' is not a date (YYYY-MM-DD)") from None


def common(function: F) -> F:
    """``--as-of --rules --config --select --ignore --fail-on --engine``, in that order in --help."""
    decorators = [
        click.option(
            "--as-of", callback=parse_date, metavar="YYYY-MM-DD", help="Judge as of this date (default today)."
        ),
        click.option("--rules", "rules", multiple=True, type=click.Path(), help="Add a folder of rule packs."),
        click.option("--config", type=click.Path(), help="Use this config file (default: the nearest one)."),
        click.option("--select", multiple=True, metavar="RULE-OR-PREFIX", help="Only these rules (repeatable)."),
        click.option("--ignore", multiple=True, metavar="RULE-OR-PREFIX", help="Not these rules (repeatable)."),
        click.option("--fail-on", type=click.Choice(FAIL_ON), help="Exit 1 at or above this severity."),
        click.option(
            "--engine", type=click.Choice(["auto", "durable", "python"]), help="Rules engine (default: auto)."
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def flags(values: dict[str, Any]) -> Flags:
    """The common options click parsed, as the library's ``Flags``."""
    from copadvisor.commands import Flags

    return Flags(**{name: values[name] for name in _FLAG_NAMES if name in values})


_FLAG_NAMES = ("as_of", "fail_on", "select", "ignore", "rules", "config", "engine", "stage")


def stage_option(function: F) -> F:
    return click.option("--stage", type=click.Choice(STAGES), help="Apply the rules of this stage.")(function)


def output_option(function: F) -> F:
    return click.option(
        "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of the screen."
    )(function)


def jobs_option(function: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        help="Worker processes (default 0: one per core; small inputs run in one process). Output is the same.",
    )(function)


def render_options(output: str | None) -> RenderOptions:
    """Colour only on a terminal and never with NO_COLOR; wrap to the terminal's width."""
    on_terminal = output is None and sys.stdout is not None and _isatty(sys.stdout)
    colour = on_terminal and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if on_terminal else 100
    return RenderOptions(colour=colour, width=max(width, 60))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError, AttributeError):  # closed, or not a real stream
        return False

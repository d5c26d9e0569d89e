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

from copadvisor.errors import DATE_FORM, NO_SUCH_DAY, not_a_date
from copadvisor.render.style import RenderOptions
from copadvisor.terms import DEFAULT_FAIL_ON, FAIL_ON, STAGES

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
        why = NO_SUCH_DAY if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else DATE_FORM
        raise click.BadParameter(not_a_date(value, why)) from None


def common_options(command: str | None = None) -> Callable[[F], F]:
    """``common``, with ``--help`` giving ``command``'s default ``--fail-on``."""

    def decorate(function: F) -> F:
        return _common(function, DEFAULT_FAIL_ON.get(command or ""))

    return decorate


def common(function: F) -> F:
    """``--as-of --rules --config --select --ignore --fail-on --engine``, in that order in --help."""
    return _common(function, None)


def _common(function: F, fail_on: str | None) -> F:
    default = f" (default: {fail_on}, or the config's fail_on)" if fail_on else ""
    decorators = [
        click.option(
            "--as-of", callback=parse_date, metavar="YYYY-MM-DD", help="Judge as of this date (default today)."
        ),
        click.option("--rules", "rules", multiple=True, type=click.Path(), help="Add a folder of rule packs."),
        click.option("--config", type=click.Path(), help="Use this config file (default: the nearest one)."),
        click.option("--select", multiple=True, metavar="RULE-OR-PREFIX", help="Only these rules (repeatable)."),
        click.option("--ignore", multiple=True, metavar="RULE-OR-PREFIX", help="Not these rules (repeatable)."),
        click.option("--fail-on", type=click.Choice(FAIL_ON), help=f"Exit 1 at or above this severity{default}."),
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


def output_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A file to write. A value that starts with a dash is the next option, forgotten value before it
    (`--html --output x.html`): writing a file called `--output` would surprise everyone."""
    if value is not None and value.startswith("-"):
        raise click.BadParameter(
            f"'{value}' looks like an option, not a file: to write a file of that name, give ./{value}"
        )
    return value


def output_option(function: F) -> F:
    return click.option(
        "--output",
        type=click.Path(dir_okay=False),
        callback=output_file,
        help="Write the report to this file instead of the screen.",
    )(function)


def jobs_option(function: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        help="Worker processes (default 0: one per core; small inputs run in one process). Output is the same.",
    )(function)


PIPED_WIDTH = 80  # the width of text written to a pipe or a file, unless COLUMNS says otherwise
LEAST_WIDTH = 40


def render_options(output: str | None) -> RenderOptions:
    """Colour only on a terminal and never with NO_COLOR; wrap to ``text_width``."""
    on_terminal = output is None and sys.stdout is not None and _isatty(sys.stdout)
    colour = on_terminal and "NO_COLOR" not in os.environ
    return RenderOptions(colour=colour, width=text_width(on_terminal))


def text_width(on_terminal: bool | None = None) -> int:
    """``COLUMNS`` when it is set, else the terminal's width on a terminal, else 80 (a pipe or a file: the same
    text whatever window ran it); never under 40. ``None``: whether stdout is a terminal."""
    if on_terminal is None:
        on_terminal = sys.stdout is not None and _isatty(sys.stdout)
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif on_terminal:
        width = shutil.get_terminal_size((PIPED_WIDTH, 24)).columns
    else:
        width = PIPED_WIDTH
    return max(width, LEAST_WIDTH)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError, AttributeError):  # closed, or not a real stream
        return False

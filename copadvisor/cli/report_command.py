"""`copadvisor report`: the sponsors' portfolio report — a self-contained HTML page and/or Markdown."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

from copadvisor import commands
from copadvisor.cli.options import common_options, flags, jobs_option, output_file, output_option, parse_date
from copadvisor.cli.output import distinct_outputs, for_a_person, is_yaml, noted, progress, say, sink
from copadvisor.portfolio_view import PortfolioView, Views
from copadvisor.render import FORMATS, html, safe
from copadvisor.render.portfolio import markdown
from copadvisor.terms import STATUSES

HTML_HINT = "copadvisor: that is the report's Markdown; --html report.html writes the page for a browser or paper"


def _not_yaml(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    value = output_file(ctx, param, value)
    if value is not None and is_yaml(value):
        raise click.BadParameter(f"{value}: will not write a report over a YAML file (it could be a profile)")
    return value


@click.command(short_help="Sponsors' report: an HTML page (--html FILE) or Markdown.")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options("report")
@click.option(
    "--since",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Also show, per CoP, what is new and what is resolved since this date.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False),
    callback=_not_yaml,
    help="Write the HTML report to this file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS["report"])),
    help="Print the report in this format (default: markdown, unless --html is given).",
)
@output_option
@jobs_option
def report(
    paths: tuple[str, ...],
    html_file: str | None,
    fmt: str | None,
    since: dt.date | None,
    output: str | None,
    jobs: int,
    **given: Any,
) -> int:
    """Sponsors' report on the CoPs under PATHS (default: as lint's): status, stage, risks and next steps.

    --html FILE writes the page to open in a browser or print; without --html, the Markdown is printed (for a
    governance paper), or written to --output FILE. Aggregates only: never who attended, convened or proposed
    anything.
    """
    distinct_outputs(html_file, output)
    bar = progress()
    try:
        started = commands.start_sponsors_report(paths, flags(given), dt.date.today(), since, jobs, bar)
        views = Views(started.head.rules)
        for section in started.sections():  # each CoP's view kept, not its section
            views.add(section)
    finally:
        if bar is not None:
            bar.close()
    result = started.report()
    noted(result)
    view = views.view(result)
    if html_file:
        _write(html.pieces(view), html_file, result.inputs)
        say(f"wrote {html_file}: {_counts(view)}")
    if fmt or output or not html_file:
        drawn = html.pieces(view) if fmt == "html" else markdown.pieces(view)
        _write(drawn, output, result.inputs)
    if not (fmt or output or html_file) and for_a_person(sys.stdout):
        say(HTML_HINT)  # Markdown on a screen is raw: say where the page is
    return result.verdict.exit_code


def _write(pieces: Iterable[str], output: str | None, inputs: Sequence[str]) -> None:
    """The page written as it is drawn (a file appears whole or not at all: ``cli.output.sink``)."""
    with sink(output, inputs) as out:
        for piece in safe.no_commands_in(pieces):
            out(piece)


def _counts(view: PortfolioView) -> str:
    statuses = [cop.status for cop in view.cops]
    counts = ", ".join(f"{statuses.count(name)} {name}" for name in STATUSES if statuses.count(name))
    return f"{len(statuses)} CoP(s){': ' + counts if counts else ''}"

"""`copadvisor report`: the sponsors' portfolio report — a self-contained HTML page and/or Markdown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from copadvisor import commands
from copadvisor.cli.options import common_options, flags, jobs_option, output_file, output_option, parse_date
from copadvisor.cli.output import distinct_outputs, emit, is_yaml, noted, progress, say
from copadvisor.render import FORMATS, RenderOptions
from copadvisor.report import Section, status
from copadvisor.terms import STATUSES


def _not_yaml(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    value = output_file(ctx, param, value)
    if value is not None and is_yaml(value):
        raise click.BadParameter(f"{value}: will not write a report over a YAML file (it could be a profile)")
    return value


@click.command()
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

    Aggregates only: never who attended, convened or proposed anything.
    """
    distinct_outputs(html_file, output)
    bar = progress()
    try:
        result = commands.sponsors_report(paths, flags(given), dt.date.today(), since, jobs, bar)
    finally:
        if bar is not None:
            bar.close()
    noted(result)
    if html_file:
        emit(FORMATS["report"]["html"](result, RenderOptions()), html_file, result.inputs)
        say(f"wrote {html_file}: {_counts(result.profiles)}")
    if fmt or output or not html_file:
        emit(FORMATS["report"][fmt or "markdown"](result, RenderOptions()), output, result.inputs)
    return result.verdict.exit_code


def _counts(sections: tuple[Section, ...]) -> str:
    statuses = [status(s) for s in sections]
    counts = ", ".join(f"{statuses.count(name)} {name}" for name in STATUSES if statuses.count(name))
    return f"{len(statuses)} CoP(s){': ' + counts if counts else ''}"

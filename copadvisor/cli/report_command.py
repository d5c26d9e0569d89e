"""`copadvisor report`: the sponsors' portfolio report — a self-contained HTML page and/or Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from copadvisor.cli.options import Flags, checked_prepare, common, emit, is_yaml, output_option, parse_date, resolve
from copadvisor.portfolio_view import PortfolioView, survey
from copadvisor.render import html
from copadvisor.render.portfolio import markdown

REPORT_FORMATS: dict[str, Callable[[PortfolioView], str]] = {"html": html.render, "markdown": markdown.render}


def _not_yaml(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and is_yaml(value):
        raise click.BadParameter(f"{value}: will not write a report over a YAML file (it could be a profile)")
    return value


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@common
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
    type=click.Choice(sorted(REPORT_FORMATS)),
    help="Print the report in this format (default: markdown, unless --html is given).",
)
@output_option
def report(
    paths: tuple[str, ...],
    html_file: str | None,
    fmt: str | None,
    since: dt.date | None,
    output: str | None,
    **flags: Any,
) -> int:
    """Sponsors' report on the CoPs under PATHS: status, stage, risks and next steps.

    Aggregates only: never who attended, convened or proposed anything.
    """
    options, config = resolve(Flags(**flags), paths, "high", dt.date.today())
    if since is not None and since >= options.as_of:
        raise click.UsageError(f"--since {since} must be before the as-of date ({options.as_of})")
    result, view = survey(paths, options, checked_prepare(options, Flags(**flags), config), since)
    if html_file:
        emit(html.render(view), html_file)
        counts = ", ".join(f"{n} {status}" for status, n in view.status_counts if n)
        click.echo(f"wrote {html_file}: {len(view.cops)} CoP(s){': ' + counts if counts else ''}", err=True)
    if fmt or output or not html_file:
        emit(REPORT_FORMATS[fmt or "markdown"](view), output)
    return result.exit_code()

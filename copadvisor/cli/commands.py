"""The click commands: each parses its options and calls typed functions of the library."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from copadvisor import __version__
from copadvisor.cli.options import Flags, common, resolve, stage_option
from copadvisor.cli.rules_commands import rules
from copadvisor.pipeline import prepare, run
from copadvisor.render import RENDERERS
from copadvisor.schema import SCHEMAS


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="copadvisor", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Check Communities of Practice against the NHS practical guidance on setting up and convening them."""


cli.add_command(rules)


@cli.command()
@click.argument("which", type=click.Choice(["all", *SCHEMAS]), default="all")
def schema(which: str) -> int:
    """Print JSON Schemas: of cop.yaml and events.yaml (all), or one of them, or of rule packs."""
    if which == "all":
        document: dict[str, Any] = {"cop.yaml": SCHEMAS["profile"](), "events.yaml": SCHEMAS["events"]()}
    else:
        document = SCHEMAS[which]()
    click.echo(json.dumps(document, indent=2, sort_keys=True))
    return 0


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@common
@stage_option
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", help="Output format.")
def check(paths: tuple[str, ...], fmt: str, **flags: Any) -> int:
    """Health report of the profiles under PATHS: stage, findings and next steps."""
    options, _ = resolve(Flags(**flags), paths, "high", dt.date.today())
    report = run(paths, options, prepare(options))
    click.echo(RENDERERS[fmt](report), nl=False)
    return report.exit_code()

"""The click commands: each parses its options and calls typed functions of the library."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from typing import Any

import click

from copadvisor import __version__
from copadvisor.cli.options import (
    Flags,
    checked_prepare,
    common,
    emit,
    jobs_for,
    jobs_option,
    output_option,
    render_options,
    resolve,
    stage_option,
)
from copadvisor.cli.report_command import report
from copadvisor.cli.rules_commands import rules
from copadvisor.config import Config
from copadvisor.facts.stage import NEXT
from copadvisor.model import STAGES
from copadvisor.pipeline import run
from copadvisor.render import LINT_RENDERERS, RENDERERS
from copadvisor.render.checklist import CHECKLIST_RENDERERS
from copadvisor.rulepack import builtin_rules_dir
from copadvisor.scaffold import scaffold
from copadvisor.schema import SCHEMAS


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="copadvisor", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Check Communities of Practice against the NHS practical guidance on setting up and convening them."""


cli.add_command(rules)
cli.add_command(report)


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
@output_option
@jobs_option
def check(paths: tuple[str, ...], fmt: str, output: str | None, jobs: int, **flags: Any) -> int:
    """Health report of the profiles under PATHS: stage, findings and next steps."""
    options, config = resolve(Flags(**flags), paths, "high", dt.date.today())
    report = run(paths, options, checked_prepare(options, Flags(**flags), config), jobs_for(jobs))
    emit(RENDERERS[fmt](report, render_options(output)), output)
    return report.exit_code()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@common
@click.option("--stage", type=click.Choice(STAGES), help="The checklist of this stage (default: the inferred one).")
@click.option("--next", "next_stage", is_flag=True, help="The checklist of the stage after the inferred one.")
@click.option("--format", "fmt", type=click.Choice(sorted(CHECKLIST_RENDERERS)), default="text")
@output_option
def checklist(paths: tuple[str, ...], fmt: str, output: str | None, next_stage: bool, **flags: Any) -> int:
    """A convener's checklist for each profile under PATHS: done, to do, not recorded, acknowledged.

    Exits 0 unless an input could not be read (2), or --fail-on is given and a to-do item reaches it (1)."""
    if next_stage and flags.get("stage"):
        raise click.UsageError("give --stage or --next, not both")
    if next_stage:
        flags["stage"] = NEXT
    options, config = resolve(Flags(**flags), paths, "none", dt.date.today())
    report = run(paths, options, checked_prepare(options, Flags(**flags), config))
    emit(CHECKLIST_RENDERERS[fmt](report, render_options(output)), output)
    return report.exit_code()  # --fail-on defaults to `none` here: a checklist is for reading


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(LINT_RENDERERS)),
    help="Output format (default: text, or github when GITHUB_ACTIONS=true).",
)
@output_option
@jobs_option
def lint(paths: tuple[str, ...], fmt: str | None, output: str | None, jobs: int, **flags: Any) -> int:
    """CI: validate every profile, the config and local rule packs under PATHS (default: the config's
    `profiles`, else profiles/, else .), then run the rules."""
    options, config = resolve(Flags(**flags), paths or ["."], "medium", dt.date.today())
    targets = paths or lint_targets(config.relative(config.settings.profiles), os.path.isdir("profiles"))
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    options = replace(options, rule_dirs=(*local_rules(config), *options.rule_dirs))
    report = run(targets, options, checked_prepare(options, Flags(**flags), config), jobs_for(jobs))
    emit(LINT_RENDERERS[fmt](report, render_options(output)), output)
    return report.exit_code()


def local_rules(config: Config) -> tuple[str, ...]:
    """SPEC §3.1: a `rules/` folder beside the config (or here, without one) holds local rule packs; never
    the built-in packs themselves (as when copadvisor's own repository is linted)."""
    folder = os.path.join(os.path.dirname(config.path) if config.path else ".", "rules")
    builtin = os.path.realpath(builtin_rules_dir())
    return (folder,) if os.path.isdir(folder) and os.path.realpath(folder) != builtin else ()


def lint_targets(configured: tuple[str, ...], has_profiles: bool) -> tuple[str, ...]:
    if configured:
        return configured
    return ("profiles",) if has_profiles else (".",)


@cli.command()
@click.argument("folder", type=click.Path())
def init(folder: str) -> int:
    """Scaffold a commented cop.yaml and events.yaml (and their JSON Schemas) in FOLDER; never overwrites."""
    for path in scaffold(folder):
        click.echo(f"wrote {path}")
    click.echo(f"Next: fill in {os.path.join(folder, 'cop.yaml')}, then run `copadvisor checklist {folder}`.")
    return 0

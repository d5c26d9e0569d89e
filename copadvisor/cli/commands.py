"""The click commands: each parses its options and calls typed functions of the library.

Each command imports what it runs inside its function, and the `rules` and `report` groups are imported when
they are named: `copadvisor --version` or `--help` loads click and this module, not the pipeline."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from copadvisor import __version__
from copadvisor.cli.options import (
    common_options,
    flags,
    jobs_option,
    output_option,
    render_options,
    stage_option,
)
from copadvisor.cli.output import Progress, emit, noted, progress, sink, to_stdout
from copadvisor.render import FORMATS, safe
from copadvisor.terms import STAGES

if TYPE_CHECKING:
    from copadvisor.runner import Run

# The names of `copadvisor.schema.SCHEMAS`, without importing the model to list them (a test keeps them equal).
SCHEMA_NAMES = ("profile", "events", "rules")


class LazyGroup(click.Group):
    """A group whose sub-commands named in ``lazy`` (``name: module:attribute``) are imported when used."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    lazy={
        "rules": "copadvisor.cli.rules_commands:rules",
        "report": "copadvisor.cli.report_command:report",
        "import": "copadvisor.cli.import_commands:import_group",
    },
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="copadvisor", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Check Communities of Practice against the NHS practical guidance on setting up and convening them."""


@cli.command(short_help="Print the JSON Schemas of cop.yaml and events.yaml.")
@click.argument("which", type=click.Choice(["all", *SCHEMA_NAMES]), default="all")
def schema(which: str) -> int:
    """Print JSON Schemas: of cop.yaml and events.yaml (all), or one of them, or of rule packs."""
    from copadvisor.schema import SCHEMAS

    if which == "all":
        document: dict[str, Any] = {"cop.yaml": SCHEMAS["profile"](), "events.yaml": SCHEMAS["events"]()}
    else:
        document = SCHEMAS[which]()
    click.echo(json.dumps(document, indent=2, sort_keys=True))
    return 0


@cli.command(short_help="Health report of each profile: stage, risks and next steps.")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options("check")
@stage_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS["check"])), default="text", help="Output format.")
@output_option
@jobs_option
def check(paths: tuple[str, ...], fmt: str, output: str | None, jobs: int, **given: Any) -> int:
    """Health report of the profiles under PATHS (default: the config's `profiles`, else profiles/, else .):
    stage, findings and next steps."""
    from copadvisor import commands

    with shown(progress()) as bar:
        started = commands.start_check(paths, flags(given), dt.date.today(), jobs, bar)
        noted(started.head)
        return streamed("check", fmt, output, started)


@cli.command(short_help="A convener's checklist for the current or the next stage.")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options("checklist")
@click.option("--stage", type=click.Choice(STAGES), help="The checklist of this stage (default: the inferred one).")
@click.option("--next", "next_stage", is_flag=True, help="The checklist of the stage after the inferred one.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS["checklist"])), default="text")
@output_option
def checklist(paths: tuple[str, ...], fmt: str, output: str | None, next_stage: bool, **given: Any) -> int:
    """A convener's checklist for each profile under PATHS (default: as lint's): done, to do, not recorded,
    acknowledged.

    Exits 0 unless an input could not be read (2), or --fail-on is given and a to-do item reaches it (1)."""
    from copadvisor import commands

    result = commands.checklist(paths, flags(given), dt.date.today(), next_stage)
    noted(result)
    emit(FORMATS["checklist"][fmt](result, render_options(output)), output, result.inputs)
    return result.verdict.exit_code  # --fail-on defaults to `none` here: a checklist is for reading


@cli.command(short_help="CI: validate profiles, config and rule packs; run the rules.")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options("lint")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS["lint"])),
    help="Output format (default: text, or github when GITHUB_ACTIONS=true).",
)
@click.option("--statistics", is_flag=True, help="Only count the findings: COUNT RULE-ID TITLE, most frequent first.")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary line.")
@output_option
@jobs_option
def lint(
    paths: tuple[str, ...],
    fmt: str | None,
    statistics: bool,
    quiet: bool,
    output: str | None,
    jobs: int,
    **given: Any,
) -> int:
    """CI: validate every profile, the config and local rule packs under PATHS (default: the config's
    `profiles`, else profiles/, else .), then run the rules."""
    if (statistics or quiet) and fmt not in (None, "text"):
        raise click.UsageError(f"--{'statistics' if statistics else 'quiet'} is for the text format, not {fmt}")
    if statistics and quiet:
        raise click.UsageError("give --statistics or --quiet, not both")
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" and not (statistics or quiet) else "text")
    from copadvisor import commands
    from copadvisor.render import lint_text
    from copadvisor.runner import collect

    with shown(progress()) as bar:
        started = commands.start_lint(paths, flags(given), dt.date.today(), jobs, bar)
        noted(started.head, quiet)
        if not (statistics or quiet):
            return streamed("lint", fmt, output, started)
        result = collect(started)  # the counts need every section
    render = lint_text.statistics if statistics else lint_text.quiet
    emit(render(result, render_options(output)), output, result.inputs)
    return result.verdict.exit_code


def streamed(command: str, fmt: str, output: str | None, started: Run) -> int:
    """Each section of the run written as it comes (so memory does not grow with the profiles); the exit code."""
    from copadvisor.render.stream import write

    sections = started.sections()
    try:
        with sink(output, started.head.inputs) as out:
            write(command, fmt, render_options(output), out, started.head, sections, started.report)
    finally:
        sections.close()  # a failed write stops the workers now, not when the generator is collected
    return started.report().verdict.exit_code


@contextlib.contextmanager
def shown(bar: Progress | None) -> Iterator[Progress | None]:
    """The progress bar, if any, taken off the screen when the run ends (or fails)."""
    try:
        yield bar
    finally:
        if bar is not None:
            bar.close()


@cli.command(short_help="Scaffold a commented cop.yaml and events.yaml in FOLDER.")
@click.argument("folder", type=click.Path())
def init(folder: str) -> int:
    """Scaffold a commented cop.yaml and events.yaml (and their JSON Schemas) in FOLDER; never overwrites."""
    from copadvisor.scaffold import scaffold

    lines = [f"wrote {path}" for path in scaffold(folder)]
    lines.append(
        f"Next: fill in {os.path.join(folder, 'cop.yaml')} and add events to {os.path.join(folder, 'events.yaml')},"
        f" then run `copadvisor checklist {folder}`."
    )
    from copadvisor.cli.options import text_width
    from copadvisor.render.layout import wrap

    width = text_width()
    to_stdout("".join(safe.text(out) + "\n" for line in lines for out in wrap(line, width, "", "    ")))
    return 0

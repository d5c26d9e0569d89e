"""The options every evaluating command shares, and how they combine with the config file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from copadvisor.config import Config, find_config, load_config, locate
from copadvisor.errors import InputError, Problem
from copadvisor.model import STAGES
from copadvisor.outcomes import Policy, unmatched
from copadvisor.parallel import default_jobs
from copadvisor.pipeline import Options, Prepared, prepare
from copadvisor.render.style import RenderOptions
from copadvisor.rulepack.model import SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])
FAIL_ON = (*SEVERITIES, "none")


@dataclass(frozen=True)
class Flags:
    """What was given on the command line; ``None`` or empty means "not given" (the config decides)."""

    as_of: dt.date | None
    fail_on: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    rules: tuple[str, ...]
    config: str | None
    engine: str | None
    stage: str | None = None


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: YYYY-MM-DD, or a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


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


def stage_option(function: F) -> F:
    return click.option("--stage", type=click.Choice(STAGES), help="Apply the rules of this stage.")(function)


def resolve(flags: Flags, paths: Sequence[str], default_fail_on: str, today: dt.date) -> tuple[Options, Config]:
    """Options from the flags, then the config file, then the defaults; flags win."""
    config = load_config(flags.config or find_config(paths[0] if paths else "."))
    settings = config.settings
    missing = [folder for folder in settings.rules if not os.path.isdir(config.relative([folder])[0])]
    if missing and config.path is not None:
        raise InputError([Problem(locate(config.path, f'"{f}"'), f"rules: no such rule folder '{f}'") for f in missing])
    options = Options(
        as_of=flags.as_of or today,
        thresholds=settings.thresholds,
        policy=Policy(
            select=flags.select or tuple(settings.select),
            ignore=(*settings.ignore, *flags.ignore),
            severities=dict(settings.severity),
        ),
        rule_dirs=(*config.relative(settings.rules), *flags.rules),
        engine=flags.engine or settings.engine or "auto",
        stage=flags.stage,
        fail_on=flags.fail_on or settings.fail_on or default_fail_on,
    )
    return options, config


def output_option(function: F) -> F:
    return click.option(
        "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of the screen."
    )(function)


def render_options(output: str | None) -> RenderOptions:
    """Colour only on a terminal and never with NO_COLOR; wrap to the terminal's width."""
    on_terminal = output is None and sys.stdout.isatty()
    colour = on_terminal and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if on_terminal else 100
    return RenderOptions(colour=colour, width=max(width, 60))


def is_yaml(path: str) -> bool:
    """A path that could be a profile: reports are never written over one (any letter case)."""
    return path.lower().endswith((".yaml", ".yml"))


def emit(text: str, output: str | None) -> None:
    """Print, or write to ``output``; a YAML file is never overwritten (it could be a profile)."""
    if output is None:
        click.echo(text, nl=False)
        return
    if is_yaml(output):
        raise click.UsageError(f"{output}: will not write a report over a YAML file")
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(text)


def jobs_option(function: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        help="Worker processes (default 0: one per core; small inputs run in one process). Output is the same.",
    )(function)


def jobs_for(jobs: int) -> int:
    return jobs or default_jobs()


def checked_prepare(options: Options, flags: Flags, config: Config) -> Prepared:
    """The rules prepared, once every rule id or prefix the user named is known to select something."""
    prepared = prepare(options)
    ids = [rule.id for rule in prepared.loaded]
    given = (*flags.select, *flags.ignore)
    wrong = unmatched(given, ids)
    if wrong:
        raise click.UsageError("; ".join(f"'{p}' selects no rule{hint}" for p, hint in wrong))
    settings = config.settings
    named = [p for p in (*settings.select, *settings.ignore, *settings.severity) if p not in given]
    if config.path is not None:
        problems = [
            Problem(locate(config.path, f'"{p}"'), f"'{p}' selects no rule{hint}") for p, hint in unmatched(named, ids)
        ]
        if problems:
            raise InputError(problems)
    return prepared

"""The commands as typed functions: what ``copadvisor check``, ``checklist``, ``lint`` and ``report`` do, once the
command line is parsed. The click CLI calls these; tests and other programs can too, without it.

Each takes the flags as given (``Flags``: ``None`` or empty means "not given", the config decides), returns a
``Report``, and never prints, reads the environment or writes a file: the caller renders the report with
``copadvisor.render.FORMATS`` and decides where the text goes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from copadvisor.config import Config, find_config, load_config, locate
from copadvisor.decide import Policy, unmatched
from copadvisor.errors import InputError, Problem, UsageError
from copadvisor.facts.stage import NEXT
from copadvisor.parallel import default_jobs
from copadvisor.pipeline import Options, Prepared, prepare, quarter_ends
from copadvisor.report import Report
from copadvisor.rulepack import builtin_rules_dir
from copadvisor.runner import Run, collect, stream
from copadvisor.terms import DEFAULT_FAIL_ON

Progress = Callable[[int, int], None]  # told (done, total) as each profile is evaluated


@dataclass(frozen=True)
class Flags:
    """What was given on the command line; ``None`` or empty means "not given" (the config decides)."""

    as_of: dt.date | None = None
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    config: str | None = None
    engine: str | None = None
    stage: str | None = None


def check(
    paths: Sequence[str], flags: Flags, today: dt.date, jobs: int = 0, progress: Progress | None = None
) -> Report:
    """The health report of the profiles under ``paths`` (default: as ``lint``'s)."""
    return collect(start_check(paths, flags, today, jobs, progress))


def start_check(
    paths: Sequence[str], flags: Flags, today: dt.date, jobs: int = 0, progress: Progress | None = None
) -> Run:
    """``check`` as it happens: the sections one at a time (see ``copadvisor.runner.Run``)."""
    options, config = resolve(flags, paths or ["."], DEFAULT_FAIL_ON["check"], today)
    prepared = checked_prepare(options, flags, config)
    return stream(default_paths(paths, config), options, prepared, jobs or default_jobs(), config.path, progress)


def checklist(paths: Sequence[str], flags: Flags, today: dt.date, next_stage: bool = False) -> Report:
    """The checks of each profile for its stage (``flags.stage``), or for the stage after it."""
    if next_stage and flags.stage:
        raise UsageError("give --stage or --next, not both")
    flags = replace(flags, stage=NEXT) if next_stage else flags
    options, config = resolve(flags, paths or ["."], DEFAULT_FAIL_ON["checklist"], today)
    options = replace(options, activity=True)  # the checklist shows the members' voice (the pulses)
    prepared = checked_prepare(options, flags, config)
    return collect(stream(default_paths(paths, config), options, prepared, config=config.path))


def lint(paths: Sequence[str], flags: Flags, today: dt.date, jobs: int = 0, progress: Progress | None = None) -> Report:
    """Every profile, the config and local rule packs under ``paths`` (default: the config's ``profiles``, else
    ``profiles/``, else ``.``), then the rules."""
    return collect(start_lint(paths, flags, today, jobs, progress))


def start_lint(
    paths: Sequence[str], flags: Flags, today: dt.date, jobs: int = 0, progress: Progress | None = None
) -> Run:
    """``lint`` as it happens: the sections one at a time (see ``copadvisor.runner.Run``)."""
    options, config = resolve(flags, paths or ["."], DEFAULT_FAIL_ON["lint"], today)
    targets = default_paths(paths, config)
    options = replace(options, rule_dirs=(*local_rules(config), *options.rule_dirs))
    prepared = checked_prepare(options, flags, config)
    return stream(targets, options, prepared, jobs or default_jobs(), config.path, progress)


def start_sponsors_report(
    paths: Sequence[str],
    flags: Flags,
    today: dt.date,
    since: dt.date | None = None,
    jobs: int = 0,
    progress: Progress | None = None,
) -> Run:
    """The run the sponsors' view is drawn from, the sections one at a time (see ``copadvisor.runner.Run``);
    with ``since``, each profile is also judged at that date."""
    options, config = resolve(flags, paths or ["."], DEFAULT_FAIL_ON["report"], today)
    if since is not None and since >= options.as_of:
        raise UsageError(f"--since {since} must be before the as-of date ({options.as_of})")
    options = replace(options, since=since, history=quarter_ends(options.as_of), activity=True)
    prepared = checked_prepare(options, flags, config)
    return stream(default_paths(paths, config), options, prepared, jobs or default_jobs(), config.path, progress)


def local_rules(config: Config) -> tuple[str, ...]:
    """SPEC §3.1: a `rules/` folder beside the config (or here, without one) holds local rule packs; never
    the built-in packs themselves (as when copadvisor's own repository is linted)."""
    folder = os.path.join(os.path.dirname(config.path) if config.path else ".", "rules")
    builtin = os.path.realpath(builtin_rules_dir())
    if not os.path.isdir(folder) or os.path.realpath(folder) == builtin:
        return ()
    # A checkout of copadvisor itself (its `rules/` beside the package) linted with an installed copadvisor:
    # those are the built-in packs, perhaps of another version, not the CoP repository's own.
    own_source = os.path.join(os.path.dirname(folder), "copadvisor", "rulepack", "__init__.py")
    return () if os.path.isfile(own_source) else (folder,)


def default_paths(paths: Sequence[str], config: Config) -> list[str]:
    """``paths``, or when none are given the default of every command: the config's ``profiles``, else
    ``profiles/``, else ``.`` (SPEC §5)."""
    return list(paths) or lint_targets(config.relative(config.settings.profiles), os.path.isdir("profiles"))


def lint_targets(configured: Sequence[str], has_profiles: bool) -> list[str]:
    if configured:
        return list(configured)
    return ["profiles"] if has_profiles else ["."]


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
        activity=False,  # only the sponsors' report draws it
    )
    return options, config


def checked_prepare(options: Options, flags: Flags, config: Config) -> Prepared:
    """The rules prepared, once every rule id or prefix the user named is known to select something."""
    prepared = prepare(options)
    ids = [rule.id for rule in prepared.loaded]
    given = (*flags.select, *flags.ignore)
    wrong = unmatched(given, ids)
    if wrong:
        raise UsageError("; ".join(f"'{p}' selects no rule{hint}" for p, hint in wrong))
    settings = config.settings
    named = [p for p in (*settings.select, *settings.ignore, *settings.severity) if p not in given]
    if config.path is not None:
        problems = [
            Problem(locate(config.path, f'"{p}"'), f"'{p}' selects no rule{hint}") for p, hint in unmatched(named, ids)
        ]
        if problems:
            raise InputError(problems)
    return prepared

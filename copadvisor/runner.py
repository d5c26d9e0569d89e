"""A run: every profile under the paths through the pipeline (in worker processes with ``jobs`` > 1), then
the portfolio's section and the one verdict, as a ``Report``. Rendering is the caller's step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from copadvisor import __version__
from copadvisor.engine import fallback_note
from copadvisor.errors import Location
from copadvisor.facts import Fact
from copadvisor.load import ProfileSource, discover
from copadvisor.parallel import evaluate_sources
from copadvisor.pipeline import Options, Prepared, evaluate_portfolio, prepare
from copadvisor.report import Report, Section, verdict
from copadvisor.rulepack import builtin_rules_dir, pack_files
from copadvisor.runtime import with_shared_checks


def run(
    paths: Sequence[str],
    options: Options,
    prepared: Prepared | None = None,
    jobs: int = 1,
    config: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Evaluate every profile under ``paths``; ``jobs`` > 1 uses worker processes (same output, in order).
    ``config`` is the config file the options came from (an input of the run, as the profiles are);
    ``progress(done, total)`` is told of each profile evaluated."""
    prepared = prepared or prepare(options)
    sources, missing = discover(paths)
    sections: list[Section] = [
        Section(p.location.path, p.location.path, None, None, errors=(p,), missing=True) for p in missing
    ]
    profiles: list[Fact] = []
    for done, (section, profile) in enumerate(evaluate_sources(sources, options, prepared, jobs), start=1):
        sections.append(with_shared_checks(section))
        if profile is not None:
            profiles.append(profile)
        if progress is not None:
            progress(done, len(sources))
    portfolio = evaluate_portfolio(profiles, prepared, options, Location(paths[0] if paths else "."))
    if portfolio is not None:
        sections.append(portfolio)
    return Report(
        version=__version__,
        as_of=options.as_of.isoformat(),
        engine=prepared.engine.name,
        sections=tuple(sections),
        verdict=verdict(sections, prepared.problems, options.fail_on),
        errors=prepared.problems,
        rules=prepared.rules,
        thresholds=options.thresholds,
        since=options.since.isoformat() if options.since else None,
        inputs=_inputs(sources, options, config),
        engine_note=fallback_note(options.engine),
    )


def _inputs(sources: Sequence[ProfileSource], options: Options, config: str | None) -> tuple[str, ...]:
    files = [path for source in sources for path in (source.path, source.events_path) if path]
    return (*files, *pack_files([builtin_rules_dir(), *options.rule_dirs]), *([config] if config else []))

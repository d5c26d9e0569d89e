"""A run: every profile under the paths through the pipeline (in worker processes with ``jobs`` > 1), then
the portfolio's section and the one verdict. Rendering is the caller's step.

``stream`` hands the sections over one at a time, in order, as the workers report them, so that a format can
write each and let it go (the memory of a run does not grow with its profiles); ``run`` keeps them all, as a
``Report``."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace

from copadvisor import __version__
from copadvisor.engine import fallback_note
from copadvisor.errors import Location
from copadvisor.facts import Fact
from copadvisor.load import ProfileSource, discover
from copadvisor.parallel import evaluate_sources
from copadvisor.pipeline import Options, Prepared, evaluate_portfolio, prepare
from copadvisor.report import Report, Section, Tally, Verdict
from copadvisor.rulepack import builtin_rules_dir, pack_files
from copadvisor.runtime import with_shared_checks


class Run:
    """A run as it happens. ``head`` is the report before any section: everything but the sections, and a
    verdict that counts nothing yet. Iterate ``sections()`` once (every profile in the order found, then the
    portfolio); then ``report()`` is the head with the run's verdict."""

    def __init__(
        self,
        paths: Sequence[str],
        options: Options,
        prepared: Prepared,
        jobs: int,
        config: str | None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.paths = list(paths)
        self.progress = progress  # told (done, total) as each profile is evaluated
        self.options = options
        self.prepared = prepared
        self.jobs = jobs
        self.sources, self.missing = discover(paths)
        self.tally = Tally()
        self.finished = False
        self.head = Report(
            version=__version__,
            as_of=options.as_of.isoformat(),
            engine=prepared.engine.name,
            sections=(),
            verdict=self.verdict(),
            errors=prepared.problems,
            rules=prepared.rules,
            thresholds=options.thresholds,
            since=options.since.isoformat() if options.since else None,
            inputs=_inputs(self.sources, options, config),
            engine_note=fallback_note(options.engine),
        )

    def verdict(self) -> Verdict:
        return self.tally.verdict(self.prepared.problems, self.options.fail_on)

    def sections(self) -> Generator[Section, None, None]:
        for section in self._sections():
            self.tally.add(section)
            yield section
        self.finished = True

    def _sections(self) -> Iterator[Section]:
        for problem in self.missing:
            yield Section(problem.location.path, problem.location.path, None, None, errors=(problem,), missing=True)
        profiles: list[Fact] = []  # the portfolio rules read one small fact of each profile
        evaluated = evaluate_sources(self.sources, self.options, self.prepared, self.jobs)
        for done, (section, profile) in enumerate(evaluated, start=1):
            yield section
            if profile is not None:
                profiles.append(profile)
            if self.progress is not None:
                self.progress(done, len(self.sources))
        where = Location(self.paths[0] if self.paths else ".")
        portfolio = evaluate_portfolio(profiles, self.prepared, self.options, where)
        if portfolio is not None:
            yield portfolio

    def report(self, sections: Sequence[Section] = ()) -> Report:
        """The head with the verdict of every section, once they have all been seen (and ``sections``)."""
        if not self.finished:
            raise RuntimeError("the run's sections have not all been read")
        return replace(self.head, sections=tuple(sections), verdict=self.verdict())


def stream(
    paths: Sequence[str],
    options: Options,
    prepared: Prepared | None = None,
    jobs: int = 1,
    config: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Run:
    """The run of every profile under ``paths``, to be read section by section (see ``Run``);
    ``progress(done, total)`` is told of each profile evaluated."""
    return Run(paths, options, prepared or prepare(options), jobs, config, progress)


def run(
    paths: Sequence[str],
    options: Options,
    prepared: Prepared | None = None,
    jobs: int = 1,
    config: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Evaluate every profile under ``paths``; ``jobs`` > 1 uses worker processes (same output, in order).
    ``config`` is the config file the options came from (an input of the run, as the profiles are)."""
    return collect(stream(paths, options, prepared, jobs, config))


def collect(started: Run) -> Report:
    """Every section of a run kept, as one ``Report`` (equal checks shared, to halve what they hold)."""
    return started.report([with_shared_checks(section) for section in started.sections()])


def _inputs(sources: Sequence[ProfileSource], options: Options, config: str | None) -> tuple[str, ...]:
    files = [path for source in sources for path in (source.path, source.events_path) if path]
    return (*files, *pack_files([builtin_rules_dir(), *options.rule_dirs]), *([config] if config else []))

"""The records the pipeline hands to the renderers: findings, checks, one section per profile and one for the
portfolio, and the one verdict of the run.

Every renderer walks ``Report.sections`` (the profiles, then the portfolio) and reads ``Report.verdict``: so a
finding the exit code counts is a finding every format shows, and no renderer decides anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from copadvisor.errors import Location, Problem
from copadvisor.facts.activity import Activity
from copadvisor.facts.base import Value
from copadvisor.facts.records import Record
from copadvisor.rulepack.model import Rule
from copadvisor.terms import NATURAL_END, SEVERITIES_WORST_FIRST, severity_rank, worst_first
from copadvisor.thresholds import Thresholds


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    title: str
    severity: str
    stage: str
    message: str
    next_step: str
    location: Location
    fingerprint: str
    # What the finding is about, without who: the kind of fact and its sponsor-safe parts, e.g. ("role",
    # "admin"), ("session", "meeting", "2026-05-12"), ("gap", "2026-05-12", "open"), ("sponsor",).
    subject: tuple[str, ...] = ()
    # The facts the rule's `message_many` reads (``Rule.many_fields``), as recorded, for people's formats to
    # word several findings of the rule as one pattern; machine formats never show them.
    values: tuple[tuple[str, Value], ...] = ()
    # The co-occurring evidence that raised its severity (the rule's `escalate`), already at the end of
    # `message`; kept apart so that a pattern sentence for several findings can say it too.
    because: str = ""


@dataclass(frozen=True, slots=True)
class Unknown:
    """A rule that could not be decided, what to record to settle it, and where."""

    rule: str
    title: str
    missing: tuple[Record, ...]  # in the profile's own spelling
    location: Location


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    title: str
    severity: str
    outcome: str  # one of terms.OUTCOMES
    next_step: str
    item: str = ""  # the rule worded as done, for checklists
    findings: int = 0
    missing: tuple[Record, ...] = ()  # what to record, when the outcome is unknown
    reason: str | None = None  # why it is suppressed, or why it is not due yet
    contradicted_by: tuple[str, ...] = ()  # rules whose failure leaves this checklist item to do
    # When it stands aside for a natural end (SPEC §4): the outcome the rule would have given, and its first
    # finding's message, what to record or its own reason, for the checklist to show beneath the "not yet".
    held: str | None = None
    held_detail: str = ""
    held_findings: tuple[Finding, ...] = ()  # its findings, for people's formats to word several as one pattern


@dataclass(frozen=True, slots=True)
class StageInfo:
    declared: str | None
    inferred: str
    used: str  # the stage rules were applied for (--stage may override the inferred one)
    evidence: str


@dataclass(frozen=True, slots=True)
class Since:
    """The same profile evaluated at an earlier date (``report --since``), matched by finding fingerprint."""

    new: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    known: bool = True  # False when the profile could not be evaluated at the earlier date


SectionKind = Literal["profile", "portfolio"]


@dataclass(frozen=True, slots=True)
class Section:
    """What was found about one subject: a profile, or the portfolio of every CoP evaluated together."""

    path: str
    slug: str
    name: str | None
    stage: StageInfo | None  # None for the portfolio and for a profile that could not be evaluated
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[tuple[Finding, str], ...] = ()  # each with the reason given
    unknowns: tuple[Unknown, ...] = ()
    checks: tuple[Check, ...] = ()
    errors: tuple[Problem, ...] = ()
    kind: SectionKind = "profile"
    cops: int = 0  # for the portfolio: how many CoPs it holds
    activity: Activity = field(default_factory=Activity)  # sessions, gaps and stages, for the sponsors' view
    person_ids: frozenset[str] = frozenset()  # for the sponsors' view to blank out of names; never shown
    since: Since | None = None  # with ``report --since``
    history: tuple[tuple[str, str], ...] = ()  # (ISO date, status) at each quarter's end, for the sponsors' report
    later_events: int = 0  # events dated after the as-of date, which were not considered
    missing: bool = False  # a path given that holds no profile (none there, or an empty folder): not a profile

    @property
    def title(self) -> str:
        return self.name or self.slug

    @property
    def needs_data(self) -> int:
        """Checks that could not be made because something is not recorded (what the summary line counts)."""
        return sum(1 for check in self.checks if check.outcome == "unknown")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a run, computed once from its sections: what the summary line says and the exit code."""

    fail_on: str
    counts: tuple[tuple[str, int], ...]  # findings by severity, most severe first
    profiles: int  # profile sections (the portfolio is not one)
    with_errors: int  # profile sections that could not be evaluated
    other_errors: int  # problems outside any profile (config, rule packs)
    unknown: int  # checks that need data
    suppressed: int
    exit_code: int
    not_found: int = 0  # paths given that hold no profile (not counted in ``profiles``)

    @property
    def evaluated(self) -> int:
        return self.profiles - self.with_errors

    @property
    def failing(self) -> bool:
        """Some finding reaches --fail-on."""
        return any(n and severity_rank(s) >= severity_rank(self.fail_on) for s, n in self.counts)

    def count(self, severity: str) -> int:
        return dict(self.counts).get(severity, 0)


@dataclass(frozen=True, slots=True)
class Report:
    version: str
    as_of: str
    engine: str
    sections: tuple[Section, ...]  # every profile in the order found, then the portfolio (if its rules ran)
    verdict: Verdict
    errors: tuple[Problem, ...] = ()  # problems outside any one section (config, rule packs)
    rules: tuple[Rule, ...] = ()  # the rules that ran, for formats that describe them (SARIF)
    thresholds: Thresholds = field(default_factory=Thresholds)  # the numbers the rules were judged by
    since: str | None = None  # the earlier date of ``report --since``
    inputs: tuple[str, ...] = ()  # every file the run read (profiles, event logs, packs, config): never written over
    engine_note: str | None = None  # why the engine that ran is not the one preferred (for stderr, one line)

    @property
    def fail_on(self) -> str:
        return self.verdict.fail_on

    @property
    def profiles(self) -> tuple[Section, ...]:
        """The profile sections, for the views that are about CoPs only (checklist, sponsors' CoP pages)."""
        return tuple(s for s in self.sections if s.kind == "profile")

    @property
    def portfolio(self) -> Section | None:
        return next((s for s in self.sections if s.kind == "portfolio"), None)

    def findings(self) -> Iterator[tuple[Section, Finding]]:
        """Every finding the verdict counts, with its section, in section order."""
        return ((section, finding) for section in self.sections for finding in section.findings)

    def problems(self) -> Iterator[Problem]:
        """Every input that could not be used: the run's own problems, then each section's."""
        yield from self.errors
        for section in self.sections:
            yield from section.errors


def verdict(sections: Sequence[Section], errors: Sequence[Problem], fail_on: str) -> Verdict:
    """2 when an input could not be evaluated, else 1 when a finding reaches ``fail_on``, else 0."""
    tally = Tally()
    for section in sections:
        tally.add(section)
    return tally.verdict(errors, fail_on)


class Tally:
    """What the verdict counts, added up section by section as they arrive (a run need not keep them)."""

    __slots__ = ("counted", "errors", "not_found", "profiles", "suppressed", "unknown", "with_errors")

    def __init__(self) -> None:
        self.counted: Counter[str] = Counter()
        self.profiles = 0
        self.with_errors = 0
        self.errors = False  # some section, the portfolio's included, could not be evaluated
        self.unknown = 0
        self.suppressed = 0
        self.not_found = 0  # paths given that hold no profile: said, not counted as profiles

    def add(self, section: Section) -> None:
        self.counted.update(f.severity for f in section.findings)
        if section.missing:
            self.not_found += 1
        elif section.kind == "profile":
            self.profiles += 1
            self.with_errors += 1 if section.errors else 0
        self.errors = self.errors or bool(section.errors)
        self.unknown += sum(1 for c in section.checks if c.outcome == "unknown")
        self.suppressed += len(section.suppressed)

    def verdict(self, errors: Sequence[Problem], fail_on: str) -> Verdict:
        counts = tuple((severity, self.counted.get(severity, 0)) for severity in SEVERITIES_WORST_FIRST)
        threshold = severity_rank(fail_on)
        failing = any(n and severity_rank(s) >= threshold for s, n in counts)
        code = 2 if errors or self.errors else 1 if failing else 0
        return Verdict(
            fail_on=fail_on,
            counts=counts,
            profiles=self.profiles,
            with_errors=self.with_errors,
            other_errors=len(errors),
            unknown=self.unknown,
            suppressed=self.suppressed,
            exit_code=code,
            not_found=self.not_found,
        )


def status(section: Section) -> str:
    """SPEC §5: ``error`` when it could not be evaluated, else ``ending`` when the natural-end rule found signs
    of an ending, else ``red`` with a high finding, ``amber`` with a medium one, ``green`` otherwise
    (suppressed findings never count)."""
    if section.errors or section.stage is None:
        return "error"
    if any(f.rule == NATURAL_END for f in section.findings):
        return "ending"
    severities = {f.severity for f in section.findings}
    if "high" in severities:
        return "red"
    return "amber" if "medium" in severities else "green"


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Most severe first, then by place in the files, then by rule: the same order on every run."""
    return tuple(sorted(findings, key=lambda f: (worst_first(f.severity), f.location, f.rule, f.message)))

"""The sponsors' view of a portfolio: what `copadvisor report` shows, anonymised by construction.

Sponsors have no oversight role in a CoP (SPEC §1), so this view carries aggregates only: each CoP's stage and
its history, a red/amber/green status, counts of findings, the rules that found them (title and next step,
never the finding's message, which may name a role's holder or a sponsor), and the length, attendance and gaps
of its sessions. No field holds a person id, an attendee list, notes or themes; the only profile text left (the
CoP's name and path) has every person id of the portfolio blanked out as a precaution.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from copadvisor.errors import Location
from copadvisor.facts.activity import Activity, Session
from copadvisor.report import Finding, Report, Section, Since, status
from copadvisor.rulepack.model import SPONSOR_STEP_FALLBACK
from copadvisor.terms import NATURAL_END, SEVERITIES_WORST_FIRST, STAGES, STATUSES, severity_rank, worst_first

REDACTED = "…"
TOP_NEXT_STEPS = 3


@dataclass(frozen=True)
class Risk:
    """The findings of one rule for one CoP, told by the rule's own words: its title and its sponsor step."""

    rule: str
    title: str
    severity: str
    count: int
    sponsor_step: str  # what support a sponsor can offer (the rule's `sponsor_step`), never the convener's edit
    subjects: tuple[tuple[str, ...], ...] = ()  # what each finding is about (``Finding.subject``), in order
    also: tuple[Risk, ...] = ()  # the risks shown with this one, from the same cause (their rule's `shown_with`)


@dataclass(frozen=True)
class Changes:
    """What is new and what is no longer reported since an earlier date, matched by finding fingerprint."""

    new: tuple[Risk, ...] = ()
    resolved: tuple[Risk, ...] = ()
    known: bool = True  # False when the CoP could not be evaluated at the earlier date


@dataclass(frozen=True)
class CopView:
    anchor: str
    name: str
    path: str
    status: str  # one of STATUSES
    stage: str | None = None
    counts: tuple[tuple[str, int], ...] = ()  # severity → findings, most severe first
    needs_data: int = 0
    acknowledged: int = 0
    risks: tuple[Risk, ...] = ()
    activity: Activity = field(default_factory=Activity)
    changes: Changes | None = None
    problems: tuple[Location, ...] = ()  # where it could not be read
    history: tuple[tuple[dt.date, str], ...] = ()  # the status at each quarter's end (or NOT_STARTED), oldest first

    @property
    def last_session(self) -> Session | None:
        return self.activity.sessions[-1] if self.activity.sessions else None

    @property
    def next_steps(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.sponsor_step for r in self.risks))[:TOP_NEXT_STEPS]

    def count(self, severity: str) -> int:
        return dict(self.counts).get(severity, 0)

    @property
    def change_counts(self) -> tuple[int, int] | None:
        """Findings new and resolved since the earlier date; None when there is nothing to compare."""
        if self.changes is None or not self.changes.known:
            return None
        return sum(r.count for r in self.changes.new), sum(r.count for r in self.changes.resolved)


@dataclass(frozen=True)
class PortfolioFinding:
    """A portfolio rule's finding; its message is built from the portfolio fact (counts and dates) only."""

    title: str
    severity: str
    message: str
    sponsor_step: str


@dataclass(frozen=True)
class PortfolioView:
    version: str
    as_of: dt.date
    since: dt.date | None
    meeting_minutes: int  # the guidance on a session's length
    cops: tuple[CopView, ...]
    findings: tuple[PortfolioFinding, ...] = ()
    portfolio_checked: tuple[str, ...] = ()  # titles of the portfolio rules that ran
    problems: tuple[Location, ...] = ()  # config or rule packs that could not be read

    @property
    def stage_counts(self) -> tuple[tuple[str, int], ...]:
        counted = Counter(c.stage for c in self.cops if c.stage)
        return tuple((stage, counted.get(stage, 0)) for stage in STAGES)

    @property
    def status_counts(self) -> tuple[tuple[str, int], ...]:
        counted = Counter(c.status for c in self.cops)
        return tuple((status, counted.get(status, 0)) for status in STATUSES)


# --- building the view ------------------------------------------------------------------------------------------


def build_view(report: Report) -> PortfolioView:
    """The sponsors' view of a report: nothing is loaded or evaluated again."""
    redactor = Redactor(i for section in report.profiles for i in section.person_ids)
    words = {rule.id: rule.sponsor_words for rule in report.rules}
    folds = {rule.id: tuple(rule.shown_with) for rule in report.rules if rule.shown_with}
    cops = [_cop(section, redactor, words, folds) for section in report.profiles]
    ordered = sorted(cops, key=lambda c: (STATUSES.index(c.status), c.name.casefold(), c.path))
    portfolio = report.portfolio
    return PortfolioView(
        version=report.version,
        as_of=dt.date.fromisoformat(report.as_of),
        since=dt.date.fromisoformat(report.since) if report.since else None,
        meeting_minutes=report.thresholds.meeting_minutes,
        cops=tuple(replace(cop, anchor=f"cop-{n}") for n, cop in enumerate(ordered, start=1)),
        findings=tuple(_portfolio_finding(f, words) for f in portfolio.findings) if portfolio else (),
        portfolio_checked=tuple(c.title for c in portfolio.checks) if portfolio else (),
        problems=tuple(sorted({p.location for p in report.errors})),
    )


def _cop(
    section: Section, redactor: Redactor, words: Mapping[str, str], folds: Mapping[str, tuple[str, ...]]
) -> CopView:
    name = redactor.redact(section.title)
    path = redactor.redact(section.path)
    if section.errors or section.stage is None:
        locations = tuple(sorted({redactor.location(p.location) for p in section.errors}))
        return CopView("", name, path, "error", problems=locations or (Location(path),))
    return CopView(
        anchor="",
        name=name,
        path=path,
        status=status(section),
        stage=section.stage.inferred,
        counts=severity_counts(section.findings),
        needs_data=section.needs_data,
        acknowledged=len(section.suppressed),
        risks=folded(risks(section.findings, words), folds),
        activity=section.activity,
        changes=changes(section.since, words) if section.since is not None else None,
        history=tuple((dt.date.fromisoformat(day), state) for day, state in section.history),
    )


def severity_counts(findings: Iterable[Finding]) -> tuple[tuple[str, int], ...]:
    counted = Counter(f.severity for f in findings)
    return tuple((severity, counted.get(severity, 0)) for severity in SEVERITIES_WORST_FIRST)


def risks(findings: Iterable[Finding], words: Mapping[str, str]) -> tuple[Risk, ...]:
    """One entry per rule, in the sponsors' words (``words``: rule id → sponsor step): the natural-end finding
    first, then most severe, the most findings, by rule id."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.rule].append(finding)
    entries = [
        Risk(
            rule,
            group[0].title,
            max((f.severity for f in group), key=severity_rank),
            len(group),
            words.get(rule, SPONSOR_STEP_FALLBACK),
            tuple(dict.fromkeys(f.subject for f in sorted(group, key=lambda f: f.subject))),
        )
        for rule, group in grouped.items()
    ]
    # The natural-end advice leads (SPEC §4: natural endings come first), then the most severe.
    return tuple(sorted(entries, key=lambda r: (r.rule != NATURAL_END, worst_first(r.severity), -r.count, r.rule)))


def folded(entries: tuple[Risk, ...], folds: Mapping[str, tuple[str, ...]]) -> tuple[Risk, ...]:
    """One situation shown once: a risk whose rule is shown with others (``folds``: rule id → its `shown_with`)
    goes under the first of them found here, as a "see also"; the counts still count its findings."""
    present = {risk.rule for risk in entries}
    host = {r.rule: next((o for o in folds.get(r.rule, ()) if o in present), None) for r in entries}

    def with_also(risk: Risk) -> Risk:
        under = tuple(with_also(other) for other in entries if host[other.rule] == risk.rule)
        return replace(risk, also=under) if under else risk

    return tuple(with_also(risk) for risk in entries if host[risk.rule] is None)


def changes(since: Since, words: Mapping[str, str]) -> Changes:
    """The findings new since the earlier date, and those it had that are no longer reported, by rule."""
    if not since.known:
        return Changes(known=False)
    return Changes(new=risks(since.new, words), resolved=risks(since.resolved, words))


def _portfolio_finding(finding: Finding, words: Mapping[str, str]) -> PortfolioFinding:
    step = words.get(finding.rule, SPONSOR_STEP_FALLBACK)
    return PortfolioFinding(finding.title, finding.severity, finding.message, step)


# --- anonymity --------------------------------------------------------------------------------------------------


class Redactor:
    """Blanks out each person id of a portfolio wherever it stands in a text as a whole token, in time linear
    in the text: ids are indexed by their first word (or, for an id that starts with another character, by
    that character), so each place in the text is tried only against the ids that could start there.

    The same result as one regular expression ``(?<!\\w)ID(?!\\w)`` of every id, longest first, without
    building and sorting the portfolio's ids for every text."""

    def __init__(self, ids: Iterable[str]) -> None:
        index: dict[str, list[str]] = defaultdict(list)
        for i in sorted({i for i in ids if i.strip()}, key=lambda i: (-len(i), i)):
            index[_head(i)].append(i)
        self._index = dict(index)

    def redact(self, text: str) -> str:
        if not self._index:
            return text
        out: list[str] = []
        pos = done = 0
        while pos < len(text):
            found = self._at(text, pos) if pos == 0 or not _word(text[pos - 1]) else None
            if found:
                out += [text[done:pos], REDACTED]
                pos = done = pos + len(found)
            else:
                pos += 1
        return "".join([*out, text[done:]])

    def _at(self, text: str, pos: int) -> str | None:
        """The longest id standing as a whole token at ``pos``, if any."""
        head = _WORD.match(text, pos)
        for candidate in self._index.get(head.group() if head else text[pos], ()):
            end = pos + len(candidate)
            if text.startswith(candidate, pos) and (end == len(text) or not _word(text[end])):
                return candidate
        return None

    def location(self, location: Location) -> Location:
        return Location(self.redact(location.path), location.line, location.column)


_WORD = re.compile(r"\w+")


def _word(char: str) -> bool:
    return _WORD.fullmatch(char) is not None


def _head(person_id: str) -> str:
    head = _WORD.match(person_id)
    return head.group() if head else person_id[0]

"""The sponsors' view of a portfolio: what `copadvisor report` shows, anonymised by construction.

Sponsors have no oversight role in a CoP (SPEC §1), so this view carries aggregates only: each CoP's stage and
its history, a red/amber/green status, counts of findings, the rules that found them (title and next step,
never the finding's message, which may name a role's holder or a sponsor), and the length, attendance and gaps
of its sessions. No field holds a person id, an attendee list, notes or themes; the only profile text left (the
CoP's name and path) has every person id of the portfolio blanked out as a precaution.
"""

from __future__ import annotations

import datetime as dt
import pickle
import tempfile
import weakref
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO, NamedTuple, overload

from copadvisor.errors import Location
from copadvisor.facts.activity import Activity, Session
from copadvisor.facts.voice import Tally
from copadvisor.model import STANDARD_QUESTIONS
from copadvisor.redaction import Redactor
from copadvisor.report import Finding, Report, Section, Since, status
from copadvisor.rulepack.model import SPONSOR_STEP_FALLBACK, Rule
from copadvisor.terms import NATURAL_END, SEVERITIES_WORST_FIRST, STAGES, STATUSES, severity_rank, worst_first

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
    cops: Sequence[CopView]  # worst status first (``Stored`` when built from a run)
    findings: tuple[PortfolioFinding, ...] = ()
    portfolio_checked: tuple[str, ...] = ()  # titles of the portfolio rules that ran
    problems: tuple[Location, ...] = ()  # config or rule packs that could not be read

    @property
    def stage_counts(self) -> tuple[tuple[str, int], ...]:
        counted = Counter(stage for _, stage in _states(self.cops) if stage)
        return tuple((stage, counted.get(stage, 0)) for stage in STAGES)

    @property
    def status_counts(self) -> tuple[tuple[str, int], ...]:
        counted = Counter(state for state, _ in _states(self.cops))
        return tuple((status, counted.get(status, 0)) for status in STATUSES)

    @property
    def unread(self) -> tuple[CopView, ...]:
        """The CoPs that could not be read (status ``error``), in order."""
        return tuple(self.cops[i] for i, (state, _) in enumerate(_states(self.cops)) if state == "error")


# --- building the view ------------------------------------------------------------------------------------------


def build_view(report: Report) -> PortfolioView:
    """The sponsors' view of a report: nothing is loaded or evaluated again."""
    views = Views(report.rules)
    for section in report.sections:
        views.add(section)
    return views.view(report)


class Views:
    """The sponsors' view built as a run's sections arrive (``copadvisor.runner.Run.sections``): each CoP's
    view is made when its section comes and only the view is kept (counts, risks, activity: a few KB, not the
    section with its findings and checks). The CoPs' names and paths are redacted at the end (``view``), once
    every person id of the portfolio is known; the same view as ``build_view`` of the whole report."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        rules = tuple(rules)
        self.words = {rule.id: rule.sponsor_words for rule in rules}
        self.folds = {rule.id: tuple(rule.shown_with) for rule in rules if rule.shown_with}
        self.ids: set[str] = set()
        self.cops: list[Entry] = []
        self.packer = Packer()
        self.portfolio: Section | None = None

    def add(self, section: Section) -> None:
        if section.kind == "portfolio":
            self.portfolio = self.portfolio or section
        elif section.kind == "profile":
            self.ids.update(section.person_ids)
            cop = _cop(section, self.words, self.folds)
            kept = cop if len(self.cops) < KEPT_AS_OBJECTS else self.packer.pack(cop)
            self.cops.append(Entry(cop.status, cop.stage, cop.name, cop.path, kept))

    def view(self, report: Report) -> PortfolioView:
        """The view of the run whose head (everything but the sections) is ``report``."""
        redactor = Redactor(self.ids)
        keys = [
            (STATUSES.index(e.status), redactor.redact(e.name).casefold(), redactor.redact(e.path)) for e in self.cops
        ]
        ordered = sorted(range(len(self.cops)), key=keys.__getitem__)
        portfolio = self.portfolio
        return PortfolioView(
            version=report.version,
            as_of=dt.date.fromisoformat(report.as_of),
            since=dt.date.fromisoformat(report.since) if report.since else None,
            meeting_minutes=report.thresholds.meeting_minutes,
            cops=Stored(tuple(self.cops[i] for i in ordered), redactor, self.packer),
            findings=tuple(_portfolio_finding(f, self.words) for f in portfolio.findings) if portfolio else (),
            portfolio_checked=tuple(c.title for c in portfolio.checks) if portfolio else (),
            problems=tuple(sorted({p.location for p in report.errors})),
        )


# A run keeps this many CoPs' views as objects (~12 KB each, most of it their sessions and gaps); every one
# after them is pickled, compressed (~1 KB) and put aside in a temporary file, so that the run's memory does
# not grow with the portfolio but by the few hundred bytes that order and count a CoP.
KEPT_AS_OBJECTS = 200

Packed = tuple[int, int]  # where a packed view is in the packer's file: offset, length


class Entry(NamedTuple):
    """A CoP of the view being built: what orders and counts it, and its view (or where it is packed)."""

    status: str
    stage: str | None
    name: str  # not yet redacted, nor the path
    path: str
    view: CopView | Packed


class Packer:
    """CopViews as compressed pickles in a temporary file (removed when the packer goes), the first one packed
    being the dictionary of every other: the views of a portfolio share most of their words (class names,
    rule titles, sponsor steps)."""

    def __init__(self) -> None:
        self.shared: bytes | None = None
        self.file: BinaryIO | None = None
        self.size = 0

    def pack(self, cop: CopView) -> Packed:
        pickled = pickle.dumps(cop, pickle.HIGHEST_PROTOCOL)
        if self.shared is None or self.file is None:
            self.shared = pickled[-ZDICT_BYTES:]
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the packer goes
            weakref.finalize(self, self.file.close)
        packing = zlib.compressobj(6, zdict=self.shared)
        packed = packing.compress(pickled) + packing.flush()
        self.file.seek(self.size)
        self.file.write(packed)
        where = (self.size, len(packed))
        self.size += len(packed)
        return where

    def unpack(self, where: Packed) -> CopView:
        if self.file is None or self.shared is None:
            raise LookupError("nothing was packed")
        self.file.seek(where[0])
        unpacking = zlib.decompressobj(zdict=self.shared)
        cop: CopView = pickle.loads(unpacking.decompress(self.file.read(where[1])) + unpacking.flush())
        return cop  # (our own bytes, written by this process)


ZDICT_BYTES = 32 * 1024  # zlib's window: what a dictionary can lend


class Stored(Sequence[CopView]):
    """The CoPs of a view in the order given, each made again when read (unpacked if packed), redacted and
    numbered (``cop-1`` first); their statuses and stages are at hand without that (``states``)."""

    def __init__(self, entries: Sequence[Entry], redactor: Redactor, packer: Packer) -> None:
        self._entries = entries
        self._redactor = redactor
        self._packer = packer

    @property
    def states(self) -> tuple[tuple[str, str | None], ...]:
        return tuple((e.status, e.stage) for e in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> CopView: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[CopView, ...]: ...
    def __getitem__(self, index: int | slice) -> CopView | tuple[CopView, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        number = range(len(self))[index]  # IndexError as a tuple gives it; negative indexes from the end
        kept = self._entries[number].view
        cop = _redacted(kept if isinstance(kept, CopView) else self._packer.unpack(kept), self._redactor)
        return replace(cop, anchor=f"cop-{number + 1}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Stored({len(self)} CoPs)"


def _states(cops: Sequence[CopView]) -> Sequence[tuple[str, str | None]]:
    return cops.states if isinstance(cops, Stored) else tuple((c.status, c.stage) for c in cops)


def _cop(section: Section, words: Mapping[str, str], folds: Mapping[str, tuple[str, ...]]) -> CopView:
    """A CoP's view, its name, path and problems as written (``_redacted`` blanks the person ids out)."""
    if section.errors or section.stage is None:
        problems = tuple(p.location for p in section.errors)
        return CopView("", section.title, section.path, "error", problems=problems)
    return CopView(
        anchor="",
        name=section.title,
        path=section.path,
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


UNREAD = "A profile that could not be read"


def _redacted(cop: CopView, redactor: Redactor) -> CopView:
    """The CoP with every person id of the portfolio blanked out of its name, its path and the questions of
    its pulses (a pulse may ask about a person: ``jc_listens_to_members``). A profile that could not be read
    shows neither its name nor its path: its own ids were never read, so nothing could blank them out
    (``AK's outreach CoP`` in ``profiles/AK-outreach``); ``copadvisor lint`` shows its convener where it is."""
    if cop.status == "error":
        return replace(cop, name=UNREAD, path="", problems=())
    pulses = tuple(replace(p, tallies=tuple(_question(t, redactor) for t in p.tallies)) for p in cop.activity.pulses)
    activity = replace(cop.activity, pulses=pulses) if pulses else cop.activity
    return replace(cop, name=redactor.redact(cop.name), path=redactor.redact(cop.path), activity=activity)


def _question(tally: Tally, redactor: Redactor) -> Tally:
    """A pulse's question with person ids blanked out; the standard questions are the tool's own words."""
    if tally.question in STANDARD_QUESTIONS:
        return tally
    return replace(tally, question=redactor.redact(tally.question))


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

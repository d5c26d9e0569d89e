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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from copadvisor.errors import Location
from copadvisor.facts import Facts, Value, derive
from copadvisor.facts.dates import add_months
from copadvisor.facts.stage import infer_stage
from copadvisor.facts.timeline import build_timeline
from copadvisor.load import LoadedProfile, load_paths
from copadvisor.model import STAGES, EventBase, Meeting, PlanningMeeting, Profile, RoleChange, TaskProposed, Training
from copadvisor.pipeline import Options, Prepared, run
from copadvisor.report import Finding, ProfileReport, Report, severity_rank
from copadvisor.rulepack.model import SEVERITIES
from copadvisor.thresholds import Thresholds

STATUSES = ("red", "amber", "green", "unread")  # worst first
REDACTED = "…"
TOP_NEXT_STEPS = 3


@dataclass(frozen=True)
class Session:
    """A launch or meeting: when, how long and how many came (a total: never who)."""

    date: dt.date
    launch: bool
    minutes: int | None
    attendance: int | None


@dataclass(frozen=True)
class Gap:
    start: dt.date
    end: dt.date  # the next session, or the as-of date
    days: int
    limit_days: float
    ongoing: bool

    @property
    def over(self) -> bool:
        return self.days > self.limit_days


@dataclass(frozen=True)
class StagePeriod:
    stage: str
    start: dt.date
    end: dt.date  # the next period's start, or the as-of date


@dataclass(frozen=True)
class Risk:
    """The findings of one rule for one CoP, told by the rule's own words."""

    rule: str
    title: str
    severity: str
    count: int
    next_step: str


@dataclass(frozen=True)
class Activity:
    sessions: tuple[Session, ...] = ()
    gaps: tuple[Gap, ...] = ()
    stages: tuple[StagePeriod, ...] = ()


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
    stage_evidence: str = ""
    counts: tuple[tuple[str, int], ...] = ()  # severity → findings, most severe first
    needs_data: int = 0
    acknowledged: int = 0
    risks: tuple[Risk, ...] = ()
    activity: Activity = Activity()
    changes: Changes | None = None
    problems: tuple[Location, ...] = ()  # where it could not be read

    @property
    def last_session(self) -> Session | None:
        return self.activity.sessions[-1] if self.activity.sessions else None

    @property
    def next_steps(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.next_step for r in self.risks))[:TOP_NEXT_STEPS]

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
    next_step: str


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


def survey(
    paths: Sequence[str], options: Options, prepared: Prepared, since: dt.date | None
) -> tuple[Report, PortfolioView]:
    """Evaluate ``paths`` (and again at ``since``) and build the sponsors' view; the report gives the exit code."""
    report = run(paths, options, prepared)
    loaded = [r for r in load_paths(paths) if isinstance(r, LoadedProfile)]
    previous = run(paths, replace(options, as_of=since), prepared) if since else None
    return report, build_view(report, loaded, options.thresholds, previous)


def build_view(
    report: Report, loaded: Sequence[LoadedProfile], thresholds: Thresholds, previous: Report | None = None
) -> PortfolioView:
    as_of = dt.date.fromisoformat(report.as_of)
    by_path = {p.path: p for p in loaded}
    ids = frozenset(i for p in loaded for i in person_ids(p.profile))
    before = {p.path: p for p in previous.profiles} if previous else None
    cops = [_cop(profile, by_path.get(profile.path), thresholds, as_of, ids, before) for profile in report.profiles]
    ordered = sorted(cops, key=lambda c: (STATUSES.index(c.status), c.name.casefold(), c.path))
    portfolio = report.portfolio
    return PortfolioView(
        version=report.version,
        as_of=as_of,
        since=dt.date.fromisoformat(previous.as_of) if previous else None,
        meeting_minutes=thresholds.meeting_minutes,
        cops=tuple(replace(cop, anchor=f"cop-{n}") for n, cop in enumerate(ordered, start=1)),
        findings=tuple(_portfolio_finding(f) for f in portfolio.findings) if portfolio else (),
        portfolio_checked=tuple(c.title for c in portfolio.checks) if portfolio else (),
        problems=tuple(sorted({p.location for p in report.errors})),
    )


def _cop(
    profile: ProfileReport,
    loaded: LoadedProfile | None,
    thresholds: Thresholds,
    as_of: dt.date,
    ids: frozenset[str],
    before: Mapping[str, ProfileReport] | None,
) -> CopView:
    name = redact(profile.name or profile.slug, ids)
    path = redact(profile.path, ids)
    if profile.errors or profile.stage is None or loaded is None:
        locations = tuple(sorted({redact_location(p.location, ids) for p in profile.errors}))
        return CopView("", name, path, "unread", problems=locations or (Location(path),))
    return CopView(
        anchor="",
        name=name,
        path=path,
        status=status(profile.findings),
        stage=profile.stage.inferred,
        stage_evidence=profile.stage.evidence,
        counts=severity_counts(profile.findings),
        needs_data=len(profile.unknowns),
        acknowledged=len(profile.suppressed),
        risks=risks(profile.findings),
        activity=activity(loaded, as_of, thresholds),
        changes=changes(profile, before.get(profile.path)) if before is not None else None,
    )


def status(findings: Iterable[Finding]) -> str:
    """Red with any high finding, amber with any medium, else green (SPEC §5, `report`)."""
    severities = {f.severity for f in findings}
    if "high" in severities:
        return "red"
    return "amber" if "medium" in severities else "green"


def severity_counts(findings: Iterable[Finding]) -> tuple[tuple[str, int], ...]:
    counted = Counter(f.severity for f in findings)
    return tuple((severity, counted.get(severity, 0)) for severity in reversed(SEVERITIES))


def risks(findings: Iterable[Finding]) -> tuple[Risk, ...]:
    """One entry per rule: most severe first, then the most findings, then by rule id."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.rule].append(finding)
    entries = [
        Risk(rule, group[0].title, max((f.severity for f in group), key=severity_rank), len(group), group[0].next_step)
        for rule, group in grouped.items()
    ]
    return tuple(sorted(entries, key=lambda r: (-severity_rank(r.severity), -r.count, r.rule)))


def changes(now: ProfileReport, then: ProfileReport | None) -> Changes:
    """Findings new since the earlier evaluation, and those it had that are no longer reported."""
    if then is None or then.errors:
        return Changes(known=False)
    before = {f.fingerprint for f in then.findings}
    after = {f.fingerprint for f in now.findings}
    return Changes(
        new=risks(f for f in now.findings if f.fingerprint not in before),
        resolved=risks(f for f in then.findings if f.fingerprint not in after),
    )


def _portfolio_finding(finding: Finding) -> PortfolioFinding:
    return PortfolioFinding(finding.title, finding.severity, finding.message, finding.next_step)


# --- sessions, gaps and stages ------------------------------------------------------------------------------------


def activity(loaded: LoadedProfile, as_of: dt.date, thresholds: Thresholds) -> Activity:
    facts = derive(loaded, as_of, thresholds)
    return Activity(sessions(facts), gaps(facts), stage_periods(loaded.profile, as_of, thresholds))


def sessions(facts: Facts) -> tuple[Session, ...]:
    return tuple(
        Session(
            _date(f.values["date"]),
            f.values["type"] == "launch",
            _int(f.values["minutes"]),
            _int(f.values["attendance"]),
        )
        for f in facts.of_kind("session")
    )


def gaps(facts: Facts) -> tuple[Gap, ...]:
    return tuple(
        Gap(
            start=_date(f.values["from_date"]),
            end=_date(f.values["to_date"]),
            days=_int(f.values["days"]) or 0,
            limit_days=float(_number(f.values["limit_days"])),
            ongoing=f.values["ongoing"] is True,
        )
        for f in facts.of_kind("gap")
    )


def stage_periods(profile: Profile, as_of: dt.date, thresholds: Thresholds) -> tuple[StagePeriod, ...]:
    """The stages the CoP went through, from its first event to the as-of date, by SPEC §2's inference run at
    every date where the inferred stage can change."""
    starts: list[tuple[str, dt.date]] = []
    for day in _turning_points(profile, as_of, thresholds):
        stage = infer_stage(build_timeline(profile, day), day, thresholds).stage
        if not starts or starts[-1][0] != stage:
            starts.append((stage, day))
    if not starts:
        return ()
    ends = [start for _, start in starts[1:]] + [as_of]
    return tuple(StagePeriod(stage, start, end) for (stage, start), end in zip(starts, ends, strict=True))


def _turning_points(profile: Profile, as_of: dt.date, thresholds: Thresholds) -> list[dt.date]:
    timeline = build_timeline(profile, as_of)
    if not timeline.events:
        return []
    points = {timeline.events[0][1].date, *(e.date for _, e in timeline.sessions)}
    if timeline.closed:
        points.add(timeline.closed[1].date)
    if timeline.launch_date:
        launch = timeline.launch_date
        points |= {add_months(launch, thresholds.coalescing_months), add_months(launch, thresholds.maturing_months)}
    return sorted(day for day in points if day <= as_of)


def _date(value: Value) -> dt.date:
    if not isinstance(value, dt.date):  # pragma: no cover - the facts step always dates sessions and gaps
        raise TypeError(f"expected a date, got {value!r}")
    return value


def _number(value: Value) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):  # pragma: no cover - see _date
        raise TypeError(f"expected a number, got {value!r}")
    return value


def _int(value: Value) -> int | None:
    return None if value is None else round(_number(value))


# --- anonymity --------------------------------------------------------------------------------------------------


def person_ids(profile: Profile) -> frozenset[str]:
    """Every person id a profile holds, wherever it stands (register, convener, roles, sponsors, events)."""
    ids: set[str] = set()
    convener = profile.convener
    if convener:
        ids.update(i for i in (convener.id, convener.successor) if i)
    ids.update(p.id for p in profile.people or ())
    ids.update(i for holders in (profile.roles or {}).values() for i in holders)
    ids.update(profile.planning_group or ())
    ids.update(s.id for s in profile.sponsors or ())
    for event in profile.events or ():
        ids.update(i for i in _event_ids(event) if i)
    return frozenset(ids)


def _event_ids(event: EventBase) -> tuple[str | None, ...]:
    if isinstance(event, PlanningMeeting):
        return tuple(event.attendees or ())
    if isinstance(event, Meeting):
        return tuple(event.convened_by or ())
    if isinstance(event, TaskProposed):
        return (event.by,)  # a person id, or a role
    if isinstance(event, RoleChange):
        return (event.from_, event.to)
    if isinstance(event, Training):
        return (event.person,)
    return ()


def redact(text: str, ids: Iterable[str]) -> str:
    """``text`` with each person id that stands in it as a whole token replaced by an ellipsis."""
    words = sorted({i for i in ids if i.strip()}, key=lambda i: (-len(i), i))
    if not words:
        return text
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words))
    return pattern.sub(REDACTED, text)


def redact_location(location: Location, ids: Iterable[str]) -> Location:
    return Location(redact(location.path, ids), location.line, location.column)

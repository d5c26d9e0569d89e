"""What a CoP did, in aggregates: its sessions (when, how long, how many came), the gaps between them and the
stages it went through. Derived once with the facts; the sponsors' view draws its timelines and charts from it.

Never who: no record here holds a person id, an attendee list, notes or themes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from copadvisor.facts import voice
from copadvisor.facts.base import Fact, Timeline, Value
from copadvisor.facts.dates import add_months
from copadvisor.facts.stage import stage_at
from copadvisor.thresholds import Thresholds


@dataclass(frozen=True, slots=True)
class Session:
    """A launch or meeting: when, how long and how many came (a total: never who)."""

    date: dt.date
    launch: bool
    minutes: int | None
    attendance: int | None


@dataclass(frozen=True, slots=True)
class Gap:
    start: dt.date
    end: dt.date  # the next session, or the as-of date
    days: int
    limit_days: float
    ongoing: bool

    @property
    def over(self) -> bool:
        return self.days > self.limit_days


@dataclass(frozen=True, slots=True)
class StagePeriod:
    stage: str
    start: dt.date
    end: dt.date  # the next period's start, or the as-of date


@dataclass(frozen=True, slots=True)
class Activity:
    sessions: tuple[Session, ...] = ()
    gaps: tuple[Gap, ...] = ()  # once the CoP has closed, no gap runs on after its last session
    stages: tuple[StagePeriod, ...] = ()
    closed: dt.date | None = None  # the date of its closing
    pulses: tuple[voice.PulseResult, ...] = ()  # members' pulses with enough responses to show (counts, never who)


def activity(items: Sequence[Fact], timeline: Timeline, as_of: dt.date, thresholds: Thresholds) -> Activity:
    """The sessions and gaps of the derived facts, and the stage history of the timeline. A closed CoP has no
    gap open to the as-of date: the time since its last session is not a gap between sessions."""
    closed = timeline.closed[1].date if timeline.closed and timeline.closed[1].date <= as_of else None
    sessions = tuple(_session(f.values) for f in items if f.kind == "session")
    gaps = tuple(g for g in (_gap(f.values) for f in items if f.kind == "gap") if not (closed and g.ongoing))
    stages = stage_history(timeline, as_of, thresholds)
    return Activity(sessions, gaps, stages, closed, voice.results(timeline, thresholds))


def _session(v: Mapping[str, Value]) -> Session:
    return Session(_date(v["date"]), v["type"] == "launch", _int(v["minutes"]), _int(v["attendance"]))


def _gap(v: Mapping[str, Value]) -> Gap:
    return Gap(
        start=_date(v["from_date"]),
        end=_date(v["to_date"]),
        days=_int(v["days"]) or 0,
        limit_days=float(_number(v["limit_days"])),
        ongoing=v["ongoing"] is True,
    )


def stage_history(timeline: Timeline, as_of: dt.date, thresholds: Thresholds) -> tuple[StagePeriod, ...]:
    """The stages the CoP went through, from its first event to the as-of date: SPEC §2's inference at every
    date where the inferred stage can change (each session, the closing, the launch's month marks).

    One pass over the timeline: the state of the log at an earlier date is read from it by date, not rebuilt.
    """
    if not timeline.events:
        return ()
    launch = timeline.launch_date
    closed = timeline.closed[1].date if timeline.closed else None
    after = [m.date for _, m in timeline.meetings_after_launch]  # in date order
    starts: list[tuple[str, dt.date]] = []
    for day in _turning_points(timeline, as_of, thresholds):
        stage = stage_at(
            day,
            launch if launch is not None and launch <= day else None,
            bisect.bisect_right(after, day),
            closed if closed is not None and closed <= day else None,
            thresholds,
        )
        if not starts or starts[-1][0] != stage:
            starts.append((stage, day))
    ends = [start for _, start in starts[1:]] + [as_of]
    return tuple(StagePeriod(stage, start, end) for (stage, start), end in zip(starts, ends, strict=True))


def _turning_points(timeline: Timeline, as_of: dt.date, thresholds: Thresholds) -> list[dt.date]:
    points = {timeline.events[0][1].date, *(e.date for _, e in timeline.sessions)}
    if timeline.closed:
        points.add(timeline.closed[1].date)
    launch = timeline.launch_date
    if launch:
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

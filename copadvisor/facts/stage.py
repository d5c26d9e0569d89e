"""Lifecycle stage inferred from the event log (SPEC §2), with the evidence behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from copadvisor.facts.base import Timeline
from copadvisor.facts.dates import add_months
from copadvisor.model import STAGES
from copadvisor.thresholds import Thresholds

NEXT = "next"


def following(stage: str) -> str:
    """The stage after ``stage``; transformation is the last."""
    return STAGES[min(STAGES.index(stage) + 1, len(STAGES) - 1)]


@dataclass(frozen=True)
class StageEvidence:
    stage: str
    reason: str  # one plain sentence, shown to people
    launch: dt.date | None
    meetings_after_launch: int
    closed: dt.date | None


def infer_stage(timeline: Timeline, as_of: dt.date, limits: Thresholds) -> StageEvidence:
    launch, meetings = timeline.launch_date, len(timeline.meetings_after_launch)
    closed = timeline.closed[1].date if timeline.closed else None

    def evidence(stage: str, reason: str) -> StageEvidence:
        return StageEvidence(stage, reason, launch, meetings, closed)

    if closed is not None:
        return evidence("transformation", f"closed on {closed}")
    if launch is None:
        return evidence("potential", "no launch event yet")
    since = f"launched on {launch}, {meetings} meeting(s) since"
    if as_of < add_months(launch, limits.coalescing_months) or meetings < limits.coalescing_meetings:
        return evidence("coalescing", since)
    if as_of < add_months(launch, limits.maturing_months):
        return evidence("maturing", since)
    return evidence("stewardship", since)

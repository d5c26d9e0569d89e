"""Lifecycle stage inferred from the event log (SPEC §2), with the evidence behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from copadvisor.facts.base import Timeline
from copadvisor.facts.dates import add_months
from copadvisor.terms import STAGES
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
    stage = stage_at(as_of, launch, meetings, closed, limits)
    if stage == "transformation":
        reason = f"closed on {closed}"
    elif stage == "potential":
        reason = "no launch event yet"
    else:
        reason = f"launched on {launch}, {meetings} meeting(s) since"
    return StageEvidence(stage, reason, launch, meetings, closed)


def stage_at(
    day: dt.date, launch: dt.date | None, meetings_after_launch: int, closed: dt.date | None, limits: Thresholds
) -> str:
    """SPEC §2's inference from what the log holds up to ``day``: closed, launched, meetings since the launch."""
    if closed is not None:
        return "transformation"
    if launch is None:
        return "potential"
    if day < add_months(launch, limits.coalescing_months) or meetings_after_launch < limits.coalescing_meetings:
        return "coalescing"
    if day < add_months(launch, limits.maturing_months):
        return "maturing"
    return "stewardship"

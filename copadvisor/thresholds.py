"""The configurable numbers behind stage inference, facts and rules, with their sources."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

PositiveInt = Annotated[int, Field(ge=1, le=10_000)]
PositiveNumber = Annotated[float, Field(gt=0, le=10_000)]


class Thresholds(BaseModel):
    """Defaults follow SPEC §2 and §4; where no source publishes a number, the default is a proposal."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # Stage inference (SPEC §2).
    coalescing_months: PositiveInt = 6
    coalescing_meetings: PositiveInt = 4
    maturing_months: PositiveInt = 18
    # Meetings: two hours is the best minimum (seed tip 5).
    meeting_minutes: PositiveInt = 120
    min_cadence_weeks: PositiveNumber = 4
    gap_cadence_multiplier: PositiveNumber = 2
    gap_default_days: PositiveInt = 90
    # About 9 months stuck in the launch phase (FeverBee).
    stuck_coalescing_months: PositiveInt = 9
    succession_warning_months: PositiveInt = 6
    # A founding core of at least 2 to 3 people (Health Foundation Q toolkit).
    planning_group_min: PositiveInt = 3
    membership_review_months: PositiveInt = 12
    value_evidence_months: PositiveInt = 6
    ending_attendance_ratio: Annotated[float, Field(gt=0, le=1)] = 0.5
    ending_quiet_months: PositiveInt = 6
    portfolio_window_months: PositiveInt = 6
    portfolio_new_cops: PositiveInt = 3


THRESHOLD_NAMES: frozenset[str] = frozenset(Thresholds.model_fields)

"""The configurable numbers behind stage inference, facts and rules, with their sources."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

PositiveInt = Annotated[int, Field(ge=1, le=10_000)]
# Positive, and not so small that it means nothing (nor that the engines read it as `1e-05`).
PositiveNumber = Annotated[float, Field(ge=0.01, le=10_000)]
Share = Annotated[float, Field(ge=0.01, le=1)]
Percent = Annotated[float, Field(ge=0.01, le=100)]


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
    # A gap after which the rhythm has held for this many sessions in a row is history, not a current risk: the
    # rhythm balances momentum with practitioners' capacity (seed tip 5), and it has recovered (a proposal).
    gap_held_sessions: PositiveInt = 3
    # A named co-convener who convened none of the last this many meetings has stopped sharing the convening
    # (seed: shared convening and succession; a proposal for the number).
    co_convener_inactive_meetings: PositiveInt = 3
    # About 9 months stuck in the launch phase (FeverBee).
    stuck_coalescing_months: PositiveInt = 9
    succession_warning_months: PositiveInt = 6
    # A founding core of at least 2 to 3 people (Health Foundation Q toolkit).
    planning_group_min: PositiveInt = 3
    membership_review_months: PositiveInt = 12
    value_evidence_months: PositiveInt = 6
    ending_attendance_ratio: Share = 0.5
    ending_quiet_months: PositiveInt = 6
    portfolio_window_months: PositiveInt = 6
    portfolio_new_cops: PositiveInt = 3

    # Beyond SPEC's required rules. Where a source publishes no number, the default is a proposal.
    # Early sessions are left out of attendance trends: early dips are expected (seed tip 3; WMS 2002).
    attendance_settling_meetings: PositiveInt = 3
    attendance_decline_ratio: Share = 0.75
    # A steady fall from the first meetings on: each of the last 3 meetings lower than the session before, and
    # 30% or more below the best meeting after the launch (CHAOSS Meeting Attendee Count; a proposal).
    attendance_falling_meetings: PositiveInt = 3
    attendance_fall_percent: Percent = 30
    # Dialogue between inside and outside perspectives (WMS 2002, principle 2): once a year at least.
    external_voice_months: PositiveInt = 12
    # Most of the last 3 meetings convened by a manager or sponsor; managers' share of the room (Stewart 1996).
    manager_convened_meetings: PositiveInt = 2
    manager_attendance_percent: Percent = 30
    # A change of convener without a handover matters for a year (Gongla & Rizzuto 2001).
    handover_window_months: PositiveInt = 12
    # The core group is typically 10-15% of members (WMS 2002).
    core_group_percent_min: Percent = 10
    # Planning meetings this recent show who still takes part in planning (World Bank 2021: the core meets).
    planning_absence_months: PositiveInt = 12
    # Planning that has not met for this long while one person convenes alone has fallen to that person (seed:
    # Who did the work?, the planning group met between sessions; a proposal for the number).
    planning_lapse_months: PositiveInt = 6
    # Value evidence beyond the immediate cycle after a year (Wenger, Trayner & de Laat 2011).
    value_cycle_months: PositiveInt = 12
    # A quiet CoP whose members were in touch this recently is dispersed, not dead (Wenger 1998).
    dispersed_contact_months: PositiveInt = 3
    # A sponsor's suggestion left waiting for the members' decision (seed: members decide).
    task_pending_months: PositiveInt = 3
    # Regular reports give sponsors insight, not oversight (seed: Who did the work?; tip 4). An annual report to a
    # governance board is a normal, healthy cycle (SPEC §4, Calibration): a year and a month's slack for board dates.
    governance_report_months: PositiveInt = 13
    # Protected hours per meeting cycle: a two-hour meeting and as long again to prepare and follow up.
    convener_hours_per_meeting_min: PositiveNumber = 4
    # Somebody joins, leaves or changes a role at least once a year in stewardship (WMS 2002).
    core_renewal_months: PositiveInt = 12
    # Members' voice (seed tip 14). A pulse counts from 5 responses: fewer say little and identify people.
    pulse_min_responses: Annotated[int, Field(ge=5, le=10_000)] = 5  # never fewer: smaller groups identify people
    # A quarter disagreeing that they can be heard (or feel safe to speak); a third doubting it is worth it.
    voice_disagree_percent: Percent = 25
    worth_disagree_percent: Percent = 33.33
    # A check-in with members (a pulse or meeting feedback) at least once a year.
    pulse_months: PositiveInt = 12
    # A change in agreement of 10 percentage points or more since the previous pulse is a trend.
    pulse_trend_points: Percent = 10
    # A CoP that members chose to keep small has grown by half again since the launch (seed tip 2; a proposal).
    start_small_growth_ratio: PositiveNumber = 1.5

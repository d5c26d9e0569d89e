"""What to record, in the profile's own spelling, for every fact that can be *not recorded* (SPEC §4,
"Unknowns speak the profile's language"): a field of ``cop.yaml``, an event type, or a field of some events of
``events.yaml``. Never an internal fact name, never a derived value that cannot be recorded.

A test derives the facts of many generated profiles and fails when a fact that came out unrecorded has no
entry here, and checks every entry against the JSON Schemas of ``cop.yaml`` and ``events.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from copadvisor.facts.meetings import KIND_WINDOW_MONTHS
from copadvisor.model import STANDARD_QUESTIONS


@dataclass(frozen=True, order=True)
class Record:
    """A field path of cop.yaml (``path``), or an event type (``events``) with, optionally, one of its fields."""

    path: str = ""
    events: tuple[str, ...] = ()
    field: str = ""
    detail: str = ""  # how the field must be written, when its mere presence does not settle it ("by kind")
    within: str = ""  # which of those events settle it, when older ones do not ("of the past 12 months")
    wording: str = ""  # the whole phrase, when the events themselves are missing as often as the field

    @property
    def key(self) -> str:
        """For machines: ``convener.trained``, ``events: training``, ``events: launch|meeting.minutes``."""
        if self.path:
            return self.path
        return "events: " + "|".join(self.events) + (f".{self.field}" if self.field else "")

    def __str__(self) -> str:
        if self.wording:
            return self.wording
        if self.path:
            return f"`{self.path}` in cop.yaml"
        types = " or ".join(f"`{t}`" for t in self.events)
        if self.field:
            return f"`{self.field}` {self.detail + ' ' if self.detail else ''}on the {types} events" + (
                f" {self.within}" if self.within else ""
            )
        return f"a {types} event"


def field(path: str) -> Record:
    return Record(path=path)


def event(*types: str) -> Record:
    return Record(events=types)


def on(types: str | tuple[str, ...], name: str) -> Record:
    return Record(events=(types,) if isinstance(types, str) else types, field=name)


SESSIONS = ("launch", "meeting")
_ATTENDANCE = on(SESSIONS, "attendance")
_BY_KIND = Record(events=SESSIONS, field="attendance", detail="by kind")  # a total does not settle these
# Managers' share of the room is read from the sessions of the past year (a count by kind once or twice a year).
_BY_KIND_RECENT = replace(_BY_KIND, within=f"of the past {KIND_WINDOW_MONTHS} months")

RECORDS: Mapping[tuple[str, str], Record] = {
    ("acknowledged_risk", "until"): field("acknowledged_risks.until"),
    # Stage and launch.
    ("profile", "declared_stage"): field("stage"),
    ("profile", "template_placeholder"): field("name"),  # absent when no placeholder is left (never unknown)
    ("profile", "first_event_date"): event("planning_meeting", "launch"),
    ("profile", "launch_date"): event("launch"),
    ("profile", "days_since_launch"): event("launch"),
    ("profile", "months_since_launch"): event("launch"),
    ("profile", "launch_principles_introduced"): on("launch", "principles_introduced"),
    ("profile", "closed_date"): event("closed"),
    ("profile", "closed_reason"): on("closed", "reason"),
    ("profile", "closed_learning_captured"): on("closed", "learning_captured"),
    # Convener and succession.
    ("profile", "convener_hours"): field("convener.dedicated_hours_per_month"),
    ("profile", "convener_hours_per_meeting"): field("convener.dedicated_hours_per_month"),
    ("profile", "convener_trained"): field("convener.trained"),
    ("profile", "convener_left_on"): on("role_change", "to"),
    ("profile", "involvement_ends_in_months"): field("convener.involvement_ends"),
    ("profile", "involvement_ends_on"): field("convener.involvement_ends"),
    ("profile", "involvement_ends_in_weeks"): field("convener.involvement_ends"),
    ("profile", "meetings_before_involvement_ends"): field("practicalities.cadence_weeks"),
    ("profile", "planning_group_others"): field("planning_group"),
    ("profile", "sole_convener_meetings"): on("meeting", "convened_by"),
    ("profile", "sole_convener_all_meetings"): on("meeting", "convened_by"),
    ("profile", "sole_convener_id"): on("meeting", "convened_by"),
    ("profile", "planning_last_date"): event("planning_meeting"),
    ("profile", "planning_months_since"): event("planning_meeting"),
    ("profile", "meetings_since_planning"): event("planning_meeting"),
    ("profile", "successor_involved"): field("convener.successor"),
    ("profile", "last_meetings_sole_convener"): on("meeting", "convened_by"),
    ("profile", "sole_convener_since"): on("meeting", "convened_by"),
    ("profile", "co_conveners_besides_sole_convener"): on("meeting", "convened_by"),
    ("profile", "co_conveners_inactive"): on("meeting", "convened_by"),
    ("profile", "co_convener_inactive_id"): on("meeting", "convened_by"),
    ("profile", "co_convener_last_convened"): on("meeting", "convened_by"),
    ("profile", "co_convener_missed_meetings"): on("meeting", "convened_by"),
    ("profile", "manager_convened_recent"): on("meeting", "convened_by"),
    ("profile", "last_role_change_date"): event("role_change"),
    ("profile", "months_since_role_change"): event("role_change"),
    ("profile", "planning_group_size"): field("planning_group"),
    ("profile", "planning_group_percent"): field("membership.size"),
    ("profile", "planning_absence_since"): on("planning_meeting", "attendees"),
    # Unknown when a recent planning meeting lacks its attendees, or when fewer than 3 were held in the past
    # year: what settles it is planning meetings of the past year with their attendees.
    ("profile", "planning_members_absent"): Record(
        events=("planning_meeting",),
        field="attendees",
        wording="`planning_meeting` events of the past 12 months (three or more), each with its `attendees`",
    ),
    # Meetings.
    ("profile", "cadence_weeks"): field("practicalities.cadence_weeks"),
    ("profile", "meetings_below_half_cadence"): event("launch"),
    ("profile", "planned_minutes"): field("practicalities.meeting_minutes"),
    ("profile", "format"): field("practicalities.format"),
    ("profile", "format_chosen_by_members"): field("practicalities.format_chosen_by_members"),
    ("profile", "schedule"): field("practicalities.schedule"),
    ("profile", "shift_workers"): field("practicalities.shift_workers"),
    ("profile", "last_meeting_date"): event("meeting"),
    ("profile", "months_since_last_meeting"): event("meeting"),
    ("profile", "days_since_last_session"): event(*SESSIONS),
    ("profile", "months_since_last_session"): event(*SESSIONS),
    ("profile", "principles_reinforced"): on("meeting", "principles_revisited"),
    ("profile", "principles_revisited_recent"): on("meeting", "principles_revisited"),
    ("profile", "attendance_best3_mean"): _ATTENDANCE,
    ("profile", "attendance_last3_mean"): _ATTENDANCE,
    ("profile", "attendance_ratio"): _ATTENDANCE,
    ("profile", "attendance_settled_best3_mean"): _ATTENDANCE,
    ("profile", "attendance_settled_last3_mean"): _ATTENDANCE,
    ("profile", "attendance_settled_ratio"): _ATTENDANCE,
    ("profile", "attendance_falling_run"): _ATTENDANCE,
    ("profile", "attendance_fall_percent"): _ATTENDANCE,
    ("profile", "attendance_fall_from"): _ATTENDANCE,
    ("profile", "attendance_fall_cause_date"): _ATTENDANCE,
    ("profile", "ebe_attendance_best"): _BY_KIND,
    ("profile", "ebe_attendance_latest"): _BY_KIND,
    ("profile", "ebe_attendance_latest_date"): _BY_KIND,
    ("profile", "manager_attendance_percent"): _BY_KIND_RECENT,
    ("profile", "talk_run_since"): on("meeting", "style"),  # absent when the latest meeting was no talk
    ("profile", "last_external_voice_date"): on("meeting", "external_voice"),
    ("profile", "months_since_external_voice"): on("meeting", "external_voice"),
    ("profile", "external_voice_past_year"): on("meeting", "external_voice"),
    ("profile", "feedback_meetings_recent"): on("meeting", "feedback_responses"),
    ("profile", "latest_meeting_feedback_responses"): on("meeting", "feedback_responses"),
    ("profile", "last_contact_date"): event("contact"),
    ("profile", "months_since_last_contact"): event("contact"),
    # Membership, EbEs, governance.
    ("profile", "membership_size"): field("membership.size"),
    ("profile", "commissioners_decision"): field("membership.commissioners"),
    ("profile", "membership_review_date"): event("membership_review"),
    ("profile", "months_since_membership_review"): event("membership_review"),
    ("profile", "ebe_declared"): field("experts_by_experience.involved"),
    ("profile", "ebe_involved"): field("experts_by_experience.involved"),
    ("profile", "ebe_in_planning"): field("people"),
    ("profile", "ebe_ever_in_planning"): field("people"),
    ("profile", "ebe_recompense"): field("experts_by_experience.recompense"),
    ("profile", "ebe_payment_policy"): field("experts_by_experience.payment_policy"),
    ("profile", "ebe_latest_funding"): on("funding", "outcome"),
    ("profile", "governance_acknowledged"): field("governance.acknowledged"),
    ("profile", "last_governance_report_date"): event("governance_report"),
    ("profile", "value_for_group"): on("value_evidence", "for"),
    ("profile", "value_for_groups"): on("value_evidence", "for"),
    ("role", "format"): field("practicalities.format"),
    ("profile", "start_small"): field("membership.start_small"),
    ("profile", "launch_attendance"): on("launch", "attendance"),
    ("profile", "latest_meeting_attendance"): on("meeting", "attendance"),
    ("profile", "growth_since_launch"): _ATTENDANCE,
    ("profile", "months_since_governance_report"): event("governance_report"),
    ("profile", "next_governance_report_due"): event("governance_report"),
    # Members' voice (pulse check-ins).
    ("profile", "last_pulse_date"): event("pulse"),
    ("profile", "months_since_pulse"): event("pulse"),
    ("profile", "pulse_responses"): event("pulse"),
    **{("profile", f"{q}_disagree_percent"): on("pulse", "answers") for q in STANDARD_QUESTIONS},
    ("profile", "pulse_heard_disagree_percent"): on("pulse", "answers"),
    ("profile", "pulse_heard_statement"): on("pulse", "answers"),
    ("profile", "voice_trend"): event("pulse"),
    ("profile", "worth_trend"): event("pulse"),
    ("profile", "checkins_recent"): on("meeting", "feedback_responses"),
    # Per event.
    ("session", "minutes"): on(SESSIONS, "minutes"),
    ("session", "attendance"): _ATTENDANCE,
    ("session", "days_since_previous"): event(*SESSIONS),
    ("session", "planning_offer"): on("meeting", "planning_offer"),
    ("session", "principles_revisited"): on("meeting", "principles_revisited"),
    ("session", "external_voice"): on("meeting", "external_voice"),
    ("session", "feedback_responses"): on("meeting", "feedback_responses"),
    ("session", "themes_count"): on("meeting", "themes"),
    ("session", "conveners_count"): on("meeting", "convened_by"),
    ("session", "style"): on("meeting", "style"),
    ("session", "commissioners_attending"): _ATTENDANCE,
    ("role_change", "handover"): on("role_change", "handover"),
    ("sponsor", "oversight"): field("sponsors.oversight"),
    ("sponsor", "in_planning"): field("sponsors.in_planning"),
    ("task", "by_sponsor"): on("task_proposed", "by"),
    ("task", "decision"): on("task_proposed", "decision"),
    ("task", "decided_by"): on("task_proposed", "decided_by"),
    ("task", "worked_on_meetings"): on("task_proposed", "task"),
    ("task", "worked_on_date"): on("meeting", "themes"),
}


def record_of(kind: str, fact: str) -> Record | None:
    return RECORDS.get((kind, fact))

"""Meeting facts: length, rhythm, gaps, attendance, principles, the planning offer and contact between meetings.

Seed tips 2, 3, 5, 9, 10 and 14. The launch counts as a session for length, gaps and attendance (SPEC §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise, takewhile
from statistics import fmean

from copadvisor.facts.base import RECENT_MEETINGS, Context, FactField, Part, Value
from copadvisor.facts.dates import add_months, months_between
from copadvisor.model import Attendance, Contact, Meeting, PersonKind

# SPEC §4, stage.stuck-coalescing: the pace expected when no cadence is recorded.
DEFAULT_CADENCE_WEEKS = 8
# "At least 3 of the last 4 meetings" (SPEC §4, community.webinar-drift).
TALK_WINDOW = 4

FIRST_MEETINGS = 3
ATTENDANCE_WINDOW = 3
KIND_WINDOW_MONTHS = 12  # attendance by kind, recorded "once or twice a year" (membership.manager-heavy-attendance)
MANAGER_KINDS: tuple[PersonKind, ...] = ("manager", "sponsor")

VOCABULARY = {
    "profile": {
        "planned_minutes": FactField("number", "practicalities.meeting_minutes"),
        "cadence_weeks": FactField("number", "practicalities.cadence_weeks"),
        "format": FactField("text", "practicalities.format", ("online", "face_to_face", "hybrid")),
        "format_chosen_by_members": FactField("bool", "practicalities.format_chosen_by_members"),
        "schedule": FactField("text", "practicalities.schedule", ("fixed", "rotating")),
        "shift_workers": FactField("bool", "practicalities.shift_workers"),
        "resources_count": FactField("number", "practicalities.resources listed (0 when absent)"),
        "days_since_last_session": FactField("number", "days from the last launch or meeting to the as-of date"),
        "months_since_last_session": FactField("number", "months from the last launch or meeting to the as-of date"),
        "launch_principles_introduced": FactField("bool", "the launch introduced the CoP's principles"),
        "first_meetings_count": FactField("number", "meetings after the launch among the first 3 (0 to 3)"),
        "principles_reinforced": FactField(
            "bool", "one of the first 3 meetings after the launch revisited the principles"
        ),
        "channels_count": FactField("number", "between_meetings.channels listed (0 when absent)"),
        "contacts_since_last_meeting": FactField(
            "number", "contact events on or after the last meeting (every contact event while there is none)"
        ),
        "last_meeting_date": FactField("date", "the date of the last meeting event"),
        "months_since_last_meeting": FactField("number", "months from the last meeting event to the as-of date"),
        "attendance_last3_mean": FactField("number", "mean attendance of the last 3 meetings (launch excluded)"),
        "attendance_best3_mean": FactField("number", "best mean attendance of 3 consecutive meetings"),
        "attendance_ratio": FactField("number", "attendance_last3_mean divided by attendance_best3_mean"),
        "meetings_with_external_voice": FactField("number", "meetings that heard an outside voice"),
        "settled_meetings_count": FactField(
            "number", "meetings after the launch beyond the first few (attendance_settling_meetings, 3 by default)"
        ),
        "attendance_settled_last3_mean": FactField(
            "number", "mean attendance of the last 3 meetings beyond the first few after the launch"
        ),
        "attendance_settled_best3_mean": FactField(
            "number", "best mean attendance of 3 consecutive meetings beyond the first few after the launch"
        ),
        "attendance_settled_ratio": FactField(
            "number", "attendance_settled_last3_mean divided by attendance_settled_best3_mean"
        ),
        "last_external_voice_date": FactField("date", "the date of the last meeting that heard an outside voice"),
        "months_since_external_voice": FactField(
            "number", "months from the last meeting that heard an outside voice to the as-of date"
        ),
        "manager_attendance_percent": FactField(
            "number",
            "managers and sponsors as a percentage of the attendance of the last 3 sessions that record attendance"
            " by kind, in the 12 months before the as-of date",
        ),
        "attendance_by_kind_sessions": FactField(
            "number", "sessions of the past 12 months that record attendance by kind, up to the last 3 (0 to 3)"
        ),
        "talk_meetings_recent": FactField(
            "number",
            "of the last 4 meetings, those that were talks: style presentation, or an outside voice and no themes",
        ),
        "talk_window_meetings": FactField("number", "meetings among the last 4 (0 to 4)"),
        "talk_run": FactField("number", "the latest meetings in a row that were talks (0 when the latest was not)"),
        "talk_run_since": FactField("date", "the first meeting of that run of talks"),
        "meetings_below_half_cadence": FactField(
            "bool",
            "fewer meetings since the launch than half of those the planned cadence gives (one every 8 weeks "
            "when no cadence is recorded)",
        ),
        "principles_revisited_recent": FactField(
            "number", "of the last 3 meetings, those that revisited the CoP's principles"
        ),
        "feedback_meetings_recent": FactField(
            "number",
            "of the last 3 meetings, those that collected feedback from at least pulse_min_responses (5) members"
            " (not recorded when none did and one of them does not record feedback_responses)",
        ),
        "latest_meeting_feedback_responses": FactField(
            "number", "feedback_responses of the latest meeting (not recorded when it does not say)"
        ),
        "external_voice_past_year": FactField(
            "bool",
            "a meeting in the past external_voice_months heard an outside voice (not recorded when none did and"
            " one of them does not record external_voice)",
        ),
        "convening_rotations_recent": FactField(
            "number",
            "meetings in the past core_renewal_months convened by other people than the meeting before (convened_by)",
        ),
        "last_contact_date": FactField("date", "the date of the latest contact event"),
        "months_since_last_contact": FactField("number", "months from the latest contact event to the as-of date"),
    },
}


def total(attendance: Attendance | None) -> int | None:
    if attendance is None:
        return None
    return sum(attendance.values()) if isinstance(attendance, dict) else attendance


def profile_part(ctx: Context) -> Part:
    p = ctx.profile.practicalities
    values: dict[str, Value] = {
        "planned_minutes": p.meeting_minutes if p else None,
        "cadence_weeks": p.cadence_weeks if p else None,
        "format": p.format if p else None,
        "format_chosen_by_members": p.format_chosen_by_members if p else None,
        "schedule": p.schedule if p else None,
        "shift_workers": p.shift_workers if p else None,
        "resources_count": len(p.resources or ()) if p else 0,
    }
    locations = {name: ctx.at_key("practicalities", key) for name, key in _PRACTICALITIES.items()}
    part = (
        _rhythm(ctx),
        _principles(ctx),
        _contact(ctx),
        _attendance(ctx),
        _settled_attendance(ctx),
        _outside_voice(ctx),
        _manager_share(ctx),
        _recent_meetings(ctx),
        _talks(ctx),
        _pace(ctx),
        _rotation(ctx),
    )
    for extra in part:
        values.update(extra.values)
        locations.update(extra.locations)
    return Part(values, locations)


_PRACTICALITIES = {
    "planned_minutes": "meeting_minutes",
    "cadence_weeks": "cadence_weeks",
    "format": "format",
    "format_chosen_by_members": "format_chosen_by_members",
    "schedule": "schedule",
    "shift_workers": "shift_workers",
    "resources_count": "resources",
}


def _rhythm(ctx: Context) -> Part:
    sessions = ctx.timeline.sessions
    voices = sum(1 for _, m in ctx.timeline.meetings if m.external_voice)
    if not sessions:
        return Part(
            {"days_since_last_session": None, "months_since_last_session": None, "meetings_with_external_voice": 0}
        )
    index, last = sessions[-1]
    return Part(
        {
            "days_since_last_session": (ctx.as_of - last.date).days,
            "months_since_last_session": months_between(last.date, ctx.as_of),
            "meetings_with_external_voice": voices,
        },
        {"days_since_last_session": ctx.at_event(index), "months_since_last_session": ctx.at_event(index)},
    )


def _principles(ctx: Context) -> Part:
    launch = ctx.timeline.launch
    first = [m for _, m in ctx.timeline.meetings_after_launch[:FIRST_MEETINGS]]
    flags = [m.principles_revisited for m in first]
    reinforced: bool | None = True if any(flags) else (False if flags and None not in flags else None)
    where = ctx.at_event(ctx.timeline.meetings_after_launch[0][0]) if first else ctx.at_key("events")
    return Part(
        {
            "launch_principles_introduced": launch[1].principles_introduced if launch else None,
            "first_meetings_count": len(first),
            "principles_reinforced": reinforced,
        },
        {
            "launch_principles_introduced": ctx.at_event(launch[0]) if launch else ctx.at_key("events"),
            "principles_reinforced": where,
        },
    )


def _contact(ctx: Context) -> Part:
    """Contact since the last meeting event (SPEC §4: the launch is a session, not a meeting)."""
    meetings = ctx.timeline.meetings
    last = meetings[-1] if meetings else None
    since = last[1].date if last else dt.date.min
    every = ctx.timeline.of_type(Contact)
    contacts = [c for _, c in every if c.date >= since]
    latest = every[-1] if every else None
    channels = ctx.profile.between_meetings.channels if ctx.profile.between_meetings else None
    where = ctx.at_event(last[0]) if last else ctx.at_key("events")
    return Part(
        {
            "channels_count": len(channels or ()),
            "contacts_since_last_meeting": len(contacts),
            "last_meeting_date": last[1].date if last else None,
            "months_since_last_meeting": months_between(last[1].date, ctx.as_of) if last else None,
            "last_contact_date": latest[1].date if latest else None,
            "months_since_last_contact": months_between(latest[1].date, ctx.as_of) if latest else None,
        },
        {
            "channels_count": ctx.at_key("between_meetings", "channels"),
            "last_meeting_date": where,
            "months_since_last_meeting": where,
            "last_contact_date": ctx.at_event(latest[0]) if latest else where,
            "months_since_last_contact": ctx.at_event(latest[0]) if latest else where,
        },
    )


def _attendance(ctx: Context) -> Part:
    counts = [total(m.attendance) for _, m in ctx.timeline.meetings]
    last_mean, best, ratio = _last_and_best(counts)
    where = ctx.at_event(ctx.timeline.meetings[-1][0]) if ctx.timeline.meetings else ctx.at_key("events")
    names = ("attendance_last3_mean", "attendance_best3_mean", "attendance_ratio")
    return Part(dict(zip(names, (last_mean, best, ratio), strict=True)), dict.fromkeys(names, where))


def _last_and_best(counts: Sequence[int | None]) -> tuple[float | None, float | None, float | None]:
    """The mean of the last 3 counts, the best mean of 3 consecutive ones, and their ratio."""
    last = counts[-ATTENDANCE_WINDOW:]
    last_mean = _mean(last) if len(last) == ATTENDANCE_WINDOW else None
    windows = [counts[i : i + ATTENDANCE_WINDOW] for i in range(len(counts) - ATTENDANCE_WINDOW + 1)]
    means = [m for m in map(_mean, windows) if m is not None]
    best = max(means) if means else None
    ratio = round(last_mean / best, 4) if last_mean is not None and best else None
    return last_mean, best, ratio


def _settled_attendance(ctx: Context) -> Part:
    """Attendance beyond the first meetings after the launch: early dips are expected (seed tip 3)."""
    settled = ctx.timeline.meetings_after_launch[ctx.thresholds.attendance_settling_meetings :]
    last_mean, best, ratio = _last_and_best([total(m.attendance) for _, m in settled])
    where = ctx.at_event(settled[-1][0]) if settled else ctx.at_key("events")
    names = ("attendance_settled_last3_mean", "attendance_settled_best3_mean", "attendance_settled_ratio")
    values: dict[str, Value] = dict(zip(names, (last_mean, best, ratio), strict=True))
    values["settled_meetings_count"] = len(settled)
    return Part(values, dict.fromkeys((*names, "settled_meetings_count"), where))


def _outside_voice(ctx: Context) -> Part:
    since = add_months(ctx.as_of, -ctx.thresholds.external_voice_months)
    window = [m.external_voice for _, m in ctx.timeline.meetings if m.date > since]
    # Not recorded is never read as "no": an absent external_voice in the window leaves the year undecided.
    past_year: bool | None = True if any(window) else (None if None in window else False)
    voices = [(i, m) for i, m in ctx.timeline.meetings if m.external_voice]
    if not voices:
        return Part(
            {
                "last_external_voice_date": None,
                "months_since_external_voice": None,
                "external_voice_past_year": past_year,
            }
        )
    index, last = voices[-1]
    where = ctx.at_event(index)
    return Part(
        {
            "last_external_voice_date": last.date,
            "months_since_external_voice": months_between(last.date, ctx.as_of),
            "external_voice_past_year": past_year,
        },
        {"last_external_voice_date": where, "months_since_external_voice": where, "external_voice_past_year": where},
    )


def _manager_share(ctx: Context) -> Part:
    """Managers' and sponsors' share of the room, from the last sessions of the past year that record attendance
    by kind: the rule asks for it once or twice a year, so a session counted by kind among totals still speaks."""
    since = add_months(ctx.as_of, -KIND_WINDOW_MONTHS)
    dated = [(i, s) for i, s in ctx.timeline.sessions if s.date >= since]
    by_kind = [(i, s.attendance) for i, s in dated if isinstance(s.attendance, dict)][-ATTENDANCE_WINDOW:]
    people = sum(sum(counts.values()) for _, counts in by_kind)
    managers = sum(counts.get(kind, 0) for _, counts in by_kind for kind in MANAGER_KINDS)
    where = ctx.at_event(by_kind[-1][0]) if by_kind else ctx.at_key("events")
    return Part(
        {
            "manager_attendance_percent": round(100 * managers / people, 2) if people else None,
            "attendance_by_kind_sessions": len(by_kind),
        },
        {"manager_attendance_percent": where, "attendance_by_kind_sessions": where},
    )


def _recent_meetings(ctx: Context) -> Part:
    """The last 3 meetings: principles revisited (tip 2) and members checked in with (tip 14)."""
    recent = ctx.timeline.meetings[-RECENT_MEETINGS:]
    flags = [m.principles_revisited for _, m in recent]
    revisited = sum(1 for flag in flags if flag)
    # A check-in speaks for the room from as many responses as a pulse needs (issue 11 review: "checked in"
    # resting on 4 and 3 responses); a thinner one is recorded, but not counted.
    least = ctx.thresholds.pulse_min_responses
    feedback = sum(1 for _, m in recent if (m.feedback_responses or 0) >= least)
    # Not recorded is never read as "no" (SPEC §4, Calibration): no check-in is a finding only when recorded.
    feedback_unrecorded = any(m.feedback_responses is None for _, m in recent)
    where = ctx.at_event(recent[-1][0]) if recent else ctx.at_key("events")
    return Part(
        {
            "principles_revisited_recent": revisited if revisited or None not in flags else None,
            "feedback_meetings_recent": feedback if feedback or not feedback_unrecorded else None,
            "latest_meeting_feedback_responses": recent[-1][1].feedback_responses if recent else None,
        },
        {
            "principles_revisited_recent": where,
            "feedback_meetings_recent": where,
            "latest_meeting_feedback_responses": where,
        },
    )


def _pace(ctx: Context) -> Part:
    """Meetings since the launch against the planned cadence (one every 8 weeks when none is recorded)."""
    launch = ctx.timeline.launch_date
    if launch is None:
        return Part({"meetings_below_half_cadence": None})
    p = ctx.profile.practicalities
    weeks = (p.cadence_weeks if p and p.cadence_weeks else DEFAULT_CADENCE_WEEKS) * 7
    expected = (ctx.as_of - launch).days / weeks
    return Part({"meetings_below_half_cadence": len(ctx.timeline.meetings_after_launch) < expected / 2})


def _rotation(ctx: Context) -> Part:
    """Conveners who rotate from meeting to meeting: that is renewal (SPEC §4, Calibration)."""
    since = add_months(ctx.as_of, -ctx.thresholds.core_renewal_months)
    convened = [(i, m.date, frozenset(m.convened_by)) for i, m in ctx.timeline.meetings if m.convened_by]
    rotations = [i for (_, _, before), (i, day, now) in pairwise(convened) if day > since and now != before]
    where = ctx.at_event(rotations[-1]) if rotations else ctx.at_key("events")
    return Part({"convening_rotations_recent": len(rotations)}, {"convening_rotations_recent": where})


def _talks(ctx: Context) -> Part:
    """The last meetings that were talks rather than members' practice (a CoP is not a webinar series)."""
    recent = ctx.timeline.meetings[-TALK_WINDOW:]
    talks = sum(1 for _, m in recent if is_talk(m))
    where = ctx.at_event(recent[-1][0]) if recent else ctx.at_key("events")
    run = list(takewhile(lambda item: is_talk(item[1]), reversed(ctx.timeline.meetings)))
    return Part(
        {
            "talk_meetings_recent": talks,
            "talk_window_meetings": len(recent),
            "talk_run": len(run),
            "talk_run_since": run[-1][1].date if run else None,
        },
        {"talk_meetings_recent": where, "talk_window_meetings": where, "talk_run": where, "talk_run_since": where},
    )


def is_talk(meeting: Meeting) -> bool:
    """``style: presentation``, or an outside voice with no members' themes recorded."""
    return meeting.style == "presentation" or (meeting.external_voice is True and not meeting.themes)


def _mean(values: Sequence[int | None]) -> float | None:
    if not values or any(v is None for v in values):
        return None
    return round(fmean(v for v in values if v is not None), 4)

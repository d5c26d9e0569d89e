"""Attendance trends and what can explain them: a steady fall from the launch on, and the changes in the log
that can be undone (meetings cut short, the planning offer stopped).

CHAOSS Meeting Attendee Count (the usual causes: time, agenda, format); seed tips 3, 5 and 9.
"""

from __future__ import annotations

from itertools import pairwise, takewhile

from copadvisor.facts.base import Context, FactField, Part, Value
from copadvisor.facts.meetings import ATTENDANCE_WINDOW, is_talk, total
from copadvisor.facts.sponsors import sponsor_tasks, worked_on
from copadvisor.model import Attendance, Contact, Meeting

VOCABULARY = {
    "profile": {
        "attendance_falling_run": FactField(
            "number", "the last meetings in a row whose attendance was lower than the session's before (launch on)"
        ),
        "attendance_fall_percent": FactField(
            "number", "how far the last meeting's attendance is below the best meeting after the launch, in %"
        ),
        "meetings_cut_short": FactField(
            "bool",
            "each of the last 3 meetings records minutes under meeting_minutes (120), and an earlier launch or"
            " meeting lasted at least that: meetings were cut short (no when not recorded)",
        ),
        "planning_offer_never_made": FactField(
            "bool",
            "every meeting after the launch (at least one) records planning_offer: false, and no contact since the"
            " launch made the offer (seed tip 9; no when not recorded)",
        ),
        "attendance_fall_cause": FactField(
            "text",
            "what the log shows beginning at the start of the latest fall in attendance (from the session the fall"
            " starts at to its second meeting): commissioners first in the attendance or a first meeting working on a"
            " sponsor's task (after that session), or the run of talks that continues today; none when nothing is"
            " seen",
            ("commissioners", "sponsor_tasks", "talks", "none"),
        ),
        "attendance_fall_from": FactField("number", "the attendance of the session the latest fall starts at"),
        "attendance_fall_cause_date": FactField("date", "the session at which that cause first shows"),
        "planning_offer_stopped": FactField(
            "bool",
            "each of the last 3 meetings records planning_offer: false and no contact between them made the offer"
            " (seed tips 9, 10; no when not recorded)",
        ),
    },
}


def profile_part(ctx: Context) -> Part:
    falling, causes, seen = _falling(ctx), _fixable_causes(ctx), _fall_cause(ctx)
    values = {**falling.values, **causes.values, **seen.values}
    return Part(values, {**falling.locations, **causes.locations, **seen.locations})


def _falling(ctx: Context) -> Part:
    """A steady fall from the launch on: the run of meetings each lower than the session before, and the last
    meeting against the best one after the launch (the launch's turnout is not the yardstick)."""
    launch = ctx.timeline.launch_date
    sessions = [(i, s) for i, s in ctx.timeline.sessions if launch is None or s.date >= launch]
    counts = [total(s.attendance) for _, s in sessions]
    run: int | None = 0
    for now, before in pairwise(reversed(counts)):
        if before is None or now is None:
            run = run if run and run >= ctx.thresholds.attendance_falling_meetings else None
            break
        if now >= before:
            break
        run = (run or 0) + 1
    after = [total(m.attendance) for _, m in ctx.timeline.meetings_after_launch]
    recorded = [c for c in after if c is not None]
    last = after[-1] if after else None
    fall = round(100 * (1 - last / max(recorded)), 1) if last is not None and recorded and max(recorded) else None
    where = ctx.at_event(sessions[-1][0]) if sessions else ctx.at_key("events")
    names = ("attendance_falling_run", "attendance_fall_percent")
    return Part({"attendance_falling_run": run, "attendance_fall_percent": fall}, dict.fromkeys(names, where))


def _fixable_causes(ctx: Context) -> Part:
    """Changes in the log that can explain falling attendance and can be undone (seed tips 5, 9): never
    unknown, since they speak only of what is recorded."""
    sessions = ctx.timeline.sessions
    recent = ctx.timeline.meetings[-ATTENDANCE_WINDOW:]
    shortest = ctx.thresholds.meeting_minutes
    earlier = [s for i, s in sessions if recent and s.date < recent[0][1].date]
    cut = (
        len(recent) == ATTENDANCE_WINDOW
        and all(m.minutes is not None and m.minutes < shortest for _, m in recent)
        and any(s.minutes is not None and s.minutes >= shortest for s in earlier)
    )
    offers = [c.date for _, c in ctx.timeline.of_type(Contact) if c.planning_offer]
    after = ctx.timeline.meetings_after_launch
    launch = ctx.timeline.launch_date
    never = (
        bool(after)
        and all(m.planning_offer is False for _, m in after)
        and not any(launch is not None and d >= launch for d in offers)
    )
    stopped = (
        len(recent) == ATTENDANCE_WINDOW
        and all(m.planning_offer is False for _, m in recent)
        and not any(d >= recent[0][1].date for d in offers)
    )
    where = ctx.at_event(recent[-1][0]) if recent else ctx.at_key("events")
    return Part(
        {"meetings_cut_short": cut, "planning_offer_stopped": stopped, "planning_offer_never_made": never},
        {"meetings_cut_short": where, "planning_offer_stopped": where, "planning_offer_never_made": where},
    )


def _fall_cause(ctx: Context) -> Part:
    """What begins at the start of the latest fall in attendance, from the session the fall starts at (the
    highest before the run of lower meetings) to the fall's second meeting: commissioners first in the
    attendance, the first meeting that worked on a sponsor's task, or the first of the talks that run on to the
    latest meeting. The earliest is named (in that order on one day); never unknown."""
    launch = ctx.timeline.launch_date
    sessions = [s for _, s in ctx.timeline.sessions if launch is None or s.date >= launch]
    counts = [total(s.attendance) for s in sessions]
    run = 0
    for now, before in pairwise(reversed(counts)):
        if now is None or before is None or now >= before:
            break
        run += 1
    if not run:
        return Part({"attendance_fall_cause": "none", "attendance_fall_from": None, "attendance_fall_cause_date": None})
    top, fall = sessions[-run - 1], sessions[-run:]
    start, end = top.date, fall[min(1, run - 1)].date
    meetings = [m for m in sessions if isinstance(m, Meeting)]
    talks = list(takewhile(is_talk, reversed(meetings)))
    firsts = {
        "commissioners": next((s.date for s in sessions if _commissioners(s.attendance)), None),
        "sponsor_tasks": min((d for t in sponsor_tasks(ctx) for d in worked_on(ctx, t)[:1]), default=None),
        "talks": talks[-1].date if talks else None,
    }
    # Commissioners or a sponsor's task already there at the highest session did not start the fall; the talks
    # may have (a first talk draws a crowd, and then the crowd goes).
    seen = [
        (day, name)
        for name, day in firsts.items()
        if day is not None and (start <= day if name == "talks" else start < day) and day <= end
    ]
    day, cause = min(seen, key=lambda pair: pair[0]) if seen else (None, "none")
    values: dict[str, Value] = {
        "attendance_fall_cause": cause,
        "attendance_fall_from": counts[-run - 1],
        "attendance_fall_cause_date": day,
    }
    index = next((i for i, s in ctx.timeline.sessions if s.date == day), ctx.timeline.sessions[-1][0])
    return Part(values, {"attendance_fall_cause": ctx.at_event(index)})


def _commissioners(attendance: Attendance | None) -> bool:
    return isinstance(attendance, dict) and bool(attendance.get("commissioner"))

"""Handing over: how much time is left before the convener's involvement ends, who else plans, how long one
person has convened alone, and whether convening has changed hands (seed: Who did the work?; Gongla & Rizzuto
2001; CHAOSS Contributor Absence Factor)."""

from __future__ import annotations

import datetime as dt

from copadvisor.facts.base import Context, FactField, Part, Value
from copadvisor.facts.convener import holders
from copadvisor.facts.dates import months_between
from copadvisor.model import Meeting, PlanningMeeting, RoleChange

VOCABULARY = {
    "profile": {
        "involvement_ends_in_weeks": FactField(
            "number", "whole weeks from the as-of date to convener.involvement_ends (negative once it has passed)"
        ),
        "meetings_before_involvement_ends": FactField(
            "number", "meetings the planned cadence (practicalities.cadence_weeks) gives before the involvement ends"
        ),
        "planning_group_others": FactField("number", "people in planning_group besides the convener"),
        "sole_convener_meetings": FactField(
            "number", "the latest meetings in a row convened by one and the same person alone (convened_by)"
        ),
        "sole_convener_all_meetings": FactField(
            "bool", "that one person convened every meeting alone (sole_convener_meetings is every meeting)"
        ),
        "sole_convener_id": FactField("text", "the one person who convened the latest meetings alone"),
        # Planning that has stopped meeting (planning.lapsed): only what the log shows of planning meetings.
        "planning_last_date": FactField("date", "the date of the latest planning_meeting"),
        "planning_months_since": FactField("number", "months from the latest planning_meeting to the as-of date"),
        "meetings_since_planning": FactField("number", "meetings dated after the latest planning_meeting"),
        "convener_untrained": FactField("bool", "convener.trained is recorded as false (no when not recorded)"),
        "co_conveners_inactive": FactField(
            "number",
            "people in roles.co_convener who convened none of the last co_convener_inactive_meetings (3) meetings,"
            " each convened by one and the same other person alone (0 when convening is shared)",
        ),
        "co_convener_inactive_id": FactField("text", "the first of those co-conveners"),
        "co_convener_last_convened": FactField("date", "the latest meeting that co-convener convened"),
        "co_convener_missed_meetings": FactField("number", "meetings since that co-convener last convened one"),
        # Renewal: role changes, and convening handed from one named person to another.
        "last_role_change_date": FactField("date", "the date of the latest role_change (any role)"),
        "months_since_role_change": FactField(
            "number",
            "months from the latest role_change (any role, the convener, the planning group) to the as-of date",
        ),
        "convening_handoffs_recent": FactField(
            "number",
            "role_change events of the convener, a co-convener or the chair from one named person to another in"
            " the past 12 months (handover_window_months)",
        ),
    }
}


def profile_part(ctx: Context) -> Part:
    convener = ctx.profile.convener
    ends = convener.involvement_ends if convener else None
    weeks = (ends - ctx.as_of).days // 7 if ends else None
    p = ctx.profile.practicalities
    cadence = p.cadence_weeks if p and p.cadence_weeks else None
    meetings_left = _meetings_left(ctx, cadence) if ends and cadence and ends >= ctx.as_of else None
    group = holders(ctx, "planning_group")
    others = len({person for person in group if not convener or person != convener.id}) if group is not None else None
    run = _sole_run(ctx)
    meetings = ctx.timeline.of_type(Meeting)
    values: dict[str, Value] = {
        "involvement_ends_in_weeks": weeks,
        "meetings_before_involvement_ends": meetings_left,
        "planning_group_others": others,
        "convener_untrained": bool(convener and convener.trained is False),
        "sole_convener_meetings": run,
        "sole_convener_all_meetings": bool(run and run == len(meetings)) if run is not None else None,
        "sole_convener_id": next(iter(meetings[-1][1].convened_by or ())) if run else None,
    }
    planning = ctx.timeline.of_type(PlanningMeeting)
    last = planning[-1] if planning else None
    values.update(
        {
            "planning_last_date": last[1].date if last else None,
            "planning_months_since": months_between(last[1].date, ctx.as_of) if last else None,
            "meetings_since_planning": sum(1 for _, m in meetings if m.date > last[1].date) if last else None,
        }
    )
    at_planning = ctx.at_event(last[0]) if last else ctx.at_key("events")
    values.update(_inactive_co_conveners(ctx, run))
    renewal = _renewal(ctx)
    values.update(renewal.values)
    where = ctx.at_event(meetings[-1][0]) if meetings else ctx.at_key("events")
    return Part(
        values,
        {
            **renewal.locations,
            "co_conveners_inactive": ctx.at_key("roles", "co_convener"),
            "co_convener_inactive_id": ctx.at_key("roles", "co_convener"),
            "co_convener_missed_meetings": ctx.at_key("roles", "co_convener"),
            "involvement_ends_in_weeks": ctx.at_key("convener", "involvement_ends"),
            "meetings_before_involvement_ends": ctx.at_key("convener", "involvement_ends"),
            "planning_group_others": ctx.at_key("planning_group"),
            "convener_untrained": ctx.at_key("convener", "trained"),
            "sole_convener_meetings": where,
            "sole_convener_all_meetings": where,
            "sole_convener_id": where,
            **dict.fromkeys(("planning_last_date", "planning_months_since", "meetings_since_planning"), at_planning),
        },
    )


def _meetings_left(ctx: Context, cadence: float) -> int:
    """Meetings the planned cadence gives from the as-of date to the end of the convener's involvement,
    counted on from the last session (or from the as-of date before any)."""
    convener = ctx.profile.convener
    ends = convener.involvement_ends if convener else None
    sessions = ctx.timeline.sessions
    day = sessions[-1][1].date if sessions else ctx.as_of
    step = dt.timedelta(days=round(cadence * 7))
    count = 0
    while ends is not None and day + step <= ends:
        day += step
        count += day >= ctx.as_of
    return count


def _inactive_co_conveners(ctx: Context, run: int | None) -> dict[str, Value]:
    """The named co-conveners left out while one other person convened the last meetings alone (seed: shared
    convening): not recorded while who convened one of those meetings is not."""
    window = ctx.thresholds.co_convener_inactive_meetings
    meetings = [m for _, m in ctx.timeline.of_type(Meeting)]
    if run is None or len(meetings) < window or any(m.convened_by is None for m in meetings[-window:]):
        return dict.fromkeys(
            (
                "co_conveners_inactive",
                "co_convener_inactive_id",
                "co_convener_last_convened",
                "co_convener_missed_meetings",
            )
        )
    sole = set(meetings[-1].convened_by or ()) if run >= window else set()
    idle = [p for p in holders(ctx, "co_convener") or () if sole and p not in sole]
    last = [m.date for m in meetings if idle and idle[0] in (m.convened_by or ())]
    return {
        "co_conveners_inactive": len(idle),
        "co_convener_inactive_id": idle[0] if idle else None,
        "co_convener_last_convened": last[-1] if last else None,
        "co_convener_missed_meetings": sum(1 for m in meetings if not last or m.date > last[-1]) if idle else None,
    }


def _sole_run(ctx: Context) -> int | None:
    """Counted back from the latest meeting: meetings convened by the one person who convened it alone."""
    meetings = [m for _, m in ctx.timeline.of_type(Meeting)]
    if not meetings or meetings[-1].convened_by is None:
        return None
    last = set(meetings[-1].convened_by)
    if len(last) != 1:
        return 0
    run = 0
    for meeting in reversed(meetings):
        if meeting.convened_by is None or set(meeting.convened_by) != last:
            break
        run += 1
    return run


# Handed over (succession.no-handover): convening, and the chair who leads planning (the seed's table of roles).
LEADING_ROLES = ("convener", "co_convener", "chair")


def _renewal(ctx: Context) -> Part:
    changes = ctx.timeline.of_type(RoleChange)
    window = ctx.thresholds.handover_window_months
    handoffs = [
        (i, c)
        for i, c in changes
        if c.role in LEADING_ROLES
        and c.from_ is not None
        and c.to is not None
        and months_between(c.date, ctx.as_of) <= window
    ]
    recent = {"convening_handoffs_recent": len(handoffs)}
    recent_at = {"convening_handoffs_recent": ctx.at_event(handoffs[-1][0]) if handoffs else ctx.at_key("events")}
    if not changes:
        return Part({"last_role_change_date": None, "months_since_role_change": None, **recent}, recent_at)
    index, latest = changes[-1]
    where = ctx.at_event(index)
    return Part(
        {
            "last_role_change_date": latest.date,
            "months_since_role_change": months_between(latest.date, ctx.as_of),
            **recent,
        },
        {"last_role_change_date": where, "months_since_role_change": where, **recent_at},
    )

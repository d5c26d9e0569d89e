"""Convener, succession, role and planning-group facts (seed tips 5–9; Gongla & Rizzuto on leader changes;
Wenger, McDermott & Snyder on the core group; the CDC kit on vetting a new CoP)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from copadvisor.errors import Location
from copadvisor.facts.base import RECENT_MEETINGS, Context, FactField, Item, Part, Value
from copadvisor.facts.dates import add_months, months_between
from copadvisor.model import ROLES, Convener, Meeting, PlanningMeeting, Role, RoleChange, Training

RECENT_PLANNING_MEETINGS = 3
# Every place a person can hold part of the planning and convening work.
PLANNING_PLACES: tuple[Role | Literal["planning_group"], ...] = (*ROLES, "planning_group")

VOCABULARY = {
    "profile": {
        "convener_recorded": FactField("bool", "convener.id is recorded"),
        "has_convener": FactField("bool", "there is a convener now (recorded, and not left by a role_change to null)"),
        "latest_meeting_convened": FactField(
            "bool", "someone is recorded as convening the latest meeting, dated after the convener left (if they did)"
        ),
        "convener_left": FactField("bool", "a role_change of the convener to null left the CoP without one"),
        "convener_left_on": FactField("date", "the date of the role_change that left the CoP without a convener"),
        "convener_hours": FactField("number", "convener.dedicated_hours_per_month"),
        "convener_hours_per_meeting": FactField(
            "number", "the convener's dedicated hours per meeting cycle: hours a month spread over the planned cadence"
        ),
        "convener_trained": FactField("bool", "convener.trained"),
        "convener_training_events": FactField("number", "training events of the convener (or of nobody named)"),
        "involvement_ends_in_months": FactField(
            "number", "months from the as-of date to convener.involvement_ends (negative once ended)"
        ),
        "involvement_ends_on": FactField("date", "convener.involvement_ends"),
        "successor_named": FactField("bool", "convener.successor is recorded"),
        "co_conveners_count": FactField("number", "people in roles.co_convener, after role changes (0 when none)"),
        "co_conveners_besides_convener": FactField(
            "number", "people in roles.co_convener (after role changes) other than the convener"
        ),
        "has_successor": FactField("bool", "a successor is named or someone else is co-convener"),
        "convener_left_without_successor": FactField("bool", "the convener left and no successor is in place"),
        "last_meetings_sole_convener": FactField(
            "bool", "each of the last 3 meetings was convened by the same one person alone (false with fewer)"
        ),
        "co_conveners_besides_sole_convener": FactField(
            "number", "people in roles.co_convener other than the person who convened the last 3 meetings alone"
        ),
        "sole_convener_since": FactField(
            "date", "the first of the last 3 meetings, when the same one person convened each of them alone"
        ),
        "planning_group_size": FactField("number", "people in planning_group, after role changes"),
        "roles_unfilled_count": FactField("number", "roles of the seed's table with nobody in them"),
        "planning_group_percent": FactField(
            "number", "planning group size as a percentage of membership.size (the core group's share of members)"
        ),
        "planning_people_before_launch": FactField(
            "number",
            "distinct potential members (not the convener, a sponsor or a manager; the planning group's others"
            " count) at planning meetings before the launch (all so far when there is none); not recorded when a"
            " planning meeting lacks its attendees and fewer than planning_group_min are known",
        ),
        "planning_members_absent": FactField(
            "number",
            "planning group members at none of the last 3 planning meetings of the past 12 months"
            " (planning_absence_months); with fewer than 3, 0 until a year after the launch and not recorded from"
            " then on; people who joined the group since are not counted",
        ),
        "planning_absence_since": FactField("date", "the first of the last 3 planning meetings"),
        "planning_meetings_recent": FactField(
            "number", "planning meetings in the past 12 months (planning_absence_months)"
        ),
        "successor_involved": FactField(
            "bool",
            "the named successor is in the planning group or a role, convened a meeting or came to a planning meeting",
        ),
    },
    "role": {
        "role": FactField("text", "a role of the seed's table", ROLES),
        "launched": FactField("bool", "the CoP has launched (a launch event)"),
        "format": FactField("text", "practicalities.format", ("online", "face_to_face", "hybrid")),
        "people_count": FactField(
            "number", "people named for the role in `roles`, after role changes (0 when absent or empty)"
        ),
    },
    "role_change": {
        "role": FactField("text", "the role that changed hands", (*ROLES, "convener", "planning_group")),
        "date": FactField("date", "when"),
        "from_recorded": FactField("bool", "`from` names someone"),
        "to_recorded": FactField("bool", "`to` names someone"),
        "handover": FactField("bool", "a handover took place"),
        "months_ago": FactField("number", "months from the change to the as-of date"),
    },
}


def profile_part(ctx: Context) -> Part:
    values: dict[str, Value] = {}
    locations: dict[str, Location] = {}
    for part in (
        _convener(ctx),
        _succession(ctx),
        _sole_convener(ctx),
        _roles(ctx),
        _share(ctx),
        _before_launch(ctx),
        _absent(ctx),
        _successor(ctx),
    ):
        values.update(part.values)
        locations.update(part.locations)
    return Part(values, locations)


def _current_convener(ctx: Context) -> tuple[str | None, dt.date | None, Location]:
    """The convener after every role_change up to the as-of date, and the date they left if the last was to null."""
    convener = ctx.profile.convener
    current = convener.id if convener else None
    left: dt.date | None = None
    where = ctx.at_key("convener", "id")
    for index, change in ctx.timeline.of_type(RoleChange):
        if change.role == "convener":
            current, where = change.to, ctx.at_event(index)
            left = change.date if change.to is None else None
    return current, left, where


def _latest_since(ctx: Context, left: dt.date | None) -> tuple[int, Meeting] | None:
    """The latest meeting, if it is dated after the convener left (any, when nobody left)."""
    meetings = ctx.timeline.meetings
    if not meetings or (left is not None and meetings[-1][1].date <= left):
        return None
    return meetings[-1]


def _latest_convened(ctx: Context, left: dt.date | None) -> bool:
    """Someone convened the latest meeting since the convener left (or was last recorded)."""
    latest = _latest_since(ctx, left)
    return latest is not None and bool(latest[1].convened_by)


def _latest_meeting_at(ctx: Context, left: dt.date | None) -> Location | None:
    latest = _latest_since(ctx, left)
    return ctx.at_event(latest[0]) if latest else None


def _declared(ctx: Context) -> Convener | None:
    """The `convener:` block, if it still describes the convener in post: after a role_change to someone
    else (or to nobody), its hours, training, end date and successor are the previous convener's."""
    convener = ctx.profile.convener
    current = _current_convener(ctx)[0]
    return convener if convener is not None and (convener.id is None or convener.id == current) else None


def _convener(ctx: Context) -> Part:
    convener = _declared(ctx)
    current, left, where = _current_convener(ctx)
    trainings = [t for _, t in ctx.timeline.of_type(Training) if t.person in (None, current)]
    return Part(
        {
            "convener_recorded": bool(ctx.profile.convener and ctx.profile.convener.id),
            "has_convener": current is not None,
            "convener_left": left is not None,
            "convener_left_on": left,
            "convener_hours": convener.dedicated_hours_per_month if convener else None,
            "convener_hours_per_meeting": _hours_per_meeting(ctx),
            "convener_trained": convener.trained if convener else None,
            "convener_training_events": len(trainings),
            "latest_meeting_convened": _latest_convened(ctx, left),
        },
        {
            "convener_recorded": ctx.at_key("convener", "id"),
            "has_convener": where,
            "convener_left": where,
            "convener_left_on": where,
            "latest_meeting_convened": _latest_meeting_at(ctx, left) or where,
            "convener_hours": ctx.at_key("convener", "dedicated_hours_per_month"),
            "convener_hours_per_meeting": ctx.at_key("convener", "dedicated_hours_per_month"),
            "convener_trained": ctx.at_key("convener", "trained"),
        },
    )


def _hours_per_meeting(ctx: Context) -> float | None:
    """Monthly hours times the months in one cadence (a month is 52/12 weeks)."""
    convener = _declared(ctx)
    hours = convener.dedicated_hours_per_month if convener else None
    cadence = ctx.profile.practicalities.cadence_weeks if ctx.profile.practicalities else None
    if hours is None or cadence is None:
        return None
    return round(hours * cadence * 12 / 52, 2)


def holders(ctx: Context, role: Role | Literal["planning_group"]) -> list[str] | None:
    """Who holds a role (or is in the planning group) after every role_change up to the as-of date.

    A change removes ``from`` and adds ``to``. ``None`` when neither the profile nor a role_change records it.
    """
    declared = ctx.profile.planning_group if role == "planning_group" else (ctx.profile.roles or {}).get(role)
    changes = [change for _, change in ctx.timeline.of_type(RoleChange) if change.role == role]
    if declared is None and not changes:
        return None
    people = list(dict.fromkeys(declared or ()))
    for change in changes:
        if change.from_ in people:
            people.remove(change.from_)
        if change.to is not None and change.to not in people:
            people.append(change.to)
    return people


def _co_conveners(ctx: Context, besides: str | None) -> int:
    return len({p for p in holders(ctx, "co_convener") or () if p != besides})


def _succession(ctx: Context) -> Part:
    convener = _declared(ctx)
    current, left, _ = _current_convener(ctx)
    ends = convener.involvement_ends if convener else None
    successor = bool(convener and convener.successor and convener.successor != current)
    others = _co_conveners(ctx, current or (convener.id if convener else None))
    has_successor = successor or others > 0
    return Part(
        {
            "involvement_ends_in_months": months_between(ctx.as_of, ends) if ends else None,
            "involvement_ends_on": ends,
            "successor_named": successor,
            "co_conveners_count": _co_conveners(ctx, None),
            "co_conveners_besides_convener": others,
            "has_successor": has_successor,
            "convener_left_without_successor": left is not None and not has_successor,
        },
        {
            "involvement_ends_in_months": ctx.at_key("convener", "involvement_ends"),
            "involvement_ends_on": ctx.at_key("convener", "involvement_ends"),
            "successor_named": ctx.at_key("convener", "successor"),
            "has_successor": ctx.at_key("convener", "successor"),
            "co_conveners_count": ctx.at_key("roles", "co_convener"),
            "co_conveners_besides_convener": ctx.at_key("roles", "co_convener"),
        },
    )


def _sole_convener(ctx: Context) -> Part:
    recent = ctx.timeline.of_type(Meeting)[-RECENT_MEETINGS:]
    where = ctx.at_event(recent[-1][0]) if recent else ctx.at_key("events")
    sole: bool | None = False
    person: str | None = None
    if len(recent) == RECENT_MEETINGS:
        conveners = [m.convened_by for _, m in recent]
        if any(c is None for c in conveners):
            sole = None  # not recorded on one of them: we cannot tell
        else:
            singles = {tuple(sorted(set(c or ()))) for c in conveners}
            sole = len(singles) == 1 and len(next(iter(singles))) == 1
            person = next(iter(singles))[0] if sole else None
    return Part(
        {
            "last_meetings_sole_convener": sole,
            "co_conveners_besides_sole_convener": _co_conveners(ctx, person) if sole else None,
            "sole_convener_since": recent[0][1].date if sole else None,
        },
        {
            "last_meetings_sole_convener": where,
            "co_conveners_besides_sole_convener": ctx.at_key("roles", "co_convener"),
            "sole_convener_since": where,
        },
    )


def _roles(ctx: Context) -> Part:
    group = holders(ctx, "planning_group")
    return Part(
        {
            "planning_group_size": len(group) if group is not None else None,
            "roles_unfilled_count": sum(1 for role in ROLES if not holders(ctx, role)),
        },
        {"planning_group_size": ctx.at_key("planning_group"), "roles_unfilled_count": ctx.at_key("roles")},
    )


# --- the planning and core group (WMS 2002 participation levels; CDC kit; seed: Who did the work?) ---


def _share(ctx: Context) -> Part:
    group = holders(ctx, "planning_group")
    size = ctx.profile.membership.size if ctx.profile.membership else None
    percent = round(100 * len(group) / size, 2) if group is not None and size else None
    return Part({"planning_group_percent": percent}, {"planning_group_percent": ctx.at_key("planning_group")})


def _before_launch(ctx: Context) -> Part:
    launch = ctx.timeline.launch_date
    meetings = [(i, m) for i, m in ctx.timeline.of_type(PlanningMeeting) if launch is None or m.date < launch]
    # The convener, the sponsors and managers are not the potential members an idea is tested with (CDC kit):
    # they host or oversee the CoP. The planning group's practitioners are: in the seed, the practitioners the
    # sponsors found became the small planning group ("Who did the work?"), and its members are members.
    p = ctx.profile
    hosts = {s.id for s in p.sponsors or ()} | {x.id for x in p.people or () if {"sponsor", "manager"} & set(x.kinds)}
    hosts |= {p.convener.id} if p.convener and p.convener.id else set()
    people = {person for _, m in meetings for person in m.attendees or ()} - hosts
    unrecorded = any(m.attendees is None for _, m in meetings)
    known = None if unrecorded and len(people) < ctx.thresholds.planning_group_min else len(people)
    where = ctx.at_event(meetings[-1][0]) if meetings else ctx.at_key("events")
    return Part({"planning_people_before_launch": known}, {"planning_people_before_launch": where})


def _absent(ctx: Context) -> Part:
    since = add_months(ctx.as_of, -ctx.thresholds.planning_absence_months)
    recent = [(i, m) for i, m in ctx.timeline.of_type(PlanningMeeting) if m.date >= since][-RECENT_PLANNING_MEETINGS:]
    group = holders(ctx, "planning_group")
    where = ctx.at_event(recent[-1][0]) if recent else ctx.at_key("planning_group")
    names = ("planning_members_absent", "planning_absence_since", "planning_meetings_recent")
    held = len([m for _, m in ctx.timeline.of_type(PlanningMeeting) if m.date >= since])
    locations = dict.fromkeys(names, where)
    if len(recent) < RECENT_PLANNING_MEETINGS:
        launch = ctx.timeline.launch_date  # a year after it, planning meetings missing from the log are unknown
        logged = 0 if launch is None or launch > since else None
        values: dict[str, Value] = {"planning_members_absent": logged, "planning_absence_since": None}
        return Part({**values, "planning_meetings_recent": held}, locations)
    if group is None or any(m.attendees is None for _, m in recent):
        values = {"planning_members_absent": None, "planning_absence_since": None}
        return Part({**values, "planning_meetings_recent": held}, locations)
    first = recent[0][1].date
    joined = {c.to for _, c in ctx.timeline.of_type(RoleChange) if c.role == "planning_group" and c.date > first}
    came = {person for _, m in recent for person in m.attendees or ()}
    absent = [p for p in group if p not in came and p not in joined]
    values = {"planning_members_absent": len(absent), "planning_absence_since": first}
    return Part({**values, "planning_meetings_recent": held}, locations)


def _successor(ctx: Context) -> Part:
    convener = _declared(ctx)
    successor = convener.successor if convener else None
    where = ctx.at_key("convener", "successor")
    if successor is None:
        return Part({"successor_involved": None}, {"successor_involved": where})
    in_roles = any(successor in (holders(ctx, role) or ()) for role in PLANNING_PLACES)
    convened = any(successor in (m.convened_by or ()) for _, m in ctx.timeline.of_type(Meeting))
    planned = any(successor in (m.attendees or ()) for _, m in ctx.timeline.of_type(PlanningMeeting))
    return Part({"successor_involved": in_roles or convened or planned}, {"successor_involved": where})


def items(ctx: Context) -> Iterator[Item]:
    p = ctx.profile.practicalities
    shared: dict[str, Value] = {"launched": ctx.timeline.launch_date is not None, "format": p.format if p else None}
    for role in ROLES:
        count = len(holders(ctx, role) or ())
        yield Item("role", role, ctx.at_key("roles", role), {"role": role, "people_count": count, **shared})
    for index, change in ctx.timeline.of_type(RoleChange):
        values: dict[str, Value] = {
            "role": change.role,
            "date": change.date,
            "from_recorded": change.from_ is not None,
            "to_recorded": change.to is not None,
            "handover": change.handover,
            "months_ago": months_between(change.date, ctx.as_of),
        }
        yield Item("role_change", f"{change.role}@{change.date}", ctx.at_event(index), values)

"""Convener, succession and role facts (seed tips 5–8; Gongla & Rizzuto on leader changes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from copadvisor.errors import Location
from copadvisor.facts.base import Context, FactField, Item, Part, Value
from copadvisor.facts.dates import months_between
from copadvisor.model import ROLES, Meeting, Role, RoleChange, Training

RECENT_MEETINGS = 3

VOCABULARY = {
    "profile": {
        "convener_recorded": FactField("bool", "convener.id is recorded"),
        "has_convener": FactField("bool", "there is a convener now (recorded, and not left by a role_change to null)"),
        "convener_left": FactField("bool", "a role_change of the convener to null left the CoP without one"),
        "convener_left_on": FactField("date", "the date of the role_change that left the CoP without a convener"),
        "convener_hours": FactField("number", "convener.dedicated_hours_per_month"),
        "convener_trained": FactField("bool", "convener.trained"),
        "convener_training_events": FactField("number", "training events of the convener (or of nobody named)"),
        "involvement_ends_in_months": FactField(
            "number", "months from the as-of date to convener.involvement_ends (negative once ended)"
        ),
        "involvement_ends_on": FactField("date", "convener.involvement_ends"),
        "successor_named": FactField("bool", "convener.successor is recorded"),
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
    },
    "role": {
        "role": FactField("text", "a role of the seed's table", ROLES),
        "people_count": FactField("number", "people in the role after role changes (0 when absent or empty)"),
    },
    "role_change": {
        "role": FactField("text", "the role that changed hands", (*ROLES, "convener", "planning_group")),
        "date": FactField("date", "when"),
        "from_recorded": FactField("bool", "`from` names someone"),
        "to_recorded": FactField("bool", "`to` names someone"),
        "handover": FactField("bool", "a handover took place"),
    },
}


def profile_part(ctx: Context) -> Part:
    values: dict[str, Value] = {}
    locations: dict[str, Location] = {}
    for part in (_convener(ctx), _succession(ctx), _sole_convener(ctx), _roles(ctx)):
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


def _convener(ctx: Context) -> Part:
    convener = ctx.profile.convener
    current, left, where = _current_convener(ctx)
    trainings = [t for _, t in ctx.timeline.of_type(Training) if t.person in (None, current)]
    return Part(
        {
            "convener_recorded": bool(convener and convener.id),
            "has_convener": current is not None,
            "convener_left": left is not None,
            "convener_left_on": left,
            "convener_hours": convener.dedicated_hours_per_month if convener else None,
            "convener_trained": convener.trained if convener else None,
            "convener_training_events": len(trainings),
        },
        {
            "convener_recorded": ctx.at_key("convener", "id"),
            "has_convener": where,
            "convener_left": where,
            "convener_left_on": where,
            "convener_hours": ctx.at_key("convener", "dedicated_hours_per_month"),
            "convener_trained": ctx.at_key("convener", "trained"),
        },
    )


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
    convener = ctx.profile.convener
    current, left, _ = _current_convener(ctx)
    ends = convener.involvement_ends if convener else None
    successor = bool(convener and convener.successor)
    others = _co_conveners(ctx, current or (convener.id if convener else None))
    has_successor = successor or others > 0
    return Part(
        {
            "involvement_ends_in_months": months_between(ctx.as_of, ends) if ends else None,
            "involvement_ends_on": ends,
            "successor_named": successor,
            "co_conveners_besides_convener": others,
            "has_successor": has_successor,
            "convener_left_without_successor": left is not None and not has_successor,
        },
        {
            "involvement_ends_in_months": ctx.at_key("convener", "involvement_ends"),
            "involvement_ends_on": ctx.at_key("convener", "involvement_ends"),
            "successor_named": ctx.at_key("convener", "successor"),
            "has_successor": ctx.at_key("convener", "successor"),
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


def items(ctx: Context) -> Iterator[Item]:
    for role in ROLES:
        count = len(holders(ctx, role) or ())
        yield Item("role", role, ctx.at_key("roles", role), {"role": role, "people_count": count})
    for index, change in ctx.timeline.of_type(RoleChange):
        values: dict[str, Value] = {
            "role": change.role,
            "date": change.date,
            "from_recorded": change.from_ is not None,
            "to_recorded": change.to is not None,
            "handover": change.handover,
        }
        yield Item("role_change", f"{change.role}@{change.date}", ctx.at_event(index), values)

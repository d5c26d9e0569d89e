"""Experts by Experience facts: are they involved, paid and part of planning (seed tip 12)?"""

from __future__ import annotations

from typing import Final

from copadvisor.facts.base import Context, FactField, Part
from copadvisor.facts.convener import PLANNING_PLACES, holders
from copadvisor.model import Funding, Launch, Meeting, PlanningMeeting, RoleChange

EBE: Final = "expert_by_experience"

VOCABULARY = {
    "profile": {
        "ebe_declared": FactField("bool", "experts_by_experience.involved"),
        "ebe_involved": FactField(
            "bool", "Experts by Experience are involved: declared, in `people`, or in an attendance count"
        ),
        "ebe_recompense": FactField(
            "text", "experts_by_experience.recompense", ("funded", "requested", "unfunded", "not_applicable")
        ),
        "ebe_payment_policy": FactField("bool", "experts_by_experience.payment_policy"),
        "ebe_latest_funding": FactField(
            "text",
            "outcome of the latest funding event for Experts by Experience",
            ("none", "requested", "granted", "denied"),
        ),
        "ebe_funding_denied_count": FactField("number", "funding events for Experts by Experience that were denied"),
        "ebe_in_planning": FactField("bool", "an Expert by Experience is in the planning group"),
        "ebe_in_membership": FactField(
            "bool", "membership.includes lists expert_by_experience (the CoP means to involve them)"
        ),
        "ebe_attendance_fell": FactField(
            "bool",
            "fewer Experts by Experience came to the latest session recorded by kind than to an earlier one"
            " (false when no session records them by kind)",
        ),
        "ebe_attendance_best": FactField("number", "the most Experts by Experience at one session (by kind)"),
        "ebe_attendance_latest": FactField("number", "Experts by Experience at the latest session recorded by kind"),
        "ebe_attendance_latest_date": FactField("date", "the date of the latest session recorded by kind"),
        "ebe_ever_in_planning": FactField(
            "bool",
            "an Expert by Experience (a person of that kind) is in the planning group or a role, came to a"
            " planning meeting or convened a meeting; not recorded when no such person is listed in people",
        ),
    }
}


def profile_part(ctx: Context) -> Part:
    ebe = ctx.profile.experts_by_experience
    declared = ebe.involved if ebe else None
    people = {p.id for p in ctx.profile.people or () if EBE in p.kinds}
    attended = any(
        isinstance(s.attendance, dict) and s.attendance.get(EBE, 0) > 0
        for _, s in ctx.timeline.events
        if isinstance(s, Launch | Meeting)
    )
    involved = True if (declared or people or attended) else declared
    by_kind_sessions = [
        s for _, s in ctx.timeline.events if isinstance(s, Launch | Meeting) and isinstance(s.attendance, dict)
    ]
    by_kind = [s.attendance.get(EBE, 0) for s in by_kind_sessions if isinstance(s.attendance, dict)]
    funding = [(i, f) for i, f in ctx.timeline.of_type(Funding) if f.for_ == "experts_by_experience"]
    latest = funding[-1] if funding else None
    group = holders(ctx, "planning_group")
    sessions = ctx.at_key("events")
    return Part(
        {
            "ebe_declared": declared,
            "ebe_involved": involved,
            "ebe_recompense": ebe.recompense if ebe else None,
            "ebe_payment_policy": ebe.payment_policy if ebe else None,
            "ebe_latest_funding": latest[1].outcome if latest else "none",
            "ebe_funding_denied_count": sum(1 for _, f in funding if f.outcome == "denied"),
            "ebe_in_planning": bool(people & set(group)) if group is not None and people else None,
            "ebe_in_membership": EBE in (ctx.profile.membership.includes or ()) if ctx.profile.membership else False,
            "ebe_ever_in_planning": _ever_in_planning(ctx, people) if people else None,
            "ebe_attendance_fell": bool(by_kind) and by_kind[-1] < max(by_kind),
            "ebe_attendance_best": max(by_kind) if by_kind else None,
            "ebe_attendance_latest": by_kind[-1] if by_kind else None,
            "ebe_attendance_latest_date": by_kind_sessions[-1].date if by_kind_sessions else None,
        },
        {
            "ebe_declared": ctx.at_key("experts_by_experience", "involved"),
            "ebe_involved": ctx.at_key("experts_by_experience", "involved"),
            "ebe_recompense": ctx.at_key("experts_by_experience", "recompense"),
            "ebe_payment_policy": ctx.at_key("experts_by_experience", "payment_policy"),
            "ebe_latest_funding": ctx.at_event(latest[0]) if latest else ctx.at_key("experts_by_experience"),
            "ebe_funding_denied_count": ctx.at_event(latest[0]) if latest else ctx.at_key("experts_by_experience"),
            "ebe_in_planning": ctx.at_key("planning_group"),
            "ebe_in_membership": ctx.at_key("membership", "includes"),
            "ebe_ever_in_planning": ctx.at_key("planning_group"),
            **dict.fromkeys(
                ("ebe_attendance_fell", "ebe_attendance_best", "ebe_attendance_latest", "ebe_attendance_latest_date"),
                sessions,
            ),
        },
    )


def _ever_in_planning(ctx: Context, people: set[str]) -> bool:
    """Part of planning or convening, now or before: the group, a role, a planning meeting, a meeting convened."""
    if any(people & set(holders(ctx, role) or ()) for role in PLANNING_PLACES):
        return True
    if any(people & set(m.attendees or ()) for _, m in ctx.timeline.of_type(PlanningMeeting)):
        return True
    if any(people & set(m.convened_by or ()) for _, m in ctx.timeline.of_type(Meeting)):
        return True
    return any(c.role == "planning_group" and c.from_ in people for _, c in ctx.timeline.of_type(RoleChange))

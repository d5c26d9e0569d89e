"""Membership facts: who the CoP is for and how often members revisit it (seed tip 11)."""

from __future__ import annotations

from collections.abc import Sequence

from copadvisor.facts.base import Context, FactField, Part
from copadvisor.facts.dates import months_between
from copadvisor.facts.meetings import total
from copadvisor.model import MembershipReview

VOCABULARY = {
    "profile": {
        "membership_target_recorded": FactField("bool", "membership.target is recorded and not empty"),
        "membership_size": FactField("number", "membership.size"),
        "membership_kinds_count": FactField("number", "distinct kinds in membership.includes (0 when absent)"),
        "membership_reviewed_since_launch": FactField("bool", "a membership_review on or after the launch"),
        "months_since_membership_review": FactField("number", "months since the latest membership_review"),
        "membership_review_date": FactField("date", "the date of the latest membership_review"),
        "commissioners_considered": FactField("bool", "commissioners are among `people` or membership.includes"),
        "commissioners_decision": FactField(
            "text", "membership.commissioners", ("members", "deferred", "excluded", "undecided")
        ),
        "start_small": FactField("bool", "membership.start_small: members chose to keep the CoP small to start with"),
        "commissioners_attended_sessions": FactField(
            "number", "launches and meetings whose attendance by kind records commissioners"
        ),
        "membership_reviewed_after_launch": FactField("bool", "a membership_review dated after the launch"),
        "launch_attendance": FactField("number", "the launch's attendance (a map of kinds is summed)"),
        "latest_meeting_attendance": FactField("number", "the attendance of the latest meeting"),
        "growth_since_launch": FactField(
            "number", "the latest meeting's attendance divided by the launch's (two decimals)"
        ),
    }
}


def _growth(ctx: Context) -> Part:
    """Attendance now against the launch, for a CoP members chose to keep small to start with (seed tip 2)."""
    launch, meetings = ctx.timeline.launch, ctx.timeline.meetings_after_launch
    first = total(launch[1].attendance) if launch else None
    latest = total(meetings[-1][1].attendance) if meetings else None
    growth = round(latest / first, 2) if first and latest is not None else None
    where = ctx.at_event(meetings[-1][0]) if meetings else ctx.at_key("events")
    names = ("launch_attendance", "latest_meeting_attendance", "growth_since_launch")
    return Part(dict(zip(names, (first, latest, growth), strict=True)), dict.fromkeys(names, where))


def profile_part(ctx: Context) -> Part:
    membership = ctx.profile.membership
    launch = ctx.timeline.launch_date
    reviews = ctx.timeline.of_type(MembershipReview)
    since_launch = [(i, r) for i, r in reviews if launch is not None and r.date >= launch]
    latest = reviews[-1] if reviews else None
    after_launch = [r for _, r in reviews if launch is not None and r.date > launch]
    kinds = {k for person in ctx.profile.people or () for k in person.kinds}
    kinds.update(membership.includes or () if membership else ())
    return Part(
        {
            "membership_target_recorded": bool(membership and membership.target and membership.target.strip()),
            "membership_size": membership.size if membership else None,
            "membership_kinds_count": len(set(membership.includes or ())) if membership else 0,
            "membership_reviewed_since_launch": bool(since_launch),
            "months_since_membership_review": months_between(latest[1].date, ctx.as_of) if latest else None,
            "membership_review_date": latest[1].date if latest else None,
            "commissioners_considered": "commissioner" in kinds,
            "commissioners_decision": membership.commissioners if membership else None,
            "start_small": _start_small(membership.start_small if membership else None, reviews),
            "commissioners_attended_sessions": sum(
                1
                for _, s in ctx.timeline.sessions
                if isinstance(s.attendance, dict) and s.attendance.get("commissioner")
            ),
            "membership_reviewed_after_launch": bool(after_launch),
            **_growth(ctx).values,
        },
        {
            "membership_target_recorded": ctx.at_key("membership", "target"),
            "membership_size": ctx.at_key("membership", "size"),
            "membership_kinds_count": ctx.at_key("membership", "includes"),
            "membership_reviewed_since_launch": ctx.at_event(latest[0]) if latest else ctx.at_key("membership"),
            "months_since_membership_review": ctx.at_event(latest[0]) if latest else ctx.at_key("membership"),
            "membership_review_date": ctx.at_event(latest[0]) if latest else ctx.at_key("membership"),
            "commissioners_considered": ctx.at_key("membership", "includes"),
            "commissioners_decision": ctx.at_key("membership", "commissioners"),
            "start_small": ctx.at_key("membership", "start_small"),
            **_growth(ctx).locations,
        },
    )


def _start_small(declared: bool | None, reviews: Sequence[tuple[int, MembershipReview]]) -> bool | None:
    # Only the recorded field: a review's notes are free text, never read as a decision.
    return declared

"""Membership facts: who the CoP is for and how often members revisit it (seed tip 11)."""

from __future__ import annotations

from copadvisor.facts.base import Context, FactField, Part
from copadvisor.facts.dates import months_between
from copadvisor.model import MembershipReview

VOCABULARY = {
    "profile": {
        "membership_target_recorded": FactField("bool", "membership.target is recorded and not empty"),
        "membership_size": FactField("number", "membership.size"),
        "membership_kinds_count": FactField("number", "distinct kinds in membership.includes (0 when absent)"),
        "membership_reviewed_since_launch": FactField("bool", "a membership_review on or after the launch"),
        "months_since_membership_review": FactField("number", "months since the latest membership_review"),
        "membership_review_date": FactField("date", "the date of the latest membership_review"),
        "commissioners_considered": FactField("bool", "commissioners are among people or membership.includes"),
        "commissioners_decision": FactField(
            "text", "membership.commissioners", ("members", "deferred", "excluded", "undecided")
        ),
    }
}


def profile_part(ctx: Context) -> Part:
    membership = ctx.profile.membership
    launch = ctx.timeline.launch_date
    reviews = ctx.timeline.of_type(MembershipReview)
    since_launch = [(i, r) for i, r in reviews if launch is not None and r.date >= launch]
    latest = reviews[-1] if reviews else None
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
        },
    )

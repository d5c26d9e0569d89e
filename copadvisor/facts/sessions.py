"""Session facts: each launch and meeting (length, attendance, what happened) and the gaps between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from copadvisor.facts.base import Context, FactField, Item, Value
from copadvisor.facts.meetings import total
from copadvisor.model import Contact, Launch, Meeting, MembershipReview

VOCABULARY = {
    "session": {
        "type": FactField("text", "launch or meeting", ("launch", "meeting")),
        "date": FactField("date", "when"),
        "minutes": FactField("number", "how long it lasted"),
        "attendance": FactField("number", "how many attended (a map of kinds is summed)"),
        "number": FactField("number", "its place among the sessions, from 1"),
        "after_launch": FactField("bool", "dated after the launch"),
        "is_latest": FactField("bool", "the last session up to the as-of date"),
        "planning_offer": FactField("bool", "the offer to join planning was repeated (seed tip 9)"),
        "contact_planning_offers": FactField(
            "number",
            "contact events with planning_offer: true from this session until the next meeting (seed tip 10)",
        ),
        "principles_revisited": FactField("bool", "the CoP's principles were revisited"),
        "external_voice": FactField("bool", "an outside voice was heard"),
        "feedback_responses": FactField("number", "feedback responses collected"),
        "style": FactField("text", "how the time was used", ("case_discussion", "workshop", "presentation", "mixed")),
        "commissioners_attending": FactField(
            "number", "commissioners in its attendance by kind (not recorded when attendance is not by kind)"
        ),
        "commissioners_kept_out": FactField(
            "bool", "membership.commissioners is deferred or excluded (members chose to keep them out for now)"
        ),
        "after_membership_review": FactField(
            "bool", "dated after the latest membership_review (after the launch when there is none)"
        ),
        "meetings_held": FactField("number", "meeting events up to the as-of date (the same on every session)"),
        "planning_offers_made": FactField(
            "number",
            "meetings and contacts recording planning_offer: true up to the as-of date (the same on every session)",
        ),
        "themes_count": FactField("number", "themes recorded"),
        "conveners_count": FactField("number", "people who convened it"),
        "days_since_previous": FactField("number", "days since the session before it"),
    },
    "gap": {
        "from_date": FactField("date", "the session the gap starts at"),
        "to_date": FactField("date", "the next session, or the as-of date"),
        "days": FactField("number", "days in the gap"),
        "limit_days": FactField("number", "twice the cadence in days, or 90 days without a cadence"),
        "over_by_days": FactField("number", "days beyond the limit (negative when within)"),
        "ongoing": FactField("bool", "the gap runs to the as-of date"),
        "held_sessions": FactField(
            "number",
            "sessions after the one that closed the gap, in a row, each within the limit of the one before: the"
            " rhythm that has held since (0 for the gap still open)",
        ),
    },
}


def items(ctx: Context) -> Iterator[Item]:
    sessions = ctx.timeline.sessions
    launch_date = ctx.timeline.launch_date
    reviews = ctx.timeline.of_type(MembershipReview)
    since = reviews[-1][1].date if reviews else launch_date
    offers = [c.date for _, c in ctx.timeline.of_type(Contact) if c.planning_offer]
    meeting_dates = [m.date for _, m in ctx.timeline.meetings]
    previous: dt.date | None = None
    membership = ctx.profile.membership
    kept_out = bool(membership and membership.commissioners in ("deferred", "excluded"))
    made = len(offers) + sum(1 for _, m in ctx.timeline.meetings if m.planning_offer)
    for number, (index, session) in enumerate(sessions, start=1):
        values = _session_values(session, number, number == len(sessions), launch_date, previous)
        values["contact_planning_offers"] = _offers_after(session.date, offers, meeting_dates)
        values["after_membership_review"] = since is not None and session.date > since
        values["commissioners_kept_out"] = kept_out
        values["meetings_held"] = len(meeting_dates)
        values["planning_offers_made"] = made
        values["commissioners_attending"] = (
            session.attendance.get("commissioner", 0) if isinstance(session.attendance, dict) else None
        )
        yield Item("session", f"{session.type}@{session.date}", ctx.at_event(index), values)
        previous = session.date
    yield from _gaps(ctx)


def _offers_after(day: dt.date, offers: list[dt.date], meetings: list[dt.date]) -> int:
    """Offers to join planning made in contacts from this session until the next meeting (tips 9 and 10)."""
    later = [d for d in meetings if d > day]
    end = later[0] if later else dt.date.max
    return sum(1 for offer in offers if day <= offer < end)


def _session_values(
    session: Launch | Meeting, number: int, latest: bool, launch: dt.date | None, previous: dt.date | None
) -> dict[str, Value]:
    values: dict[str, Value] = {
        "type": session.type,
        "date": session.date,
        "minutes": session.minutes,
        "attendance": total(session.attendance),
        "number": number,
        "after_launch": launch is not None and session.date > launch,
        "is_latest": latest,
        "days_since_previous": (session.date - previous).days if previous else None,
    }
    values.update(dict.fromkeys(_MEETING_ONLY))
    if isinstance(session, Meeting):
        values.update(
            planning_offer=session.planning_offer,
            principles_revisited=session.principles_revisited,
            external_voice=session.external_voice,
            feedback_responses=session.feedback_responses,
            themes_count=len(session.themes) if session.themes is not None else None,
            conveners_count=len(session.convened_by) if session.convened_by is not None else None,
            style=session.style,
        )
    return values


_MEETING_ONLY = (
    "planning_offer",
    "principles_revisited",
    "external_voice",
    "feedback_responses",
    "themes_count",
    "conveners_count",
    "style",
)


def _gaps(ctx: Context) -> Iterator[Item]:
    sessions = ctx.timeline.sessions
    if not sessions:
        return
    cadence = ctx.profile.practicalities.cadence_weeks if ctx.profile.practicalities else None
    limits = ctx.thresholds
    limit = cadence * 7 * limits.gap_cadence_multiplier if cadence else float(limits.gap_default_days)
    ends = [s.date for _, s in sessions[1:]] + [ctx.as_of]
    lengths = [(end - start.date).days for (_, start), end in zip(sessions, ends, strict=True)]
    for k, ((index, start), end) in enumerate(zip(sessions, ends, strict=True)):
        days = lengths[k]
        ongoing = end == ctx.as_of and start is sessions[-1][1]
        later = lengths[k + 1 : len(sessions) - 1]  # the closed gaps after this one
        held = next((n for n, d in enumerate(later) if d > limit), len(later))
        values: dict[str, Value] = {
            "from_date": start.date,
            "to_date": end,
            "days": days,
            "limit_days": round(limit, 2),
            "over_by_days": round(days - limit, 2),
            "ongoing": ongoing,
            "held_sessions": 0 if ongoing else held,
        }
        yield Item("gap", f"gap@{start.date}" + ("+" if ongoing else f"-{end}"), ctx.at_event(index), values)

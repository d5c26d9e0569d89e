"""Every person id a profile holds, wherever it stands: the sponsors' view blanks them out of any text it shows."""

from __future__ import annotations

from copadvisor.model import EventBase, Meeting, PlanningMeeting, Profile, RoleChange, TaskProposed, Training


def person_ids(profile: Profile) -> frozenset[str]:
    """The ids of the register, the convener and successor, roles, planning group, sponsors and events."""
    ids: set[str] = set()
    convener = profile.convener
    if convener:
        ids.update(i for i in (convener.id, convener.successor) if i)
    ids.update(p.id for p in profile.people or ())
    ids.update(i for holders in (profile.roles or {}).values() for i in holders)
    ids.update(profile.planning_group or ())
    ids.update(s.id for s in profile.sponsors or ())
    for event in profile.events or ():
        ids.update(i for i in _event_ids(event) if i)
    return frozenset(ids)


def _event_ids(event: EventBase) -> tuple[str | None, ...]:
    if isinstance(event, PlanningMeeting):
        return tuple(event.attendees or ())
    if isinstance(event, Meeting):
        return tuple(event.convened_by or ())
    if isinstance(event, TaskProposed):
        return (event.by,)  # a person id, or a role
    if isinstance(event, RoleChange):
        return (event.from_, event.to)
    if isinstance(event, Training):
        return (event.person,)
    return ()

"""Person ids, wherever they stand: each id once, at its first use, for the rule that asks that ids are not
names (SPEC §4, `privacy.name-as-id`); and every id of a profile, which the sponsors' view blanks out of any
text it shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copadvisor.errors import Location
from copadvisor.facts.base import Context, FactField, Item, Part, Value
from copadvisor.load.yamlsource import Path
from copadvisor.model import EventBase, Meeting, PlanningMeeting, Profile, RoleChange, TaskProposed, Training

# Words a `by` may hold instead of a person id (SPEC §3.3: "person id or role").
ROLE_WORDS = frozenset({"sponsor", "manager", "convener", "members", "planning_group", "commissioner"})
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_PARTS = re.compile(r"[\s._-]+")

VOCABULARY = {
    "profile": {
        "person_ids_count": FactField("number", "distinct person ids anywhere in the profile and its events"),
    },
    "person_id": {
        "person": FactField("text", "the id as written"),
        "has_space": FactField("bool", "the id holds a space"),
        "capitalised_words": FactField("number", "words of the id that are capitalised like a name (Jane, Smith)"),
    },
}


def profile_part(ctx: Context) -> Part:
    return Part({"person_ids_count": len({person for person, _ in _uses(ctx.profile)})})


def items(ctx: Context) -> Iterator[Item]:
    """Each distinct person id of the profile, at its first use in the files."""
    first: dict[str, Location] = {}
    for person, path in sorted(_uses(ctx.profile), key=lambda use: ctx.source.of_value(use[1])):
        first.setdefault(person, ctx.source.of_value(path))
    for person, location in first.items():
        words = [w for w in _PARTS.split(person) if w]
        values: dict[str, Value] = {
            "person": person,
            "has_space": any(c.isspace() for c in person),
            "capitalised_words": sum(1 for w in words if _CAPITALISED.fullmatch(w)),
        }
        yield Item("person_id", f"person:{person}", location, values)


def _uses(profile: Profile) -> Iterator[tuple[str, Path]]:
    """Every person id with the path of the value that holds it."""
    convener = profile.convener
    if convener:
        yield from ((i, ("convener", key)) for key, i in (("id", convener.id), ("successor", convener.successor)) if i)
    yield from ((p.id, ("people", n, "id")) for n, p in enumerate(profile.people or ()))
    for role, holders in (profile.roles or {}).items():
        yield from ((i, ("roles", role, n)) for n, i in enumerate(holders))
    yield from ((i, ("planning_group", n)) for n, i in enumerate(profile.planning_group or ()))
    yield from ((s.id, ("sponsors", n, "id")) for n, s in enumerate(profile.sponsors or ()))
    for index, event in enumerate(profile.events or ()):
        for key, ids in _event_uses(event):
            for n, i in ids:
                if i and not (key == "by" and i in ROLE_WORDS):
                    path: Path = ("events", index, key, *n)
                    yield i, path


def _event_uses(event: EventBase) -> Iterator[tuple[str, list[tuple[tuple[int, ...], str | None]]]]:
    if isinstance(event, PlanningMeeting):
        yield "attendees", [((n,), i) for n, i in enumerate(event.attendees or ())]
    elif isinstance(event, Meeting):
        yield "convened_by", [((n,), i) for n, i in enumerate(event.convened_by or ())]
    elif isinstance(event, TaskProposed):
        yield "by", [((), event.by)]
    elif isinstance(event, RoleChange):
        yield "from", [((), event.from_)]
        yield "to", [((), event.to)]
    elif isinstance(event, Training):
        yield "person", [((), event.person)]


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

"""The records of the facts step and the context every fact family reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar, cast

from copadvisor.errors import Location
from copadvisor.load import SourceMap
from copadvisor.load.yamlsource import Path
from copadvisor.model import Closed, EventBase, Launch, Meeting, Profile
from copadvisor.thresholds import Thresholds

Value = int | float | str | bool | dt.date | None
# "The last 3 meetings": the window of every recent-meetings fact (who convened, principles, feedback).
RECENT_MEETINGS = 3
FactType = Literal["number", "text", "bool", "date"]
E = TypeVar("E", bound=EventBase)


@dataclass(frozen=True)
class FactField:
    """One entry of the fact vocabulary: its type, what it means, and (for text) the values it takes."""

    type: FactType
    description: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """One fact: a kind, flat values (``None`` = not recorded) and where each value came from."""

    kind: str
    id: int
    key: str  # stable identity within the profile, for fingerprints: no line numbers in it
    location: Location
    values: Mapping[str, Value]
    locations: Mapping[str, Location] = field(default_factory=dict)

    def location_of(self, name: str) -> Location:
        return self.locations.get(name, self.location)


@dataclass(frozen=True)
class Item:
    """A fact before numbering: what a family returns."""

    kind: str
    key: str
    location: Location
    values: Mapping[str, Value]
    locations: Mapping[str, Location] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What every family may read: the profile, where its parts stand, the timeline and the thresholds."""

    profile: Profile
    source: SourceMap
    as_of: dt.date
    thresholds: Thresholds
    timeline: Timeline
    stage: str

    def at_key(self, *path: str | int) -> Location:
        """The key of a field, or the mapping that lacks it (line 1 for the top level)."""
        if path in self.source.keys:
            return self.source.keys[path]
        parent: Path = path[:-1]
        while parent and parent not in self.source.values:
            parent = parent[:-1]
        return self.source.values[parent] if parent else Location(self.source.path)

    def at_event(self, index: int) -> Location:
        return self.source.of_value(("events", index))


@dataclass(frozen=True)
class Timeline:
    """The events on or before the as-of date, in date order (file order within a day), with their indexes."""

    events: tuple[tuple[int, EventBase], ...]
    sessions: tuple[tuple[int, Launch | Meeting], ...]  # launch and meeting events
    launch: tuple[int, Launch] | None  # the first launch
    meetings: tuple[tuple[int, Meeting], ...]  # every meeting event
    meetings_after_launch: tuple[tuple[int, Meeting], ...]  # dated after the launch
    closed: tuple[int, Closed] | None
    # `of_type`'s answers: the families ask for the same few kinds some 65 times a profile.
    _of_type: dict[type[EventBase], tuple[tuple[int, EventBase], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def launch_date(self) -> dt.date | None:
        return self.launch[1].date if self.launch else None

    def of_type(self, kind: type[E]) -> list[tuple[int, E]]:
        found = self._of_type.get(kind)
        if found is None:
            found = self._of_type[kind] = tuple((i, e) for i, e in self.events if isinstance(e, kind))
        return cast(list[tuple[int, E]], list(found))


@dataclass(frozen=True)
class Part:
    """Profile-level values contributed by one family, with the source of each where it has one."""

    values: Mapping[str, Value]
    locations: Mapping[str, Location] = field(default_factory=dict)


def count(items: object) -> int:
    """The length of a list that may be absent: absent and empty both count as 0."""
    return len(items) if isinstance(items, list | tuple) else 0


def plain(value: Value) -> str:
    """A value in the words of a message: "not recorded", "yes"/"no", a whole number without ".0", a date."""
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

"""The event log as of a date: what happened, in order, and the sessions that matter for stages."""

from __future__ import annotations

import datetime as dt

from copadvisor.facts.base import Timeline
from copadvisor.model import Closed, EventBase, Launch, Meeting, Profile


def build_timeline(profile: Profile, as_of: dt.date) -> Timeline:
    """Events after the as-of date are ignored (SPEC §2); the sort is stable so file order breaks ties."""
    events: list[tuple[int, EventBase]] = sorted(
        ((i, e) for i, e in enumerate(profile.events or ()) if e.date <= as_of), key=lambda pair: pair[1].date
    )
    sessions = [(i, e) for i, e in events if isinstance(e, Launch | Meeting)]
    launch = next(((i, e) for i, e in events if isinstance(e, Launch)), None)
    meetings = [(i, e) for i, e in events if isinstance(e, Meeting)]
    after = [(i, e) for i, e in meetings if launch is not None and e.date > launch[1].date]
    closed = next(((i, e) for i, e in events if isinstance(e, Closed)), None)
    return Timeline(tuple(events), tuple(sessions), launch, tuple(meetings), tuple(after), closed)

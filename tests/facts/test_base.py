"""The records of the facts step and the context every family reads (``copadvisor.facts.base``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cop_testing import facts_of, load_one

from copadvisor.facts.timeline import build_timeline
from copadvisor.model import EventBase, Launch, Meeting


def test_locations_point_at_keys_events_and_missing_mappings(tmp_path: Path) -> None:
    profile = {"convener": {"id": "A", "dedicated_hours_per_month": 0}}
    events = [{"date": "2025-01-01", "type": "launch"}]
    facts = facts_of(tmp_path, profile, events)
    assert facts.profile.location_of("convener_hours").line == 5  # the key, under `convener:` on line 3
    assert facts.profile.location_of("convener_trained").line == 4  # the mapping that lacks it
    assert facts.profile.location_of("membership_target_recorded").line == 1  # no `membership:` at all
    [session] = facts.of_kind("session")
    assert session.location.path.endswith("events.yaml")
    assert session.location.line == 1


def test_events_of_a_type_are_those_instances_in_date_order_a_fresh_list_each_time(tmp_path: Path) -> None:
    events = [
        {"date": "2025-03-01", "type": "meeting"},
        {"date": "2025-01-01", "type": "launch"},
        {"date": "2025-02-01", "type": "meeting"},
    ]
    timeline = build_timeline(load_one(tmp_path, {}, events).profile, dt.date(2025, 12, 31))
    meetings = timeline.of_type(Meeting)
    assert [(i, e.date) for i, e in meetings] == [(2, dt.date(2025, 2, 1)), (0, dt.date(2025, 3, 1))]
    meetings.clear()  # a caller's list is its own: the next caller gets every meeting again
    assert [i for i, _ in timeline.of_type(Meeting)] == [2, 0]
    assert [i for i, _ in timeline.of_type(EventBase)] == [1, 2, 0]
    assert timeline.of_type(Launch) == [(1, timeline.events[0][1])]

"""The records of the facts step and the context every family reads (``copadvisor.facts.base``)."""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of


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

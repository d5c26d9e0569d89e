"""The event log as of a date (``copadvisor.facts.timeline``)."""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of


def test_events_after_the_as_of_date_are_ignored(tmp_path: Path) -> None:
    events = [{"date": "2025-01-01", "type": "launch"}, {"date": "2025-03-01", "type": "meeting"}]
    facts = facts_of(tmp_path, events=events, as_of="2025-02-01")
    assert facts.profile.values["sessions_count"] == 1
    assert [g.values["days"] for g in facts.of_kind("gap")] == [31]

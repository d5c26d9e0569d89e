"""Sponsor facts (``copadvisor.facts.sponsors``): sponsors, and tasks proposed by sponsors or managers."""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of


def test_tasks_by_sponsors_and_managers(tmp_path: Path) -> None:
    profile = {
        "sponsors": [{"id": "S"}],
        "people": [{"id": "M", "kinds": ["manager"]}, {"id": "P", "kinds": ["practitioner"]}],
    }
    events = [{"date": "2025-01-0" + str(i + 1), "type": "task_proposed", "by": who} for i, who in enumerate("SMP")]
    tasks = facts_of(tmp_path, profile, events).of_kind("task")
    assert [t.values["by_sponsor"] for t in tasks] == [True, True, False]

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


def test_tasks_by_sponsors_are_counted_for_the_profile(tmp_path: Path) -> None:
    profile = {"sponsors": [{"id": "S"}], "people": [{"id": "P", "kinds": ["practitioner"]}]}
    events = [
        {"date": "2025-01-01", "type": "task_proposed", "by": "S", "decision": "declined"},
        {"date": "2025-01-02", "type": "task_proposed", "by": "manager"},
        {"date": "2025-01-03", "type": "task_proposed", "by": "P"},
        {"date": "2025-01-04", "type": "task_proposed"},
    ]
    values = facts_of(tmp_path, profile, events).profile.values
    assert (values["sponsor_tasks_count"], values["tasks_proposed_count"]) == (2, 4)


def test_meetings_held_since_a_task_was_proposed(tmp_path: Path) -> None:
    events = [
        {"date": "2026-06-09", "type": "launch"},
        {"date": "2026-07-14", "type": "meeting"},
        {"date": "2026-09-29", "type": "task_proposed", "by": "SP1", "decision": "pending"},
        {"date": "2026-10-13", "type": "meeting"},
    ]
    [task] = facts_of(tmp_path, events=events, as_of="2026-10-20").of_kind("task")
    assert task.values["meetings_since"] == 1

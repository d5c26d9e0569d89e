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


def test_a_task_a_meeting_worked_on(tmp_path: Path) -> None:
    events = [
        {"date": "2026-06-09", "type": "launch"},
        {"date": "2026-07-14", "type": "meeting", "themes": ["discharge letter complaints"]},  # before the task
        {
            "date": "2026-09-29",
            "type": "task_proposed",
            "by": "SP1",
            "decision": "pending",
            "task": "Explain the rise in complaints about discharge letters",
        },
        {"date": "2026-10-13", "type": "meeting", "themes": ["falls", "Discharge letter complaints"]},
        {"date": "2026-10-20", "type": "task_proposed", "by": "SP1", "decision": "accepted", "decided_by": "convener"},
        {"date": "2026-10-27", "type": "meeting", "themes": ["discharge planning"]},
    ]
    facts = facts_of(tmp_path, {"sponsors": [{"id": "SP1"}]}, events, as_of="2026-11-01")
    tasks = [(t.values["worked_on_meetings"], str(t.values["worked_on_date"])) for t in facts.of_kind("task")]
    assert tasks == [(1, "2026-10-13"), (None, "None")]  # the second has no text to compare
    assert facts.profile.values["sponsor_tasks_imposed_count"] == 1

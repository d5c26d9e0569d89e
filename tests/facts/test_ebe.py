"""Experts by Experience facts (``copadvisor.facts.ebe``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cop_testing import facts_of


@pytest.mark.parametrize(
    ("profile", "events", "involved"),
    [
        ({}, [], None),
        ({"experts_by_experience": {"involved": False}}, [], False),
        ({"experts_by_experience": {"involved": True}}, [], True),
        ({"people": [{"id": "E", "kinds": ["expert_by_experience"]}]}, [], True),
        ({}, [{"date": "2025-01-01", "type": "launch", "attendance": {"expert_by_experience": 1}}], True),
        ({}, [{"date": "2025-01-01", "type": "launch", "attendance": {"expert_by_experience": 0}}], None),
    ],
)
def test_experts_by_experience_involved(
    tmp_path: Path, profile: dict[str, Any], events: list[Any], involved: bool | None
) -> None:
    assert facts_of(tmp_path, profile, events).profile.values["ebe_involved"] is involved


def test_latest_funding_for_experts_by_experience(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "funding", "for": "experts_by_experience", "outcome": "denied"},
        {"date": "2025-02-01", "type": "funding", "for": "venue", "outcome": "granted"},
    ]
    assert facts_of(tmp_path, events=events).profile.values["ebe_latest_funding"] == "denied"
    assert facts_of(tmp_path).profile.values["ebe_latest_funding"] == "none"


def test_refusals_of_funding_are_counted(tmp_path: Path) -> None:
    events = [
        {"date": "2026-05-20", "type": "funding", "for": "experts_by_experience", "outcome": "denied"},
        {"date": "2026-06-20", "type": "funding", "for": "experts_by_experience", "outcome": "requested"},
        {"date": "2026-07-20", "type": "funding", "for": "experts_by_experience", "outcome": "denied"},
    ]
    assert facts_of(tmp_path, events=events, as_of="2026-12-01").profile.values["ebe_funding_denied_count"] == 2


@pytest.mark.parametrize(
    ("counts", "fell", "best", "latest"),
    [
        ([2, 2, 1, 0], True, 2, 0),
        ([1, 2, 2], False, 2, 2),
        ([], False, None, None),
        ([0, 0], False, 0, 0),
    ],
)
def test_a_fall_in_the_experts_by_experience_who_come(
    tmp_path: Path, counts: list[int], fell: bool, best: int | None, latest: int | None
) -> None:
    events = [{"date": "2026-01-10", "type": "launch", "attendance": 12}]  # a total, not by kind: not counted
    events += [
        {"date": f"2026-0{n + 2}-10", "type": "meeting", "attendance": {"practitioner": 10, "expert_by_experience": c}}
        for n, c in enumerate(counts)
    ]
    values = facts_of(tmp_path, events=events, as_of="2026-12-01").profile.values
    assert (values["ebe_attendance_fell"], values["ebe_attendance_best"], values["ebe_attendance_latest"]) == (
        fell,
        best,
        latest,
    )

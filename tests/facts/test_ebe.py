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

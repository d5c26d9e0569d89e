"""Membership facts (``copadvisor.facts.membership``)."""

from __future__ import annotations

from pathlib import Path

from cop_testing import facts_of


def test_membership_review_since_the_launch(tmp_path: Path) -> None:
    events = [
        {"date": "2024-06-01", "type": "membership_review"},
        {"date": "2025-01-01", "type": "launch"},
    ]
    values = facts_of(tmp_path, events=events).profile.values
    assert values["membership_reviewed_since_launch"] is False
    same_day = [*events, {"date": "2025-01-01", "type": "membership_review"}]
    values = facts_of(tmp_path, events=same_day, as_of="2026-02-01").profile.values
    assert values["membership_reviewed_since_launch"] is True
    assert values["months_since_membership_review"] == 13

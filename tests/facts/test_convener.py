"""Convener, succession, role and planning-group facts (``copadvisor.facts.convener``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cop_testing import day, facts_of


def test_sole_convener_of_the_last_three_meetings(tmp_path: Path) -> None:
    def sole(conveners: list[list[str] | None], roles: dict[str, Any] | None = None) -> tuple[Any, Any]:
        events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch"}]
        for i, who in enumerate(conveners):
            events.append({"date": f"2025-0{i + 2}-01", "type": "meeting", **({"convened_by": who} if who else {})})
        values = facts_of(tmp_path, {"roles": roles} if roles else None, events).profile.values
        return values["last_meetings_sole_convener"], values["co_conveners_besides_sole_convener"]

    assert sole([["B"], ["A"], ["A"], ["A"]]) == (True, 0)
    assert sole([["A"], ["A"], ["A"]], {"co_convener": ["A", "B"]}) == (True, 1)
    assert sole([["A"], ["A", "B"], ["A"]]) == (False, None)
    assert sole([["A"], ["B"], ["A"]]) == (False, None)
    assert sole([["A"], ["A"]]) == (False, None)  # fewer than three meetings
    assert sole([["A"], None, ["A"]]) == (None, None)  # not recorded on one of them


def test_convener_leaving_and_coming_back(tmp_path: Path) -> None:
    left = [{"date": "2025-01-01", "type": "role_change", "role": "convener", "from": "A", "to": None}]
    values = facts_of(tmp_path, {"convener": {"id": "A"}}, left).profile.values
    assert (values["has_convener"], values["convener_left"], values["convener_left_without_successor"]) == (
        False,
        True,
        True,
    )
    back = [*left, {"date": "2025-02-01", "type": "role_change", "role": "convener", "from": None, "to": "B"}]
    values = facts_of(tmp_path, {"convener": {"id": "A"}}, back).profile.values
    assert (values["has_convener"], values["convener_left"]) == (True, False)


def test_the_convener_block_describes_only_the_convener_in_post(tmp_path: Path) -> None:
    profile = {
        "convener": {"id": "AK", "dedicated_hours_per_month": 8, "involvement_ends": "2026-12-31", "successor": "JC"}
    }
    handed_over = [{"date": "2025-06-01", "type": "role_change", "role": "convener", "from": "AK", "to": "JC"}]
    before = facts_of(tmp_path, profile).profile.values
    assert (before["convener_hours"], before["successor_named"], before["involvement_ends_on"]) == (
        8,
        True,
        day("2026-12-31"),
    )
    after = facts_of(tmp_path, profile, handed_over).profile.values
    # AK's hours, end date and successor say nothing about JC, who now convenes: not recorded.
    assert (after["has_convener"], after["convener_hours"], after["involvement_ends_on"]) == (True, None, None)
    assert after["successor_named"] is False


def test_the_idea_is_vetted_with_potential_members_not_the_convener_sponsors_or_managers(tmp_path: Path) -> None:
    """Fifth review (perinatal): a manager and the sponsor are not potential members; the planning group's own
    practitioners are (seed: the practitioners the sponsors found became the planning group)."""
    profile = {
        "convener": {"id": "AK"},
        "planning_group": ["AK", "JC"],
        "sponsors": [{"id": "SP1"}],
        "people": [{"id": "SP2", "kinds": ["sponsor"]}, {"id": "MG", "kinds": ["manager"]}],
    }
    events = [
        {"date": "2025-01-01", "type": "planning_meeting", "attendees": ["AK", "SP1", "JC"]},
        {"date": "2025-02-01", "type": "planning_meeting", "attendees": ["AK", "SP2", "MG", "LG"]},
    ]
    values = facts_of(tmp_path, profile, events).profile.values
    assert values["planning_people_before_launch"] == 2  # JC (of the planning group) and LG; not MG

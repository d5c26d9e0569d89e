"""Handing over (``copadvisor.facts.handover``): the time left, who else plans, how long one person convened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from cop_testing import facts_of


def test_the_time_left_in_weeks_and_meetings(tmp_path: Path) -> None:
    profile = {
        "convener": {"id": "BK", "involvement_ends": "2026-12-31"},
        "planning_group": ["BK"],
        "practicalities": {"cadence_weeks": 6},
    }
    values = facts_of(tmp_path, profile=profile, as_of="2026-11-01").profile.values
    assert (values["involvement_ends_in_weeks"], values["meetings_before_involvement_ends"]) == (8, 1)
    assert values["planning_group_others"] == 0
    no_cadence = facts_of(
        tmp_path, profile={"convener": {"id": "BK", "involvement_ends": "2026-10-01"}}, as_of="2026-11-01"
    )
    assert (
        no_cadence.profile.values["involvement_ends_in_weeks"],
        no_cadence.profile.values["meetings_before_involvement_ends"],
    ) == (-5, None)
    assert no_cadence.profile.values["planning_group_others"] is None


def _convened(*who: list[str] | None) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"date": "2026-01-05", "type": "launch"}]
    for month, people in enumerate(who, start=2):
        meeting: dict[str, Any] = {"date": f"2026-{month:02d}-05", "type": "meeting"}
        if people is not None:
            meeting["convened_by"] = people
        events.append(meeting)
    return events


@pytest.mark.parametrize(
    ("who", "run", "every"),
    [
        ([["BK"]] * 8, 8, True),
        ([["JC"], ["BK"], ["BK"], ["BK"]], 3, False),
        ([["BK"], ["BK", "JC"]], 0, False),
        ([["BK"], None, ["BK"]], 1, False),
        ([["BK"], None], None, None),
    ],
)
def test_how_long_one_person_has_convened_alone(
    tmp_path: Path, who: list[list[str] | None], run: int | None, every: bool | None
) -> None:
    values = facts_of(tmp_path, events=_convened(*who), as_of="2026-12-01").profile.values
    assert (values["sole_convener_meetings"], values["sole_convener_all_meetings"]) == (run, every)


def test_a_named_co_convener_left_out_of_the_convening(tmp_path: Path) -> None:
    events = [
        {"date": "2026-01-10", "type": "launch"},
        {"date": "2026-02-10", "type": "meeting", "convened_by": ["FN", "PD1"]},
        {"date": "2026-03-10", "type": "meeting", "convened_by": ["FN"]},
        {"date": "2026-04-10", "type": "meeting", "convened_by": ["FN"]},
        {"date": "2026-05-10", "type": "meeting", "convened_by": ["FN"]},
    ]
    profile = {"roles": {"co_convener": ["FN", "PD1"]}, "convener": {"id": "FN", "trained": False}}
    values = facts_of(tmp_path, profile, events, as_of="2026-06-01").profile.values
    assert (values["co_conveners_inactive"], values["co_convener_inactive_id"]) == (1, "PD1")
    assert (str(values["co_convener_last_convened"]), values["convener_untrained"]) == ("2026-02-10", True)
    assert values["co_convener_missed_meetings"] == 3  # every meeting since 2026-02-10
    never = [events[0], *({**e, "convened_by": ["FN"]} for e in events[1:])]
    values = facts_of(tmp_path, profile, never, as_of="2026-06-01").profile.values
    assert (values["co_convener_last_convened"], values["co_convener_missed_meetings"]) == (None, 4)
    shared = [*events[:-1], {"date": "2026-05-10", "type": "meeting", "convened_by": ["PD1"]}]
    values = facts_of(tmp_path, profile, shared, as_of="2026-06-01").profile.values
    assert (values["co_conveners_inactive"], values["co_convener_inactive_id"]) == (0, None)
    unrecorded = [*events[:-1], {"date": "2026-05-10", "type": "meeting"}]
    assert facts_of(tmp_path, profile, unrecorded, as_of="2026-06-01").profile.values["co_conveners_inactive"] is None


def test_the_latest_planning_meeting_and_who_convened_since(tmp_path: Path) -> None:
    events = [
        {"date": "2025-07-08", "type": "planning_meeting", "attendees": ["FN", "PD1"]},
        {"date": "2025-08-12", "type": "launch"},
        {"date": "2026-01-13", "type": "meeting", "convened_by": ["FN", "PD1"]},
        {"date": "2026-05-12", "type": "meeting", "convened_by": ["FN"]},
        {"date": "2026-07-14", "type": "meeting", "convened_by": ["FN"]},
    ]
    values = facts_of(tmp_path, events=events, as_of="2026-11-08").profile.values
    assert (values["planning_last_date"], values["planning_months_since"], values["meetings_since_planning"]) == (
        dt.date(2025, 7, 8),
        16,
        3,
    )
    assert (values["sole_convener_id"], values["sole_convener_meetings"]) == ("FN", 2)
    none = facts_of(tmp_path, events=events[1:3], as_of="2026-11-08").profile.values
    assert (none["planning_last_date"], none["meetings_since_planning"], none["sole_convener_id"]) == (None, None, None)

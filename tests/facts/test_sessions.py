"""Session facts (``copadvisor.facts.sessions``): each launch and meeting, and the gaps against the cadence."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import day, facts_of, load_one

from copadvisor.facts import derive
from copadvisor.thresholds import Thresholds


def test_gaps_run_between_sessions_and_to_the_as_of_date(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch"},
        {"date": "2025-01-05", "type": "contact"},
        {"date": "2025-03-01", "type": "meeting"},
    ]
    gaps = facts_of(tmp_path, {"practicalities": {"cadence_weeks": 4}}, events, as_of="2025-06-01").of_kind("gap")
    assert [(g.values["days"], g.values["limit_days"], g.values["ongoing"]) for g in gaps] == [
        (59, 56.0, False),
        (92, 56.0, True),
    ]
    assert gaps[0].values["over_by_days"] == 3.0
    no_cadence = facts_of(tmp_path, events=events, as_of="2025-06-01").of_kind("gap")
    assert no_cadence[0].values["limit_days"] == 90.0


@pytest.mark.parametrize(
    ("cadence", "multiplier", "limit"), [(4, 2, 56.0), (4, 3, 84.0), (2, 1.5, 21.0), (1, 10, 70.0)]
)
def test_the_gap_limit_is_the_cadence_in_days_times_the_multiplier(
    tmp_path: Path, cadence: float, multiplier: float, limit: float
) -> None:
    events = [{"date": "2025-01-01", "type": "launch"}, {"date": "2025-03-01", "type": "meeting"}]
    loaded = load_one(tmp_path, {"practicalities": {"cadence_weeks": cadence}}, events)
    gaps = derive(loaded, day("2025-06-01"), Thresholds(gap_cadence_multiplier=multiplier)).of_kind("gap")
    assert [g.values["limit_days"] for g in gaps] == [limit, limit]
    assert [g.values["over_by_days"] for g in gaps] == [round(59 - limit, 2), round(92 - limit, 2)]


def test_a_session_says_its_style_and_the_commissioners_who_came_after_the_latest_review(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch", "attendance": {"practitioner": 9, "commissioner": 1}},
        {"date": "2025-02-01", "type": "membership_review"},
        {"date": "2025-03-01", "type": "meeting", "attendance": {"practitioner": 8, "commissioner": 2}},
        {"date": "2025-04-01", "type": "meeting", "attendance": 7, "style": "presentation"},
    ]
    sessions = facts_of(tmp_path, events=events, as_of="2025-06-01").of_kind("session")
    assert [
        (s.values["style"], s.values["commissioners_attending"], s.values["after_membership_review"]) for s in sessions
    ] == [(None, 1, False), (None, 2, True), ("presentation", None, True)]


def test_a_planning_offer_in_a_contact_counts_for_the_meeting_before_it(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-01", "type": "launch"},
        {"date": "2025-01-20", "type": "contact", "planning_offer": True},
        {"date": "2025-02-01", "type": "meeting"},
        {"date": "2025-02-01", "type": "contact", "planning_offer": True},
        {"date": "2025-02-03", "type": "contact", "planning_offer": False},
        {"date": "2025-03-01", "type": "meeting"},
        {"date": "2025-03-05", "type": "contact", "planning_offer": True},
        {"date": "2025-03-09", "type": "contact", "channel": "email"},
        {"date": "2025-03-20", "type": "contact", "planning_offer": True},
    ]
    sessions = facts_of(tmp_path, events=events, as_of="2025-06-01").of_kind("session")
    assert [s.values["contact_planning_offers"] for s in sessions] == [1, 1, 2]


def test_a_gap_knows_how_long_the_rhythm_has_held_since(tmp_path: Path) -> None:
    events = [
        {"date": "2025-10-10", "type": "launch"},
        {"date": "2025-11-11", "type": "meeting"},
        {"date": "2026-01-13", "type": "meeting"},  # 63 days on a four-weekly cadence (limit 56)
        {"date": "2026-02-10", "type": "meeting"},
        {"date": "2026-03-10", "type": "meeting"},
        {"date": "2026-06-10", "type": "meeting"},  # over the limit again
        {"date": "2026-07-08", "type": "meeting"},
    ]
    facts = facts_of(tmp_path, {"practicalities": {"cadence_weeks": 4}}, events, as_of="2026-07-20")
    gaps = facts.of_kind("gap")
    assert [(g.values["days"], g.values["held_sessions"]) for g in gaps] == [
        (32, 0),
        (63, 2),
        (28, 1),
        (28, 0),
        (92, 1),
        (28, 0),
        (12, 0),  # the open gap
    ]

"""Members' voice facts (``copadvisor.facts.voice``): the latest counted pulse, shares, trend, check-ins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from cop_testing import facts_of
from pydantic import ValidationError

from copadvisor.facts.base import Timeline
from copadvisor.facts.timeline import build_timeline
from copadvisor.facts.voice import PulseResult, Tally, results, trend
from copadvisor.model import Profile
from copadvisor.thresholds import Thresholds


def pulse(date: str, responses: int, **answers: tuple[int, int, int]) -> dict[str, Any]:
    return {
        "date": date,
        "type": "pulse",
        "responses": responses,
        "answers": {q: {"agree": a, "neutral": n, "disagree": d} for q, (a, n, d) in answers.items()},
    }


def test_the_latest_pulse_with_five_responses_or_more_decides(tmp_path: Path) -> None:
    events = [
        {"date": "2025-06-01", "type": "launch"},
        pulse("2025-07-01", 8, voice=(4, 2, 2), worth=(8, 0, 0)),
        pulse("2025-10-01", 12, voice=(6, 2, 4), safe=(9, 0, 3), worth=(6, 2, 4), custom=(1, 1, 1)),
        pulse("2025-12-01", 4, voice=(0, 0, 4)),  # too small to count
    ]
    values = facts_of(tmp_path, events=events).profile.values
    assert (values["pulses_count"], values["pulses_counted"]) == (3, 2)
    assert (values["last_pulse_date"], values["pulse_responses"]) == (dt.date(2025, 10, 1), 12)
    assert values["months_since_pulse"] == 1  # from the latest pulse of any size
    assert (values["voice_disagree_percent"], values["safe_disagree_percent"]) == (33.33, 25.0)
    assert (values["worth_disagree_percent"], values["ours_disagree_percent"]) == (33.33, None)
    assert values["understanding_disagree_percent"] is None
    assert values["pulse_heard_disagree_percent"] == 33.33
    assert values["pulse_heard_statement"] == "I can get my voice heard"
    assert (values["voice_trend"], values["worth_trend"]) == ("steady", "worse")  # 50 → 50; 100 → 50


def test_safe_is_quoted_when_more_disagree_with_it(tmp_path: Path) -> None:
    events = [pulse("2025-10-01", 10, voice=(9, 0, 1), safe=(6, 0, 4))]
    values = facts_of(tmp_path, events=events).profile.values
    assert (values["pulse_heard_disagree_percent"], values["pulse_heard_statement"]) == (
        40.0,
        "I feel safe to say what I think",
    )


def test_shares_are_of_those_who_answered_the_question(tmp_path: Path) -> None:
    values = facts_of(tmp_path, events=[pulse("2025-10-01", 10, voice=(3, 0, 1))]).profile.values
    assert values["voice_disagree_percent"] == 25.0


def test_no_pulse(tmp_path: Path) -> None:
    values = facts_of(tmp_path).profile.values
    assert (values["pulses_count"], values["pulses_counted"], values["checkins_recent"]) == (0, 0, 0)
    names = ("last_pulse_date", "months_since_pulse", "pulse_heard_disagree_percent", "voice_trend")
    assert [values[n] for n in names] == [None, None, None, None]


def test_check_ins_are_pulses_and_meetings_with_feedback_in_the_past_year(tmp_path: Path) -> None:
    events = [
        {"date": "2024-12-01", "type": "pulse", "responses": 9},  # over 12 months before 2026-01-01
        {"date": "2025-02-01", "type": "meeting", "feedback_responses": 5},
        {"date": "2025-03-01", "type": "meeting", "feedback_responses": 0},
        {"date": "2025-04-01", "type": "pulse", "responses": 2},
        {"date": "2025-05-01", "type": "meeting"},
        {"date": "2025-06-01", "type": "meeting"},
    ]
    values = facts_of(tmp_path, events=events).profile.values
    assert values["checkins_recent"] == 2
    quiet = [{"date": "2025-03-01", "type": "meeting", "feedback_responses": 0}]
    assert facts_of(tmp_path, events=quiet).profile.values["checkins_recent"] == 0
    unsaid = [*quiet, {"date": "2025-04-01", "type": "meeting"}]
    assert facts_of(tmp_path, events=unsaid).profile.values["checkins_recent"] is None
    assert values["pulses_recent"] == 0  # on or after 2025-03-01, but 2 responses are too few to count (5)
    counted = [{**e, "responses": 5} if e["type"] == "pulse" else e for e in events]
    assert facts_of(tmp_path, events=counted).profile.values["pulses_recent"] == 1


def test_pulses_recent_is_zero_before_any_meeting(tmp_path: Path) -> None:
    values = facts_of(tmp_path, events=[{"date": "2025-04-01", "type": "pulse", "responses": 9}]).profile.values
    assert values["pulses_recent"] == 0


def _timeline(*events: dict[str, Any]) -> Timeline:
    profile = Profile.model_validate({"copadvisor": 1, "name": "x", "events": list(events)})
    return build_timeline(profile, dt.date(2026, 1, 1))


def test_results_keep_counted_pulses_standard_questions_first() -> None:
    shown = results(
        _timeline(pulse("2025-01-01", 4, voice=(4, 0, 0)), pulse("2025-02-01", 5, zeta=(1, 0, 0), safe=(5, 0, 0))),
        Thresholds(),
    )
    assert shown == (PulseResult(dt.date(2025, 2, 1), 5, (Tally("safe", 5, 0, 0), Tally("zeta", 1, 0, 0))),)
    assert results(_timeline(pulse("2025-01-01", 5)), Thresholds(pulse_min_responses=6)) == ()
    with pytest.raises(ValidationError):  # never below 5: smaller groups identify people
        Thresholds(pulse_min_responses=4)


def test_trend_compares_the_last_two_pulses_that_asked_the_question() -> None:
    def of(agree: int, disagree: int) -> PulseResult:
        return PulseResult(dt.date(2025, 1, 1), 10, (Tally("voice", agree, 0, disagree),))

    unasked = PulseResult(dt.date(2025, 1, 1), 10, (Tally("worth", 1, 0, 0),))
    assert trend([of(5, 5), unasked, of(6, 4)], "voice", 10) == "better"
    assert trend([of(6, 4), of(5, 5)], "voice", 10) == "worse"
    assert trend([of(6, 4), of(5, 4)], "voice", 10) == "steady"  # 60 → 55.56
    assert trend([of(6, 4)], "voice", 10) is None
    assert Tally("voice", 0, 0, 0).percent(0) == 0.0

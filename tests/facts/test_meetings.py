"""Meeting facts (``copadvisor.facts.meetings``): practicalities, attendance, rhythm and what meetings were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from cop_testing import facts_of


def test_attendance_means_exclude_the_launch(tmp_path: Path) -> None:
    counts = [30, 20, 22, 24, 9, 10, 11]
    events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch", "attendance": 50}]
    events += [{"date": f"2025-{m + 2:02d}-01", "type": "meeting", "attendance": n} for m, n in enumerate(counts)]
    values = facts_of(tmp_path, events=events).profile.values
    assert values["attendance_last3_mean"] == 10
    assert values["attendance_best3_mean"] == 24
    assert values["attendance_ratio"] == round(10 / 24, 4)


def _meetings(*days: str, **fields: Any) -> list[dict[str, Any]]:
    return [{"date": day, "type": "meeting", **fields} for day in days]


def test_talks_are_presentations_or_outside_voices_without_themes(tmp_path: Path) -> None:
    events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch"}]
    events += _meetings("2025-02-01", style="presentation")  # before the window of the last 4
    events += _meetings("2025-03-01", style="case_discussion")
    events += _meetings("2025-04-01", external_voice=True)
    events += _meetings("2025-05-01", external_voice=True, themes=["housing"])
    events += _meetings("2025-06-01", style="presentation")
    values = facts_of(tmp_path, events=events, as_of="2025-07-01").profile.values
    assert (values["talk_meetings_recent"], values["talk_window_meetings"]) == (2, 4)
    assert (values["talk_run"], values["talk_run_since"]) == (1, dt.date(2025, 6, 1))  # the themed voice ends it
    events += _meetings("2025-06-15", external_voice=True)
    values = facts_of(tmp_path, events=events, as_of="2025-07-01").profile.values
    assert (values["talk_run"], values["talk_run_since"]) == (2, dt.date(2025, 6, 1))
    events += _meetings("2025-06-20", style="case_discussion")
    values = facts_of(tmp_path, events=events, as_of="2025-07-01").profile.values
    assert (values["talk_run"], values["talk_run_since"]) == (0, None)


@pytest.mark.parametrize(
    ("cadence", "meetings", "below"),
    [(None, 3, True), (None, 4, False), (13, 2, True), (13, 3, False), (4, 6, True), (4, 7, False)],
)
def test_the_pace_against_half_the_planned_cadence(
    tmp_path: Path, cadence: int | None, meetings: int, below: bool
) -> None:
    """A year after the launch: 6.5 meetings at one every 8 weeks, 4 quarterly, 13 every 4 weeks; below half of that
    is below the pace (3 < 3.26, 2 < 2.01, 6 < 6.52)."""
    profile = {"practicalities": {"cadence_weeks": cadence}} if cadence else {}
    events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch"}]
    events += _meetings(*(f"2025-{m + 2:02d}-01" for m in range(meetings)))
    values = facts_of(tmp_path, profile, events, as_of="2026-01-01").profile.values
    assert values["meetings_below_half_cadence"] is below


def test_no_pace_before_the_launch(tmp_path: Path) -> None:
    assert facts_of(tmp_path).profile.values["meetings_below_half_cadence"] is None


def _monthly_feedback(feedback: tuple[int | None, ...]) -> list[dict[str, Any]]:
    """A launch, then a meeting a month recording each of ``feedback`` (None: not recorded)."""
    events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch"}]
    for month, responses in enumerate(feedback, start=2):
        meeting: dict[str, Any] = {"date": f"2025-{month:02d}-01", "type": "meeting"}
        events.append(meeting if responses is None else {**meeting, "feedback_responses": responses})
    return events


@pytest.mark.parametrize(
    ("feedback", "expected"),
    # A check-in counts from pulse_min_responses (5) responses: 3 is recorded, but too thin to count.
    [((None, 0, 0), None), ((0, 0, 0), 0), ((None, 12, None), 1), ((3, 0, 5), 1), ((6, 0, 5), 2), ((None, 4, 3), None)],
)
def test_no_check_in_is_only_read_from_recorded_feedback(
    tmp_path: Path, feedback: tuple[int | None, ...], expected: int | None
) -> None:
    """A meeting that does not record feedback_responses is never read as "no check-in" (SPEC §4, Calibration)."""
    events = _monthly_feedback(feedback)
    assert facts_of(tmp_path, events=events, as_of="2025-06-01").profile.values["feedback_meetings_recent"] == expected


@pytest.mark.parametrize(("feedback", "expected"), [((20,), 20), ((20, None), None), ((4, 0), 0), ((), None)])
def test_the_latest_meeting_s_feedback_responses(
    tmp_path: Path, feedback: tuple[int | None, ...], expected: int | None
) -> None:
    """What the one meeting after a launch collected (fifth review, aaot-north: 20), for the not-due reason."""
    events = _monthly_feedback(feedback)
    values = facts_of(tmp_path, events=events, as_of="2025-06-01").profile.values
    assert values["latest_meeting_feedback_responses"] == expected


@pytest.mark.parametrize(
    ("voices", "expected"),
    [((False, False), False), ((None, False), None), ((None, True), True), ((), False)],
)
def test_an_outside_voice_in_the_past_year_is_not_read_from_absent_fields(
    tmp_path: Path, voices: tuple[bool | None, ...], expected: bool | None
) -> None:
    """Only meetings in the past 12 months count; one from 2024 with external_voice absent does not."""
    events: list[dict[str, Any]] = [{"date": "2024-01-01", "type": "launch"}, *_meetings("2024-06-01")]
    for month, voice in enumerate(voices, start=3):
        meeting: dict[str, Any] = {"date": f"2025-{month:02d}-01", "type": "meeting"}
        events.append(meeting if voice is None else {**meeting, "external_voice": voice})
    values = facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values
    assert values["external_voice_past_year"] is expected


def test_conveners_who_take_turns_are_counted_as_rotations_in_the_past_year(tmp_path: Path) -> None:
    events: list[dict[str, Any]] = [{"date": "2024-01-01", "type": "launch"}]
    events += _meetings("2024-03-01", convened_by=["AK"])
    events += _meetings("2024-06-01", convened_by=["JC"])  # a rotation, but more than a year ago
    events += _meetings("2025-03-01", convened_by=["JC"])
    events += _meetings("2025-05-01")  # who convened is not recorded: neither a rotation nor a break
    events += _meetings("2025-07-01", convened_by=["LG", "JC"])
    events += _meetings("2025-09-01", convened_by=["JC", "LG"])  # the same pair, in another order
    values = facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values
    assert values["convening_rotations_recent"] == 1

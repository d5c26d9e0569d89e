"""Meeting facts (``copadvisor.facts.meetings``): practicalities, attendance, rhythm and what meetings were."""

from __future__ import annotations

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

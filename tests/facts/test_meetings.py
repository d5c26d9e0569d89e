"""Meeting facts (``copadvisor.facts.meetings``): gaps against the cadence, attendance means, sessions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def test_attendance_means_exclude_the_launch(tmp_path: Path) -> None:
    counts = [30, 20, 22, 24, 9, 10, 11]
    events: list[dict[str, Any]] = [{"date": "2025-01-01", "type": "launch", "attendance": 50}]
    events += [{"date": f"2025-{m + 2:02d}-01", "type": "meeting", "attendance": n} for m, n in enumerate(counts)]
    values = facts_of(tmp_path, events=events).profile.values
    assert values["attendance_last3_mean"] == 10
    assert values["attendance_best3_mean"] == 24
    assert values["attendance_ratio"] == round(10 / 24, 4)


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

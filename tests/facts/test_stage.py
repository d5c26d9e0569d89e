"""Stage inference, SPEC §2, at its boundaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cop_testing import day, load_one

from copadvisor.facts import derive
from copadvisor.thresholds import Thresholds

LAUNCH = {"date": "2025-01-15", "type": "launch"}


def meetings(*dates: str) -> list[dict[str, Any]]:
    return [{"date": d, "type": "meeting"} for d in dates]


FOUR = meetings("2025-02-15", "2025-03-15", "2025-04-15", "2025-05-15")


@pytest.mark.parametrize(
    ("events", "as_of", "stage"),
    [
        ([], "2025-01-01", "potential"),
        ([{"date": "2025-01-01", "type": "planning_meeting"}], "2025-06-01", "potential"),
        ([LAUNCH], "2025-01-14", "potential"),  # the launch is after the as-of date: ignored
        ([LAUNCH], "2025-01-15", "coalescing"),
        ([LAUNCH, *FOUR], "2025-07-14", "coalescing"),  # one day short of 6 months
        ([LAUNCH, *FOUR], "2025-07-15", "maturing"),  # 6 months to the day, 4 meetings after the launch
        ([LAUNCH, *FOUR[:3]], "2026-12-01", "coalescing"),  # only 3 meetings after the launch
        ([LAUNCH, *FOUR], "2026-07-14", "maturing"),
        ([LAUNCH, *FOUR], "2026-07-15", "stewardship"),  # 18 months
        ([LAUNCH, *FOUR, {"date": "2026-01-01", "type": "closed"}], "2026-01-01", "transformation"),
        ([LAUNCH, *FOUR, {"date": "2026-01-02", "type": "closed"}], "2026-01-01", "maturing"),
        ([{"date": "2024-12-01", "type": "closed"}], "2025-01-01", "transformation"),
    ],
)
def test_inferred_stage(tmp_path: Path, events: list[dict[str, Any]], as_of: str, stage: str) -> None:
    facts = derive(load_one(tmp_path, events=events), day(as_of), Thresholds())
    assert facts.evidence.stage == stage
    assert facts.profile.values["inferred_stage"] == stage


def test_meetings_on_the_launch_day_do_not_count_as_after_it(tmp_path: Path) -> None:
    events = [LAUNCH, *meetings("2025-01-15", "2025-01-15", "2025-03-01", "2025-04-01")]
    facts = derive(load_one(tmp_path, events=events), day("2025-09-01"), Thresholds())
    assert facts.evidence.meetings_after_launch == 2
    assert facts.evidence.stage == "coalescing"


def test_thresholds_are_configurable(tmp_path: Path) -> None:
    loaded = load_one(tmp_path, events=[LAUNCH, *FOUR[:2]])
    limits = Thresholds(coalescing_months=3, coalescing_meetings=2, maturing_months=5)
    assert derive(loaded, day("2025-05-01"), limits).evidence.stage == "maturing"
    assert derive(loaded, day("2025-06-15"), limits).evidence.stage == "stewardship"


def test_stage_override_and_declared_stage(tmp_path: Path) -> None:
    loaded = load_one(tmp_path, {"stage": "maturing"}, [LAUNCH])
    facts = derive(loaded, day("2025-02-01"), Thresholds(), stage="stewardship")
    values = facts.profile.values
    assert (facts.stage, values["stage"], values["inferred_stage"]) == ("stewardship", "stewardship", "coalescing")
    assert values["declared_stage"] == "maturing"
    assert values["stage_differs"] is True
    assert facts.profile.location_of("stage_differs").line == 3  # the `stage:` key

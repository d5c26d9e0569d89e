"""Attendance trends and their fixable causes (``copadvisor.facts.trends``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cop_testing import facts_of


def _log(counts: list[int | None], **fields: Any) -> list[dict[str, Any]]:
    """A launch of ``counts[0]`` on 2025-01-10, then a monthly meeting for each other count."""
    launch: dict[str, Any] = {"date": "2025-01-10", "type": "launch"}
    if counts[0] is not None:
        launch["attendance"] = counts[0]
    events = [launch]
    for month, count in enumerate(counts[1:], start=2):
        meeting: dict[str, Any] = {"date": f"2025-{month:02d}-10", "type": "meeting", **fields}
        if count is not None:
            meeting["attendance"] = count
        events.append(meeting)
    return events


@pytest.mark.parametrize(
    ("counts", "run", "percent"),
    [
        ([22, 18, 14, 11], 3, 38.9),  # the stroke scenario: the launch is the first reference, not the best
        ([26, 24, 23, 20, 16], 4, 33.3),
        ([60, 14, 12, 11], 3, 21.4),  # a big launch is not the yardstick
        ([20, 12, 13, 12], 1, 7.7),
        ([20, 12, 12, 12], 0, 0.0),
        ([20, 18, 14, None], None, None),  # the last meeting not recorded: unknown
        ([None, 18, 14, 11], None, 38.9),  # the run stops at an unrecorded launch before it reaches 3: unknown
        ([None, 20, 18, 14, 11], 3, 45.0),  # long enough before the gap
    ],
)
def test_a_steady_fall_from_the_launch_on(
    tmp_path: Path, counts: list[int | None], run: int | None, percent: float | None
) -> None:
    values = facts_of(tmp_path, events=_log(counts), as_of="2025-12-01").profile.values
    assert (values["attendance_falling_run"], values["attendance_fall_percent"]) == (run, percent)


def test_meetings_cut_short_need_an_earlier_longer_session(tmp_path: Path) -> None:
    events = _log([30, 25, 20, 15, 10])
    for event, minutes in zip(events, [120, 120, 60, 60, 60], strict=True):
        event["minutes"] = minutes
    assert facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values["meetings_cut_short"] is True
    always_short = [{**e, "minutes": 60} for e in events]
    assert facts_of(tmp_path, events=always_short, as_of="2025-12-01").profile.values["meetings_cut_short"] is False
    unrecorded = [{k: v for k, v in e.items() if k != "minutes"} for e in events]
    assert facts_of(tmp_path, events=unrecorded, as_of="2025-12-01").profile.values["meetings_cut_short"] is False


def test_the_planning_offer_stopped_unless_a_contact_made_it(tmp_path: Path) -> None:
    events = _log([30, 25, 20, 15], planning_offer=False)
    assert facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values["planning_offer_stopped"] is True
    contact = {"date": "2025-03-20", "type": "contact", "channel": "email", "planning_offer": True}
    values = facts_of(tmp_path, events=[*events, contact], as_of="2025-12-01").profile.values
    assert values["planning_offer_stopped"] is False
    unrecorded = _log([30, 25, 20, 15])
    assert facts_of(tmp_path, events=unrecorded, as_of="2025-12-01").profile.values["planning_offer_stopped"] is False


@pytest.mark.parametrize(
    ("fields", "cause", "day"),
    [
        ({2: {"attendance": {"practitioner": 21, "commissioner": 2}}}, "commissioners", "2025-03-10"),
        ({k: {"style": "presentation"} for k in (2, 3, 4)}, "talks", "2025-03-10"),
        ({k: {"style": "presentation"} for k in (1, 2, 3, 4)}, "talks", "2025-02-10"),
        ({4: {"style": "presentation"}}, "none", None),  # the talks began late in the fall
        ({3: {"attendance": {"practitioner": 18, "commissioner": 2}}}, "none", None),  # late too
        ({0: {"attendance": {"practitioner": 24, "commissioner": 2}}}, "none", None),  # there at the top
        ({}, "none", None),
    ],
)
def test_the_cause_seen_at_the_start_of_a_fall(
    tmp_path: Path, fields: dict[int, dict[str, Any]], cause: str, day: str | None
) -> None:
    events = _log([26, 24, 23, 20, 16])  # a fall from the launch (the top) on
    for k, extra in fields.items():
        events[k] = {**events[k], **extra}
    values = facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values
    assert (values["attendance_fall_cause"], str(values["attendance_fall_cause_date"])) == (cause, str(day))
    assert values["attendance_fall_from"] == 26


def test_a_sponsor_s_task_taking_the_meetings_is_a_cause(tmp_path: Path) -> None:
    events = _log([22, 18, 14, 11])
    events[1]["themes"] = ["length of stay"]
    task = {"date": "2025-01-20", "type": "task_proposed", "by": "SP1", "task": "Cut the length of stay"}
    profile = {"sponsors": [{"id": "SP1"}]}
    values = facts_of(tmp_path, profile, [*events, task], as_of="2025-12-01").profile.values
    assert (values["attendance_fall_cause"], str(values["attendance_fall_cause_date"])) == (
        "sponsor_tasks",
        "2025-02-10",
    )


def test_no_fall_names_no_cause(tmp_path: Path) -> None:
    values = facts_of(tmp_path, events=_log([20, 12, 12, 12]), as_of="2025-12-01").profile.values
    assert (values["attendance_fall_cause"], values["attendance_fall_from"]) == ("none", None)


def test_the_planning_offer_never_made_since_the_launch(tmp_path: Path) -> None:
    events = _log([30, 25, 20, 15], planning_offer=False)
    assert facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values["planning_offer_never_made"] is True
    events[1]["planning_offer"] = True
    assert facts_of(tmp_path, events=events, as_of="2025-12-01").profile.values["planning_offer_never_made"] is False
    unrecorded = _log([30, 25, 20, 15])
    assert (
        facts_of(tmp_path, events=unrecorded, as_of="2025-12-01").profile.values["planning_offer_never_made"] is False
    )

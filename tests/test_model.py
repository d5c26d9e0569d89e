"""The declared profile and its event log as models (``copadvisor.model``): strict, frozen, absent ≠ false."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from copadvisor.model import EVENT_TYPES, ROLES, Meeting, Profile


def profile(**fields: Any) -> Profile:
    return Profile.model_validate({"copadvisor": 1, "name": "A CoP", **fields})


def test_absent_fields_are_none_not_false_or_empty() -> None:
    p = profile()
    assert (p.stage, p.convener, p.people, p.events, p.acknowledged_risks) == (None, None, None, None, None)


def test_every_event_type_is_known_by_its_type_word() -> None:
    assert sorted(EVENT_TYPES) == [
        "closed",
        "contact",
        "funding",
        "governance_report",
        "launch",
        "meeting",
        "membership_review",
        "planning_meeting",
        "pulse",
        "role_change",
        "task_proposed",
        "training",
        "value_evidence",
    ]
    assert EVENT_TYPES["meeting"] is Meeting
    assert ROLES == ("co_convener", "admin", "tech", "communications", "timekeeper", "session_design", "chair")


def test_events_are_told_apart_by_type_and_quoted_dates_are_read() -> None:
    p = profile(events=[{"date": "2026-01-10", "type": "meeting", "minutes": 90, "attendance": {"manager": 2}}])
    [meeting] = p.events or []
    assert isinstance(meeting, Meeting)
    assert (meeting.date, meeting.minutes, meeting.attendance) == (dt.date(2026, 1, 10), 90, {"manager": 2})


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"copadvisor": True}, "is not a format version"),
        ({"copadvisor": 2}, "copadvisor"),
        ({"events": [{"date": "2026-02-30", "type": "launch"}]}, "'2026-02-30' is not a date: there is no such day"),
        ({"events": [{"date": dt.datetime(2026, 1, 1, 9, 0), "type": "launch"}]}, "valid date"),
        ({"practicalities": {"meeting_minutes": "120"}}, "meeting_minutes"),  # strict: text is not a number
        ({"practicalities": {"meeting_minutes": 0}}, "meeting_minutes"),
        ({"nmae": "typo"}, "nmae"),
    ],
)
def test_mistakes_are_refused(fields: dict[str, Any], words: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=words):
        profile(**fields)


def test_aliases_for_python_keywords() -> None:
    p = profile(events=[{"date": "2026-01-01", "type": "role_change", "role": "chair", "from": "A", "to": "B"}])
    change = (p.events or [])[0]
    assert (change.from_, change.to) == ("A", "B")  # type: ignore[union-attr]


def test_profiles_are_frozen() -> None:
    with pytest.raises(pydantic.ValidationError):
        profile().name = "x"  # type: ignore[misc]

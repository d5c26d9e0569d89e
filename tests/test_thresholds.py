"""The configurable numbers (``copadvisor.thresholds``): their defaults and their bounds."""

from __future__ import annotations

import pydantic
import pytest

from copadvisor.thresholds import Thresholds


def test_the_defaults_of_spec_sections_2_and_4() -> None:
    limits = Thresholds()
    assert (limits.coalescing_months, limits.coalescing_meetings, limits.maturing_months) == (6, 4, 18)
    assert (limits.meeting_minutes, limits.min_cadence_weeks) == (120, 4)
    assert (limits.gap_cadence_multiplier, limits.gap_default_days) == (2, 90)
    assert (limits.portfolio_window_months, limits.portfolio_new_cops) == (6, 3)
    assert limits.ending_attendance_ratio == 0.5


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("meeting_minutes", 0),
        ("meeting_minutes", 10_001),
        ("gap_cadence_multiplier", 0),
        ("ending_attendance_ratio", 1.5),
        ("manager_attendance_percent", 101),
        ("meeting_minutes", "120"),  # strict: text is not a number
    ],
)
def test_out_of_bounds_values_are_refused(name: str, value: object) -> None:
    with pytest.raises(pydantic.ValidationError):
        Thresholds.model_validate({name: value})


def test_unknown_names_are_refused_and_thresholds_are_frozen() -> None:
    with pytest.raises(pydantic.ValidationError, match="meeting_minute"):
        Thresholds.model_validate({"meeting_minute": 90})
    limits = Thresholds(meeting_minutes=90)
    with pytest.raises(pydantic.ValidationError):
        limits.meeting_minutes = 60  # type: ignore[misc]
    assert limits == Thresholds(meeting_minutes=90)
    assert hash(limits) == hash(Thresholds(meeting_minutes=90))

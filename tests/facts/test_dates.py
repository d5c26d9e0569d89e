from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from copadvisor.facts.dates import add_months, months_between

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)


def test_months_between_whole_and_part_months() -> None:
    assert months_between(dt.date(2024, 1, 1), dt.date(2024, 7, 1)) == 6
    assert 5 < months_between(dt.date(2024, 1, 1), dt.date(2024, 6, 30)) < 6
    assert months_between(dt.date(2024, 7, 1), dt.date(2024, 1, 1)) == -6


@given(dates, st.integers(min_value=0, max_value=120))
def test_n_months_later_is_exactly_n(start: dt.date, n: int) -> None:
    assert months_between(start, add_months(start, n)) == n


@given(dates, dates, st.integers(min_value=1, max_value=30))
def test_fewer_than_n_months_agrees_with_add_months(start: dt.date, end: dt.date, n: int) -> None:
    # SPEC §2: "fewer than N months have passed" means end < start + N calendar months.
    assert (months_between(start, end) < n) == (end < add_months(start, n))
    assert (months_between(start, end) > n) == (end > add_months(start, n))


@given(dates, dates, dates)
def test_months_between_is_monotone(a: dt.date, b: dt.date, c: dt.date) -> None:
    b, c = sorted((b, c))
    assert months_between(a, b) <= months_between(a, c)


def test_the_calendars_ends_do_not_overflow() -> None:
    assert add_months(dt.date(9999, 12, 31), 1) == dt.date.max
    assert add_months(dt.date(1, 1, 1), -1) == dt.date.min
    assert months_between(dt.date(2026, 1, 1), dt.date(9999, 12, 31)) > 95_000
    assert 0 <= months_between(dt.date(9999, 12, 1), dt.date(9999, 12, 31)) <= 1  # no month after it to measure

"""Portfolio facts (``copadvisor.facts.portfolio``): the busiest window of new CoPs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from copadvisor.errors import Location
from copadvisor.facts import Fact
from copadvisor.facts.dates import add_months
from copadvisor.facts.portfolio import busiest_window, entries, kept, portfolio_fact
from copadvisor.thresholds import Thresholds

D = dt.date.fromisoformat
HERE = Location("profiles")


def cop(first: str | None, launch: str | None = None) -> Fact:
    values = {"first_event_date": D(first) if first else None, "launch_date": D(launch) if launch else None}
    return Fact("profile", 1, "profile", Location("p"), values)


def test_a_cop_enters_at_its_first_event_and_at_its_launch() -> None:
    assert entries(cop("2026-01-01", "2026-03-01")) == (D("2026-01-01"), D("2026-03-01"))
    assert entries(cop("2026-03-01", "2026-03-01")) == (D("2026-03-01"),)
    assert entries(cop(None)) == ()


def test_the_busiest_window_counts_each_cop_once() -> None:
    cops = [cop("2025-01-01", "2026-01-10"), cop("2026-02-10"), cop("2026-04-20"), cop("2026-09-01"), cop(None)]
    fact = portfolio_fact(cops, Thresholds(), HERE)
    assert fact.values == {
        "cops": 5,
        "new_cops_in_window": 3,
        "window_start": D("2026-01-10"),
        "window_end": D("2026-07-10"),
    }
    assert (fact.kind, fact.id, fact.key, fact.location) == ("portfolio", 1, "portfolio@2026-01-10", HERE)


def test_the_window_follows_the_threshold_and_ends_inclusive() -> None:
    cops = [cop("2026-01-10"), cop("2026-03-10")]
    assert portfolio_fact(cops, Thresholds(portfolio_window_months=2), HERE).values["new_cops_in_window"] == 2
    assert portfolio_fact(cops, Thresholds(portfolio_window_months=1), HERE).values["new_cops_in_window"] == 1


def test_no_cops() -> None:
    fact = portfolio_fact([], Thresholds(), HERE)
    assert fact.values == {"cops": 0, "new_cops_in_window": 0, "window_start": None, "window_end": None}
    assert fact.key == "portfolio"


def test_what_a_run_keeps_of_a_profile_gives_the_same_portfolio() -> None:
    """``kept``: the two dates the portfolio reads, nothing else (a run holds one per profile)."""
    whole = replace(cop("2025-01-01", "2026-01-10"), values={**cop("2025-01-01", "2026-01-10").values, "x": 1})
    assert kept(whole).values == {"first_event_date": D("2025-01-01"), "launch_date": D("2026-01-10")}
    assert (kept(whole).kind, kept(whole).key, kept(whole).location) == (whole.kind, whole.key, whole.location)
    cops = [whole, cop("2026-02-10"), cop(None)]
    assert portfolio_fact([kept(c) for c in cops], Thresholds(), HERE) == portfolio_fact(cops, Thresholds(), HERE)


def brute_force(starts: list[tuple[dt.date, ...]], months: int) -> tuple[int, tuple[dt.date | None, dt.date | None]]:
    """Every distinct entry tried as a window's start, against every CoP (what the sweep must equal)."""
    best, window = 0, (None, None)
    for start in sorted({d for dates in starts for d in dates}):
        end = add_months(start, months)
        count = sum(1 for dates in starts if any(start <= d <= end for d in dates))
        if count > best:
            best, window = count, (start, end)
    return best, window


entry_lists = st.lists(
    st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), max_size=3).map(lambda d: tuple(sorted(set(d)))),
    max_size=15,
)


@given(entry_lists, st.integers(0, 14))
@settings(max_examples=300, deadline=None)
def test_the_sweep_finds_the_window_trying_every_start_finds(starts: list[tuple[dt.date, ...]], months: int) -> None:
    assert busiest_window(starts, months) == brute_force(starts, months)


def test_the_busiest_window_of_month_ends() -> None:
    """Windows that start on the 31st end on the last day of a shorter month (add_months), and ties keep the earliest."""
    starts = [(D("2026-01-31"),), (D("2026-02-28"),), (D("2026-03-31"),)]
    assert busiest_window(starts, 1) == (2, (D("2026-01-31"), D("2026-02-28")))

"""Portfolio facts: how many CoPs of one portfolio started close together (seed: "serious consideration …
before setting up multiple new CoPs"). Derived from the profile facts of every CoP evaluated together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from copadvisor.errors import Location
from copadvisor.facts.base import Fact, FactField, Value
from copadvisor.facts.dates import add_months
from copadvisor.thresholds import Thresholds

VOCABULARY = {
    "portfolio": {
        "cops": FactField("number", "CoP profiles evaluated together"),
        "new_cops_in_window": FactField(
            "number", "the most CoPs that entered potential or coalescing within one window (6 months by default)"
        ),
        "window_start": FactField("date", "the start of that busiest window"),
        "window_end": FactField("date", "the end of that busiest window"),
    }
}


# The values of a profile fact the portfolio is derived from (all that a run keeps of each profile for it).
READS = ("first_event_date", "launch_date")


def entries(profile: Fact) -> tuple[dt.date, ...]:
    """When one CoP entered ``potential`` (its first event) and ``coalescing`` (its launch)."""
    found = (profile.values.get(name) for name in READS)
    return tuple(sorted({d for d in found if isinstance(d, dt.date)}))


def kept(profile: Fact) -> Fact:
    """The profile fact with only the values the portfolio reads: a run holds one for every profile (the whole
    fact has ~115 values, ~4 KB pickled, sent back by a worker and kept to the end of the run)."""
    values = {name: profile.values[name] for name in READS if name in profile.values}
    return Fact(profile.kind, profile.id, profile.key, profile.location, values)


def busiest_window(
    starts: Sequence[tuple[dt.date, ...]], months: int
) -> tuple[int, tuple[dt.date | None, dt.date | None]]:
    """The most CoPs with an entry in one window ``[start, start + months]`` starting at an entry, and the
    earliest such window: a sweep over the entries in date order (the window's end never moves back as its
    start moves on), in time n log n rather than the n² of trying every start against every CoP."""
    dated = sorted((day, cop) for cop, dates in enumerate(starts) for day in dates)
    inside = [0] * len(starts)  # entries of each CoP in the window
    cops = best = 0
    window: tuple[dt.date | None, dt.date | None] = (None, None)
    first = last = 0  # the window holds dated[first:last]
    for index, (start, _) in enumerate(dated):
        if index and dated[index - 1][0] == start:
            continue  # each distinct start once
        end = add_months(start, months)
        while last < len(dated) and dated[last][0] <= end:
            cops += inside[dated[last][1]] == 0
            inside[dated[last][1]] += 1
            last += 1
        while dated[first][0] < start:
            inside[dated[first][1]] -= 1
            cops -= inside[dated[first][1]] == 0
            first += 1
        if cops > best:
            best, window = cops, (start, end)
    return best, window


def portfolio_fact(profiles: Sequence[Fact], thresholds: Thresholds, location: Location) -> Fact:
    """One fact for the portfolio: the busiest window of new CoPs, each CoP counted once per window."""
    best, window = busiest_window([entries(p) for p in profiles], thresholds.portfolio_window_months)
    values: dict[str, Value] = {
        "cops": len(profiles),
        "new_cops_in_window": best,
        "window_start": window[0],
        "window_end": window[1],
    }
    key = f"portfolio@{window[0]}" if window[0] else "portfolio"
    return Fact("portfolio", 1, key, location, values)

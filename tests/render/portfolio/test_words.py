"""Dates, durations and labels in plain words (``copadvisor.render.portfolio.words``)."""

from __future__ import annotations

import datetime as dt

from copadvisor.render.portfolio.words import duration, long_date, short_date

D = dt.date.fromisoformat


def test_words() -> None:
    assert long_date(D("2026-11-01")) == "1 November 2026"
    assert short_date(D("2026-07-15")) == "15 Jul 2026"
    assert short_date(D("2026-07-15"), False) == "15 Jul"
    assert [duration(d) for d in (1, 46, 109, 800)] == ["1 day", "46 days", "about 4 months", "about 2.2 years"]

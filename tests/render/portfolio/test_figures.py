"""Each chart of a CoP with its summary in words (``copadvisor.render.portfolio.figures``)."""

from __future__ import annotations

import datetime as dt

from copadvisor.facts.activity import Gap, Session
from copadvisor.render.portfolio import figures

D = dt.date.fromisoformat


def test_guidance_phrase() -> None:
    assert [figures.guidance_phrase(m) for m in (120, 90, 60)] == ["two-hour", "90-minute", "one-hour"]


def test_figures_in_words() -> None:
    sessions = (Session(D("2026-01-01"), True, 120, 20), Session(D("2026-02-01"), False, 90, None))
    assert figures.length_summary(sessions, 120) == (
        "2 sessions (launch and meetings); 1 shorter than 120 minutes; from 90 to 120 minutes."
    )
    assert figures.attendance_summary(sessions) == (
        "Attendance: 20 people; at the latest recorded session, 20; 1 without a recorded attendance."
    )
    gaps = (Gap(D("2026-01-01"), D("2026-02-01"), 31, 56, False), Gap(D("2026-02-01"), D("2026-06-01"), 120, 56, True))
    # The open gap is not counted among the gaps between sessions: "longest" and "over" speak of the same gaps.
    assert figures.gaps_summary(gaps) == (
        "Limit: 56 days between sessions; longest gap between sessions 31 days, none over the limit; "
        "120 days since the last session so far, over the limit."
    )
    two = (Gap(D("2026-01-01"), D("2026-04-01"), 90, 56, False), *gaps)
    assert figures.gaps_summary(two) == (
        "Limit: 56 days between sessions; longest gap between sessions 90 days, 1 of 2 over the limit; "
        "120 days since the last session so far, over the limit."
    )
    # A closed CoP has no open gap (the activity leaves it out), and the summary says why.
    assert figures.gaps_summary(gaps[:1], D("2026-03-01")) == (
        "Limit: 56 days between sessions; longest gap between sessions 31 days, none over the limit; "
        "closed on 1 March 2026, so no gap runs on after its last session."
    )
    assert figures.gaps_summary((), D("2026-03-01")) == (
        "Closed on 1 March 2026, so no gap runs on after its last session."
    )

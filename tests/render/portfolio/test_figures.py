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
    assert figures.gaps_summary(gaps) == (
        "Limit: 56 days between sessions; longest gap between sessions 31 days; 1 over the limit; "
        "120 days since the last session."
    )

"""What a CoP did, in aggregates (``copadvisor.facts.activity``): sessions, gaps and the stages it went through."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cop_testing import load_one

from copadvisor.facts import derive
from copadvisor.facts.activity import StagePeriod, stage_history
from copadvisor.facts.timeline import build_timeline
from copadvisor.model import Profile
from copadvisor.thresholds import Thresholds

D = dt.date.fromisoformat


def stage_periods(profile: Profile, as_of: dt.date, thresholds: Thresholds) -> tuple[StagePeriod, ...]:
    return stage_history(build_timeline(profile, as_of), as_of, thresholds)


def meetings(*days: str) -> list[dict[str, object]]:
    return [{"date": day, "type": "meeting", "minutes": 120, "attendance": 10} for day in days]


def test_stage_periods_follow_the_inference_at_every_turn(tmp_path: Path) -> None:
    events = [{"date": "2025-01-10", "type": "planning_meeting"}, {"date": "2025-02-01", "type": "launch"}]
    events += meetings("2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01")
    loaded = load_one(tmp_path, events=events)
    periods = stage_periods(loaded.profile, D("2026-10-01"), Thresholds())
    assert periods == (
        StagePeriod("potential", D("2025-01-10"), D("2025-02-01")),
        StagePeriod("coalescing", D("2025-02-01"), D("2025-08-01")),
        StagePeriod("maturing", D("2025-08-01"), D("2026-08-01")),
        StagePeriod("stewardship", D("2026-08-01"), D("2026-10-01")),
    )


def test_maturing_waits_for_the_fourth_meeting_and_closing_ends_it(tmp_path: Path) -> None:
    events = [{"date": "2025-02-01", "type": "launch"}, *meetings("2025-03-01", "2025-10-01", "2025-11-01")]
    events += [*meetings("2025-12-15"), {"date": "2026-02-01", "type": "closed", "reason": "work_done"}]
    loaded = load_one(tmp_path, events=events)
    assert [(p.stage, p.start) for p in stage_periods(loaded.profile, D("2026-03-01"), Thresholds())] == [
        ("coalescing", D("2025-02-01")),
        ("maturing", D("2025-12-15")),
        ("transformation", D("2026-02-01")),
    ]
    assert stage_periods(loaded.profile, D("2025-01-01"), Thresholds()) == ()  # before any event


def test_a_closed_cop_has_no_gap_running_on_after_its_last_session(tmp_path: Path) -> None:
    events = [{"date": "2025-02-01", "type": "launch"}, *meetings("2025-03-01")]
    events += [{"date": "2025-04-01", "type": "closed", "reason": "work_done"}]
    loaded = load_one(tmp_path, events=events)
    closed = derive(loaded, D("2026-03-01"), Thresholds()).activity
    assert [(g.start, g.end, g.ongoing) for g in closed.gaps] == [(D("2025-02-01"), D("2025-03-01"), False)]
    assert closed.closed == D("2025-04-01")
    before = derive(loaded, D("2025-03-20"), Thresholds()).activity  # not closed yet: the open gap counts
    assert [(g.start, g.ongoing) for g in before.gaps] == [(D("2025-02-01"), False), (D("2025-03-01"), True)]
    assert before.closed is None

"""The sponsors' view (``copadvisor.portfolio_view``) and the pieces the HTML and Markdown are drawn with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cop_testing import load_one, write_profile

from copadvisor.errors import Location
from copadvisor.facts.activity import Activity, Gap, Session, StagePeriod, stage_history
from copadvisor.facts.timeline import build_timeline
from copadvisor.model import Profile
from copadvisor.pipeline import Options
from copadvisor.portfolio_view import (
    Changes,
    CopView,
    PortfolioView,
    build_view,
    changes,
    risks,
    severity_counts,
)
from copadvisor.render import html
from copadvisor.render.portfolio import charts, figures, markdown
from copadvisor.render.portfolio.words import duration, long_date, short_date
from copadvisor.report import Finding, Section, Since, StageInfo, status
from copadvisor.runner import run
from copadvisor.thresholds import Thresholds

D = dt.date.fromisoformat


def finding(rule: str, severity: str, fingerprint: str = "", message: str = "m") -> Finding:
    return Finding(rule, f"title of {rule}", severity, "coalescing", message, f"do {rule}", Location("p"), fingerprint)


@pytest.mark.parametrize(
    ("severities", "expected"),
    [((), "green"), (("info", "low"), "green"), (("low", "medium"), "amber"), (("medium", "high", "info"), "red")],
)
def test_status_is_red_amber_or_green(severities: tuple[str, ...], expected: str) -> None:
    found = tuple(finding(f"r{i}", s) for i, s in enumerate(severities))
    assert status(Section("p", "s", "n", StageInfo(None, "potential", "potential", "e"), findings=found)) == expected


def test_risks_are_one_per_rule_worst_first() -> None:
    found = [finding("roles.unfilled", "low"), finding("a.high", "high"), finding("roles.unfilled", "low")]
    found += [finding("b.medium", "medium"), finding("a.low", "low")]
    grouped = risks(found)
    assert [(r.rule, r.count) for r in grouped] == [
        ("a.high", 1),
        ("b.medium", 1),
        ("roles.unfilled", 2),
        ("a.low", 1),
    ]
    assert grouped[0].next_step == "do a.high"
    assert grouped[0].title == "title of a.high"
    assert severity_counts(found) == (("high", 1), ("medium", 1), ("low", 3), ("info", 0))


def test_changes_are_grouped_by_rule() -> None:
    found = changes(Since(new=(finding("kept", "low", "3"),), resolved=(finding("gone", "high", "2"),)))
    assert [(r.rule, r.count) for r in found.new] == [("kept", 1)]
    assert [(r.rule, r.count) for r in found.resolved] == [("gone", 1)]
    assert changes(Since(known=False)) == Changes(known=False)


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


def test_the_view_orders_cops_worst_first_and_keeps_unread_ones(tmp_path: Path) -> None:
    write_profile(tmp_path, {"domain": {"statement": "x"}}, slug="b-quiet")
    write_profile(tmp_path, {"practicalities": {"meeting_minutes": 60}}, events=meetings("2025-12-01"), slug="a")
    (tmp_path / "c-broken").mkdir()
    (tmp_path / "c-broken" / "cop.yaml").write_text("copadvisor: 1\nname: [not, a, name]\n")
    options = Options(as_of=D("2026-01-01"))
    view = build_view(run([str(tmp_path)], options))
    assert [c.status for c in view.cops] == ["red", "red", "error"]
    assert [c.anchor for c in view.cops] == ["cop-1", "cop-2", "cop-3"]
    assert view.cops[2].problems[0].path.endswith("c-broken/cop.yaml")
    assert view.cops[2].problems[0].line == 2
    assert dict(view.stage_counts)["potential"] == 2
    assert dict(view.status_counts) == {"red": 2, "amber": 0, "ending": 0, "green": 0, "error": 1}
    assert view.portfolio_checked == ("Several new CoPs started close together",)
    assert view.since is None
    assert all(c.changes is None for c in view.cops)


def test_a_cop_without_events_renders_without_charts(tmp_path: Path) -> None:
    write_profile(tmp_path)
    options = Options(as_of=D("2026-01-01"))
    page = html.render(run([str(tmp_path)], options))
    assert "No events recorded yet" in page
    assert "No launch or meeting recorded yet." in page
    assert page.count("<svg") == 1  # the stages of the portfolio only


# --- charts and words -----------------------------------------------------------------------------------------


def test_ticks_are_round_and_cover_the_top() -> None:
    assert charts.ticks(132) == (0, 50, 100, 150)
    assert charts.ticks(22) == (0, 10, 20, 30)
    assert charts.ticks(18) == (0, 5, 10, 15, 20)
    assert charts.ticks(0) == (0, 1)
    assert charts.ticks(3.3)[-1] >= 3.3


def test_x_labels_are_thinned_but_the_last_is_kept() -> None:
    assert charts.shown_labels(3) == {0, 1, 2}
    assert charts.shown_labels(12) == {0, 3, 6, 11}
    assert charts.shown_labels(0) == set()


def test_coordinates_are_short_and_stable() -> None:
    assert [charts.n(v) for v in (1.0, 1.25, -0.01, 120.0 / 7)] == ["1", "1.2", "0", "17.1"]


def test_a_missing_value_is_marked_not_drawn() -> None:
    bars = [charts.Bar("1 Jan", None, "not recorded"), charts.Bar("2 Feb", 90, "90 minutes", warn=True)]
    svg = charts.bar_chart("x", "t", "d", bars, "minutes", (120, "guidance"))
    assert "n/r" in svg
    assert 'class="bar warn"' in svg
    assert 'class="ref"' in svg
    assert svg == charts.bar_chart("x", "t", "d", bars, "minutes", (120, "guidance"))


def test_chart_text_is_escaped() -> None:
    svg = charts.bar_chart("id", "<t>", "<d>", [charts.Bar("<x>", 1, "<tip>")], "<u>")
    assert "<t>" not in svg
    assert "&lt;t&gt;" in svg
    assert "&lt;tip&gt;" in svg
    assert "&lt;x&gt;" in svg


def test_words() -> None:
    assert long_date(D("2026-11-01")) == "1 November 2026"
    assert short_date(D("2026-07-15")) == "15 Jul 2026"
    assert short_date(D("2026-07-15"), False) == "15 Jul"
    assert [duration(d) for d in (1, 46, 109, 800)] == ["1 day", "46 days", "about 4 months", "about 2.2 years"]
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


def test_markdown_cells_are_inert() -> None:
    assert markdown.cell("a|b\n<i>x</i> `c` *d* [e](f)") == "a\\|b \\<i\\>x\\</i\\> \\`c\\` \\*d\\* \\[e\\](f)"
    assert markdown.cell("role_change _x_") == "role_change \\_x\\_"


def test_markdown_shows_changes_when_asked() -> None:
    cop = CopView(
        "cop-1",
        "A | CoP",
        "p/cop.yaml",
        "amber",
        stage="coalescing",
        counts=(("high", 0), ("medium", 1), ("low", 0), ("info", 0)),
        risks=risks([finding("b.medium", "medium")]),
        activity=Activity(stages=(StagePeriod("coalescing", D("2026-01-01"), D("2026-03-01")),)),
        changes=Changes(new=risks([finding("b.medium", "medium")])),
    )
    view = PortfolioView("0", D("2026-03-01"), D("2026-02-01"), 120, (cop,))
    text = markdown.document(view)
    assert "| New | Resolved |" in text
    assert "| A \\| CoP | 🟠 Amber | Coalescing | 0 | 1 | 0 | 0 | 0 | 1 | 0 | none yet | 1. do b.medium |" in text
    assert "Since 1 February 2026: new — title of b.medium (medium); resolved — nothing." in text

"""The sponsors' view (``copadvisor.portfolio_view``): CoPs worst first, risks one per rule, changes since."""

from __future__ import annotations

import datetime as dt
import pickle
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from cop_testing import write_profile

from copadvisor import portfolio_view
from copadvisor.errors import Location
from copadvisor.pipeline import Options
from copadvisor.portfolio_view import (
    Changes,
    CopView,
    Packer,
    Risk,
    Stored,
    Views,
    build_view,
    changes,
    folded,
    risks,
    severity_counts,
)
from copadvisor.report import Finding, Since
from copadvisor.runner import run

D = dt.date.fromisoformat


def finding(rule: str, severity: str, fingerprint: str = "", message: str = "m") -> Finding:
    return Finding(rule, f"title of {rule}", severity, "coalescing", message, f"do {rule}", Location("p"), fingerprint)


def meetings(*days: str) -> list[dict[str, object]]:
    return [{"date": day, "type": "meeting", "minutes": 120, "attendance": 10} for day in days]


def test_risks_are_one_per_rule_worst_first() -> None:
    found = [finding("roles.unfilled", "low"), finding("a.high", "high"), finding("roles.unfilled", "low")]
    found += [finding("b.medium", "medium"), finding("a.low", "low")]
    grouped = risks(found, {"a.high": "help with a.high"})
    assert [(r.rule, r.count) for r in grouped] == [
        ("a.high", 1),
        ("b.medium", 1),
        ("roles.unfilled", 2),
        ("a.low", 1),
    ]
    assert grouped[0].sponsor_step == "help with a.high"  # the sponsors' words, never the convener's next step
    assert grouped[1].sponsor_step == "Ask the convener what support would help with this."  # a rule without any
    assert grouped[0].title == "title of a.high"
    assert severity_counts(found) == (("high", 1), ("medium", 1), ("low", 3), ("info", 0))


def test_changes_are_grouped_by_rule() -> None:
    found = changes(Since(new=(finding("kept", "low", "3"),), resolved=(finding("gone", "high", "2"),)), {})
    assert [(r.rule, r.count) for r in found.new] == [("kept", 1)]
    assert [(r.rule, r.count) for r in found.resolved] == [("gone", 1)]
    assert changes(Since(known=False), {}) == Changes(known=False)


def test_a_risk_keeps_what_each_finding_is_about_once_and_in_order() -> None:
    found = [
        replace(finding("roles.unfilled", "low"), subject=("role", "tech")),
        replace(finding("roles.unfilled", "low"), subject=("role", "admin")),
        replace(finding("roles.unfilled", "low"), subject=("role", "admin")),
    ]
    assert risks(found, {})[0].subjects == (("role", "admin"), ("role", "tech"))


def test_the_view_orders_cops_worst_first_and_keeps_unread_ones(tmp_path: Path) -> None:
    write_profile(tmp_path, {"domain": {"statement": "x"}}, slug="b-quiet")
    write_profile(tmp_path, {"practicalities": {"meeting_minutes": 60}}, events=meetings("2025-12-01"), slug="a")
    (tmp_path / "c-broken").mkdir()
    (tmp_path / "c-broken" / "cop.yaml").write_text("copadvisor: 1\nname: [not, a, name]\n")
    options = Options(as_of=D("2026-01-01"))
    view = build_view(run([str(tmp_path)], options))
    assert [c.status for c in view.cops] == ["red", "red", "error"]
    assert [c.anchor for c in view.cops] == ["cop-1", "cop-2", "cop-3"]
    # Red team 3, break 11: its own ids were never read, so neither its name nor its path is shown.
    assert (view.cops[2].name, view.cops[2].path, view.cops[2].problems) == ("A profile that could not be read", "", ())
    assert dict(view.stage_counts)["potential"] == 2
    assert dict(view.status_counts) == {"red": 2, "amber": 0, "ending": 0, "green": 0, "error": 1}
    assert view.portfolio_checked == ("Several new CoPs started close together",)
    assert view.since is None
    assert all(c.changes is None for c in view.cops)


def test_needs_data_counts_the_checks_that_could_not_be_made(tmp_path: Path) -> None:
    events = [{"date": "2025-09-10", "type": "launch"}] + [
        {"date": f"2025-1{i}-10", "type": "meeting"} for i in range(3)
    ]
    write_profile(tmp_path, {}, events)
    report = run([str(tmp_path)], Options(as_of=D("2026-03-01")))
    [cop] = build_view(report).cops
    assert cop.needs_data == sum(1 for c in report.profiles[0].checks if c.outcome == "unknown")


def test_a_risk_shown_with_another_goes_under_it_and_is_still_counted() -> None:
    def risk(rule: str, severity: str = "medium", count: int = 1) -> Risk:
        return Risk(rule, f"Title of {rule}", severity, count, "Help.")

    entries = (risk("r.host", "high"), risk("r.other"), risk("r.folded", count=2))
    folds = {"r.folded": ("r.missing", "r.other", "r.host")}
    assert folded(entries, folds) == (
        risk("r.host", "high"),
        replace(risk("r.other"), also=(risk("r.folded", count=2),)),
    )
    assert folded(entries[2:], folds) == (risk("r.folded", count=2),)


def test_views_built_as_the_sections_arrive_are_the_view_of_the_whole_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person id known only from a later CoP is still blanked out of an earlier CoP's name and path; only
    the views (past the first ``KEPT_AS_OBJECTS``, packed) and the portfolio's section are kept."""
    write_profile(tmp_path, {"name": "Team QZKW"}, events=meetings("2025-12-01"), slug="a-QZKW")
    write_profile(tmp_path, {"convener": {"id": "QZKW"}}, slug="b-later")
    (tmp_path / "c-broken").mkdir()
    (tmp_path / "c-broken" / "cop.yaml").write_text("copadvisor: 1\nname: [not, a, name]\n")
    options = Options(as_of=D("2026-01-01"))
    report = run([str(tmp_path)], options)
    assert [s.path.rsplit("/", 2)[-2] for s in report.profiles] == ["a-QZKW", "b-later", "c-broken"]
    monkeypatch.setattr(portfolio_view, "KEPT_AS_OBJECTS", 1)
    views = Views(report.rules)
    for section in report.sections:
        views.add(section)
    assert [(e.status, e.stage, e.name, type(e.view)) for e in views.cops] == [
        ("red", "potential", "Team QZKW", CopView),  # as written until the portfolio's ids are all known
        ("red", "potential", "CoP b-later", tuple),  # where it is packed
        ("error", None, "c-broken", tuple),
    ]
    assert views.portfolio is report.portfolio
    view = views.view(replace(report, sections=()))
    monkeypatch.setattr(portfolio_view, "KEPT_AS_OBJECTS", 200)
    assert view == build_view(report)
    assert isinstance(view.cops, Stored)
    assert view.cops.states == (("red", "potential"), ("red", "potential"), ("error", None))
    assert view.cops[-1] == view.cops[2]
    assert view.cops[1:] == (view.cops[1], view.cops[2])
    assert view.unread == (view.cops[2],)
    assert [(c.anchor, c.name, c.path.rsplit("/", 2)[-2] if c.path else "", c.status) for c in view.cops] == [
        ("cop-1", "CoP b-later", "b-later", "red"),
        ("cop-2", "Team …", "a-…", "red"),
        ("cop-3", "A profile that could not be read", "", "error"),
    ]
    assert view.cops[2].problems == ()


def test_a_packed_view_is_the_view_again() -> None:
    packer = Packer()
    first = CopView("", "a", "p/a", "green", stage="potential", risks=risks([finding("x.y", "high")], {}))
    second = replace(first, name="b", history=((D("2025-03-31"), "red"),))
    packed = [packer.pack(first), packer.pack(second), packer.pack(first)]
    assert [packer.unpack(p) for p in packed] == [first, second, first]
    alone = zlib.compress(pickle.dumps(second, pickle.HIGHEST_PROTOCOL), 6)
    assert packed[1] == (packed[0][1], packed[1][1])  # one after the other in the packer's file
    assert packed[1][1] < len(alone) / 2  # the first is the dictionary of the others

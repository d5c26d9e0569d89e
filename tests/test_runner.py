"""A run (``copadvisor.runner.run``): every profile in the order found, then the portfolio, and one verdict."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cop_testing import SHORT, prepared, write_profile

from copadvisor import __version__
from copadvisor.decide import Policy
from copadvisor.pipeline import Options
from copadvisor.runner import run

AS_OF = dt.date(2026, 1, 1)
SELECT = ("meetings.too-short", "portfolio.")
ONLY_SHORT = Options(as_of=AS_OF, policy=Policy(select=SELECT))


def test_sections_are_the_missing_paths_then_the_profiles_then_the_portfolio(tmp_path: Path) -> None:
    write_profile(tmp_path, SHORT, slug="b")
    write_profile(tmp_path, slug="a")
    report = run([str(tmp_path / "nowhere"), str(tmp_path)], ONLY_SHORT, prepared(select=SELECT))
    assert [(s.kind, s.slug) for s in report.sections] == [
        ("profile", str(tmp_path / "nowhere")),
        ("profile", "a"),
        ("profile", "b"),
        ("portfolio", "portfolio"),
    ]
    assert [str(p) for p in report.sections[0].errors] == [f"{tmp_path / 'nowhere'}:1:1: no such file or directory"]
    assert report.portfolio is report.sections[-1]
    assert report.portfolio.cops == 2  # the missing path is no CoP
    assert report.portfolio.path == str(tmp_path / "nowhere")  # the first path given locates the portfolio


def test_the_report_carries_the_run_and_its_verdict(tmp_path: Path) -> None:
    write_profile(tmp_path, SHORT)
    options = Options(as_of=AS_OF, policy=Policy(select=("meetings.too-short",)), fail_on="medium")
    report = run([str(tmp_path)], options, prepared(select=("meetings.too-short",)))
    assert (report.version, report.as_of, report.engine, report.since) == (__version__, "2026-01-01", "python", None)
    assert [r.id for r in report.rules] == ["meetings.too-short"]
    assert report.portfolio is None  # no portfolio rule selected: no portfolio section
    v = report.verdict
    assert (v.fail_on, v.counts, v.profiles, v.exit_code) == (
        "medium",
        (("high", 0), ("medium", 1), ("low", 0), ("info", 0)),
        1,
        1,
    )
    assert [(f.rule, f.severity) for _, f in report.findings()] == [("meetings.too-short", "medium")]


def test_since_is_recorded_as_a_date(tmp_path: Path) -> None:
    write_profile(tmp_path)
    report = run([str(tmp_path)], Options(as_of=AS_OF, since=dt.date(2025, 6, 1)), prepared())
    assert report.since == "2025-06-01"
    assert report.profiles[0].since is not None


def test_prepared_rules_are_made_when_not_given(tmp_path: Path) -> None:
    write_profile(tmp_path, SHORT)
    options = Options(as_of=AS_OF, policy=Policy(select=("meetings.too-short",)), engine="python")
    assert run([str(tmp_path)], options) == run([str(tmp_path)], options, prepared(select=("meetings.too-short",)))

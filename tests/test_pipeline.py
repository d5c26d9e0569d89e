"""One profile through the straight line (``copadvisor.pipeline``): rules prepared once, a bad pack left out and
reported, facts flattened for the engines, what changed since an earlier date, the portfolio's section."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import replace
from pathlib import Path

import pytest
from cop_testing import cli, facts_of, load_one, prepared

from copadvisor.engine import EngineError
from copadvisor.errors import Location, Problem
from copadvisor.facts import Fact
from copadvisor.load import LoadFailure, load_paths
from copadvisor.pipeline import Options, engine_facts, evaluate, evaluate_portfolio, prepare, quarter_ends
from copadvisor.report import status

REPO = Path(__file__).resolve().parents[1]
AS_OF = ["--as-of", "2026-01-01"]
AS_OF_DAY = dt.date(2026, 1, 1)


def test_bad_local_rule_pack_is_reported_and_the_rest_runs(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "local").mkdir()
    (repo / "local" / "pack.yaml").write_text("copadvisor-rules: 1\nrules:\n  - id: local.x\n    titel: x\n")
    code, out = cli(capsys, "lint", "profiles/good", *AS_OF, "--rules", "local", "--format", "json")
    report = json.loads(out)
    assert code == 2
    assert any(e["location"]["path"].endswith("pack.yaml") and e["location"]["line"] == 4 for e in report["errors"])
    assert report["profiles"][0]["findings"]  # the built-in rules still ran


def test_engine_facts_are_flat_and_json_safe() -> None:
    fact = Fact(
        "session",
        3,
        "meeting@2026-01-01",
        Location("p"),
        {"date": dt.date(2026, 1, 1), "minutes": None, "ratio": 1e-07, "zero": -0.0, "flag": True, "n": 2},
    )
    assert engine_facts([fact]) == [
        {"id": 3, "kind": "session", "date": "2026-01-01", "ratio": 0.0, "zero": 0.0, "flag": True, "n": 2}
    ]
    assert str(engine_facts([fact])[0]["zero"]) == "0.0"  # not -0.0


def test_a_profile_that_did_not_load_is_a_section_with_its_problems() -> None:
    problem = Problem(Location("bad/cop.yaml", 2, 1), "name: required")
    section, fact = evaluate(
        LoadFailure("bad", "bad/cop.yaml", (problem,), "Bad"), prepared(), Options(as_of=AS_OF_DAY)
    )
    assert (section.path, section.slug, section.name, section.stage, section.errors) == (
        "bad/cop.yaml",
        "bad",
        "Bad",
        None,
        (problem,),
    )
    assert fact is None


def test_since_matches_findings_by_fingerprint(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-10", "type": "launch", "minutes": 120},
        # too short (and no planning offer): found then and now
        {"date": "2025-02-10", "type": "meeting", "minutes": 60, "planning_offer": False, "feedback_responses": 0},
        # too short (and no planning offer): new since
        {"date": "2025-03-10", "type": "meeting", "minutes": 90, "planning_offer": False, "feedback_responses": 0},
    ]
    loaded = load_one(tmp_path, {"stage": "potential"}, events)
    options = Options(as_of=dt.date(2025, 3, 20), since=dt.date(2025, 3, 1))
    section, _ = evaluate(loaded, prepared(), options)
    assert section.since is not None
    # the meeting of 10 February was too short then and is still: not new; the one of 10 March is new
    assert [(f.rule, f.location.line) for f in section.since.new] == [
        ("domain.no-wicked-problems", 1),
        ("meetings.too-short", 9),
        ("community.no-check-in", 9),
        ("planning.offer-not-repeated", 9),
    ]
    assert section.since.resolved == ()
    assert section.since.known is True


def test_an_engine_failure_is_an_error_of_that_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Failing:
        name = "python"

        def evaluate(self, facts: object) -> list[tuple[str, int]]:
            raise EngineError("error 303")

    broken = replace(prepared(), engine=Failing())
    section, fact = evaluate(load_one(tmp_path), broken, Options(as_of=AS_OF_DAY))
    assert [p.message for p in section.errors] == ["the rules engine failed on this profile: error 303"]
    assert section.stage is not None  # what the facts said is kept
    assert fact is None


def test_the_portfolio_section_only_with_portfolio_rules(tmp_path: Path) -> None:
    facts = [facts_of(tmp_path / str(i), events=[{"date": "2025-11-01", "type": "launch"}]).profile for i in range(3)]
    here = Location("profiles")
    portfolio = evaluate_portfolio(facts, prepared(), Options(as_of=AS_OF_DAY), here)
    assert portfolio is not None
    assert (portfolio.kind, portfolio.slug, portfolio.name, portfolio.cops, portfolio.stage) == (
        "portfolio",
        "portfolio",
        "Portfolio of 3 CoP(s)",
        3,
        None,
    )
    assert [(f.rule, f.severity, f.stage) for f in portfolio.findings] == [
        ("portfolio.many-new-cops", "medium", "portfolio")
    ]
    assert portfolio.findings[0].message.startswith("3 CoPs were set up or launched between 2025-11-01 and 2026-05-01.")
    no_portfolio_rules = prepared(select=("meetings.too-short",))
    assert evaluate_portfolio(facts, no_portfolio_rules, Options(as_of=AS_OF_DAY), here) is None


@pytest.mark.parametrize(
    ("as_of", "first", "last"),
    [
        ("2026-12-01", "2024-12-31", "2026-09-30"),
        ("2026-01-01", "2024-03-31", "2025-12-31"),
        ("2026-04-01", "2024-06-30", "2026-03-31"),
        ("2026-03-31", "2024-03-31", "2025-12-31"),  # the as-of date itself is "now", not a quarter's end
    ],
)
def test_quarter_ends_are_the_last_eight_before_the_as_of_date(as_of: str, first: str, last: str) -> None:
    ends = quarter_ends(dt.date.fromisoformat(as_of))
    assert (len(ends), ends[0].isoformat(), ends[-1].isoformat()) == (8, first, last)
    assert all((b - a).days in (90, 91, 92) for a, b in itertools.pairwise(ends))


def test_history_is_the_status_at_each_date_and_not_started_before_the_first_event(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-10", "type": "launch", "minutes": 120},
        {"date": "2025-05-10", "type": "meeting", "minutes": 60},  # too short (medium) from here on
    ]
    loaded = load_one(tmp_path, {"convener": {"dedicated_hours_per_month": 8}}, events)
    days = (dt.date(2024, 12, 31), dt.date(2025, 3, 31), dt.date(2025, 6, 30))
    section, _ = evaluate(loaded, prepared(), Options(as_of=dt.date(2025, 7, 1), history=days))
    assert section.history == (("2024-12-31", "not_started"), ("2025-03-31", "red"), ("2025-06-30", "red"))
    without, _ = evaluate(loaded, prepared(), Options(as_of=dt.date(2025, 7, 1)))
    assert without.history == ()


def test_the_status_rules_alone_give_the_status_all_the_rules_give() -> None:
    """The history judges only the rules that can decide a status, without their unknown clauses: on the example
    profiles at every quarter's end of two years, the same status as every rule gives."""
    as_of = dt.date(2026, 12, 1)
    options = Options(as_of=as_of, history=quarter_ends(as_of))
    ready, every_rule = prepare(options), prepare(Options(as_of=as_of))
    assert ready.status is not None
    assert every_rule.status is None
    assert 10 < len(ready.status.rules) < len(ready.rules)
    judged = 0
    for loaded in load_paths([str(REPO / "profiles")]):
        assert not isinstance(loaded, LoadFailure)
        section, _ = evaluate(loaded, ready, options)
        for day, state in section.history:
            if state != "not_started":
                judged += 1
                full, _ = evaluate(loaded, every_rule, Options(as_of=dt.date.fromisoformat(day)))
                assert (day, state) == (day, status(full))
    assert judged >= 20


def test_the_status_history_runs_the_python_twin_unless_an_engine_is_named() -> None:
    as_of = dt.date(2026, 12, 1)
    history = quarter_ends(as_of)
    auto = prepare(Options(as_of=as_of, history=history))
    named = prepare(Options(as_of=as_of, history=history, engine="durable"))
    assert auto.status is not None
    assert named.status is not None
    assert (auto.engine.name, auto.status.engine.name) == ("durable", "python")
    assert (named.engine.name, named.status.engine.name) == ("durable", "durable")

"""The JSON report (``copadvisor.render.json_format``): the contract of SPEC §5, and the counts and order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor import __version__
from copadvisor.cli.main import run
from copadvisor.errors import Location, Problem
from copadvisor.render import json_format

from .support import check, mixed, report, section, small, tiny_run


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_follows_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, {"stage": "maturing", **SHORT})
    code, out, _ = cli(capsys, "check", str(folder), "--as-of", "2026-01-01", "--format", "json", "--fail-on", "none")
    report = json.loads(out)
    assert code == 0
    assert {"copadvisor", "as_of", "profiles", "summary"} <= set(report)
    assert report["as_of"] == "2026-01-01"
    assert report["copadvisor"] == __version__
    [profile] = report["profiles"]
    assert {"path", "slug", "name", "stage", "findings", "checks", "errors"} <= set(profile)
    assert profile["stage"]["declared"] == "maturing"
    assert profile["stage"]["inferred"] == "potential"
    finding = next(f for f in profile["findings"] if f["rule"] == "meetings.too-short")
    assert {"rule", "severity", "stage", "message", "next_step", "location", "fingerprint"} <= set(finding)
    assert finding["location"]["line"] == 5
    assert finding["location"]["column"] >= 1
    outcomes = {c["outcome"] for c in profile["checks"]}
    assert outcomes <= {"pass", "fail", "unknown", "not_applicable", "suppressed", "not_due"}


def test_the_summary_counts_worst_first_and_the_exit_code() -> None:
    data = json.loads(json_format.render(mixed(fail_on="medium")))
    assert data["summary"] == {
        "profiles": 2,
        "evaluated": 2,
        "with_errors": 0,
        "findings": {"high": 1, "medium": 2, "low": 3, "info": 1},
        "suppressed": 0,
        "unknown": 1,
        "fail_on": "medium",
        "exit_code": 1,
    }
    assert list(data["summary"]["findings"]) == ["high", "medium", "low", "info"]
    assert json.loads(json_format.render(mixed(fail_on="none")))["summary"]["exit_code"] == 0


def test_profiles_then_the_portfolio_with_findings_most_severe_first() -> None:
    data = json.loads(json_format.render(mixed()))
    assert [p["slug"] for p in data["profiles"]] == ["one", "two"]
    assert [(f["severity"], f["rule"], f["location"]["line"]) for f in data["profiles"][0]["findings"]] == [
        ("high", "convener.missing", 2),
        ("medium", "meetings.too-short", 4),
        ("low", "roles.unfilled", 9),
        ("low", "roles.unfilled", 12),
        ("info", "ending.natural-candidate", 1),
    ]
    portfolio = data["portfolio"]
    assert (portfolio["cops"], portfolio["location"]) == (2, {"path": "profiles", "line": 1, "column": 1})
    assert [f["rule"] for f in portfolio["findings"]] == ["portfolio.many-new-cops"]


def test_checks_say_only_what_their_outcome_needs() -> None:
    checks = [
        check("r.fail", "fail", "high", 2),
        check("r.unknown", "unknown", "low", missing=("a", "b")),
        check("r.suppressed", "suppressed", "medium", 3, reason="members chose"),
        check("r.pass", "pass", "info"),
    ]
    [profile] = json.loads(json_format.render(report(section("a", checks=checks))))["profiles"]
    assert profile["checks"] == [
        {"rule": "r.fail", "outcome": "fail", "severity": "high", "findings": 2},
        {"rule": "r.unknown", "outcome": "unknown", "severity": "low", "missing": ["a", "b"]},
        {
            "rule": "r.suppressed",
            "outcome": "suppressed",
            "severity": "medium",
            "reason": "members chose",
            "findings": 3,
        },
        {"rule": "r.pass", "outcome": "pass", "severity": "info"},
    ]


def test_errors_count_once_for_the_run() -> None:
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    data = json.loads(json_format.render(report(section("a"), broken, errors=[pack, pack])))
    assert (
        data["errors"]
        == [{"message": "rules[0].titel: unknown key", "location": {"path": "rules/x.yaml", "line": 4, "column": 5}}]
        * 2
    )
    assert (data["summary"]["with_errors"], data["summary"]["evaluated"], data["summary"]["exit_code"]) == (2, 1, 2)
    assert data["profiles"][1]["stage"] == {"declared": None, "inferred": None, "used": None, "evidence": None}
    assert data["portfolio"] is None


def test_a_tiny_run(tmp_path: Path) -> None:
    data = json.loads(json_format.render(tiny_run(tmp_path)))
    assert data["summary"]["findings"] == {"high": 0, "medium": 1, "low": 13, "info": 2}
    assert (data["summary"]["suppressed"], data["summary"]["exit_code"]) == (1, 1)
    a = {c["rule"]: c for c in data["profiles"][0]["checks"]}
    assert a["domain.statement-missing"] == {
        "rule": "domain.statement-missing",
        "outcome": "suppressed",
        "severity": "high",
        "reason": "the board agrees it in March",
        "findings": 1,
    }
    assert a["suppression.unused"] == {
        "rule": "suppression.unused",
        "outcome": "fail",
        "severity": "info",
        "findings": 1,
    }


JSON = (
    "{\n"
    '  "copadvisor": "0.1.0",\n'
    '  "as_of": "2026-01-01",\n'
    '  "engine": "python",\n'
    '  "profiles": [\n'
    "    {\n"
    '      "path": "small/cop.yaml",\n'
    '      "slug": "small",\n'
    '      "name": "CoP small",\n'
    '      "stage": {\n'
    '        "declared": null,\n'
    '        "inferred": "coalescing",\n'
    '        "used": "coalescing",\n'
    '        "evidence": "launched on 2025-10-01, 1 meeting(s) since"\n'
    "      },\n"
    '      "status": "red",\n'
    '      "findings": [\n'
    "        {\n"
    '          "rule": "r.high",\n'
    '          "severity": "high",\n'
    '          "stage": "coalescing",\n'
    '          "title": "Title of r.high",\n'
    '          "message": "A high finding whose message is long enough to wrap at a narrow width.",\n'
    '          "next_step": "Next step of r.high.",\n'
    '          "location": {\n'
    '            "path": "p/cop.yaml",\n'
    '            "line": 2,\n'
    '            "column": 3\n'
    "          },\n"
    '          "fingerprint": "fp-r.high-2"\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.low",\n'
    '          "severity": "low",\n'
    '          "stage": "coalescing",\n'
    '          "title": "Title of r.low",\n'
    '          "message": "Message of r.low.",\n'
    '          "next_step": "Next step of r.low.",\n'
    '          "location": {\n'
    '            "path": "p/cop.yaml",\n'
    '            "line": 5,\n'
    '            "column": 3\n'
    "          },\n"
    '          "fingerprint": "fp-r.low-5"\n'
    "        }\n"
    "      ],\n"
    '      "checks": [\n'
    "        {\n"
    '          "rule": "r.done",\n'
    '          "outcome": "pass",\n'
    '          "severity": "low"\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.hidden",\n'
    '          "outcome": "suppressed",\n'
    '          "severity": "medium",\n'
    '          "reason": "members’ choice",\n'
    '          "findings": 1\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.high",\n'
    '          "outcome": "fail",\n'
    '          "severity": "high",\n'
    '          "findings": 1\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.low",\n'
    '          "outcome": "fail",\n'
    '          "severity": "low",\n'
    '          "findings": 1\n'
    "        },\n"
    "        {\n"
    '          "rule": "r.unknown",\n'
    '          "outcome": "unknown",\n'
    '          "severity": "info",\n'
    '          "missing": [\n'
    '            "a_fact",\n'
    '            "b_fact"\n'
    "          ]\n"
    "        }\n"
    "      ],\n"
    '      "errors": []\n'
    "    }\n"
    "  ],\n"
    '  "portfolio": null,\n'
    '  "errors": [],\n'
    '  "summary": {\n'
    '    "profiles": 1,\n'
    '    "evaluated": 1,\n'
    '    "with_errors": 0,\n'
    '    "findings": {\n'
    '      "high": 1,\n'
    '      "medium": 0,\n'
    '      "low": 1,\n'
    '      "info": 0\n'
    "    },\n"
    '    "suppressed": 1,\n'
    '    "unknown": 1,\n'
    '    "fail_on": "medium",\n'
    '    "exit_code": 1\n'
    "  }\n"
    "}\n"
)


def test_the_whole_report_exactly() -> None:
    assert json_format.render(small()) == JSON


def test_the_portfolio_s_keys_and_each_finding_s_title() -> None:
    data = json.loads(json_format.render(mixed()))
    assert list(data) == ["copadvisor", "as_of", "engine", "profiles", "portfolio", "errors", "summary"]
    assert list(data["portfolio"]) == ["location", "cops", "findings", "checks"]
    assert data["portfolio"]["checks"] == [
        {"rule": "portfolio.many-new-cops", "outcome": "fail", "severity": "medium", "findings": 1}
    ]
    assert data["portfolio"]["findings"][0]["title"] == "Title of portfolio.many-new-cops"

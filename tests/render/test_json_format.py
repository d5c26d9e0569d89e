"""The JSON report (``copadvisor.render.json_format``): the contract of SPEC §5, and the counts and order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor import __version__
from copadvisor.cli.main import run


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
    assert outcomes <= {"pass", "fail", "unknown", "not_applicable", "suppressed"}

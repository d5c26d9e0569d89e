"""`copadvisor check` end to end: exit codes, the JSON contract, determinism, located errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cop_testing import write_profile

from copadvisor import __version__
from copadvisor.cli.main import run

REPO = Path(__file__).resolve().parents[2]
SHORT = {"practicalities": {"meeting_minutes": 60}}  # fails meetings.too-short (medium)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--version") == (0, f"copadvisor {__version__}\n", "")


def test_exit_codes_follow_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    base = ["check", str(folder), "--as-of", "2026-01-01", "--select", "meetings.too-short"]
    assert cli(capsys, *base)[0] == 0  # medium < the default `high`
    assert cli(capsys, *base, "--fail-on", "medium")[0] == 1
    assert cli(capsys, *base, "--fail-on", "none")[0] == 0
    assert cli(capsys, *base, "--fail-on", "info", "--ignore", "meetings.")[0] == 0


def test_a_broken_profile_is_exit_2_and_the_others_are_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(tmp_path, SHORT, slug="good")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "cop.yaml").write_text("copadvisor: 1\nname: Bad\nconvener: {id: A, hours: 3}\n")
    code, out, _ = cli(capsys, "check", str(tmp_path), "--as-of", "2026-01-01", "--format", "json")
    assert code == 2
    report = json.loads(out)
    by_slug = {p["slug"]: p for p in report["profiles"]}
    assert by_slug["good"]["findings"]
    assert not by_slug["good"]["errors"]
    [error] = by_slug["bad"]["errors"]
    assert error["location"] == {"path": str(bad / "cop.yaml"), "line": 3, "column": 19}
    assert "convener.hours: unknown key" in error["message"]


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
    assert outcomes <= {"pass", "fail", "unknown", "not_applicable", "not_due", "suppressed"}


def test_fingerprints_survive_unrelated_line_moves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    args = ["check", str(folder), "--as-of", "2026-01-01", "--format", "json"]
    before = json.loads(cli(capsys, *args)[1])["profiles"][0]["findings"]
    text = (folder / "cop.yaml").read_text()
    (folder / "cop.yaml").write_text("# a comment\n\n" + text.replace("name:", "domain: {out_of_scope: [x]}\nname:"))
    after = json.loads(cli(capsys, *args)[1])["profiles"][0]["findings"]
    assert {f["rule"]: f["fingerprint"] for f in before} == {f["rule"]: f["fingerprint"] for f in after}
    assert [f["location"]["line"] for f in before] != [f["location"]["line"] for f in after]


def test_same_inputs_same_bytes_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("1", "2", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "copadvisor", "check", "profiles", "--as-of", "2026-11-01", "--format", "json"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        assert not done.stderr
        assert json.loads(done.stdout)["profiles"]
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_internal_errors_are_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("copadvisor.commands.run", broken)
    folder = write_profile(tmp_path)
    code, out, err = cli(capsys, "check", str(folder))
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1
    assert "internal error" in err
    assert "Traceback" not in err
    code, _, err = cli(capsys, "--debug", "check", str(folder))
    assert code == 3
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "check")[0] == 2
    assert cli(capsys, "check", ".", "--as-of", "2026-13-01")[0] == 2
    assert cli(capsys, "check", ".", "--fail-on", "loud")[0] == 2
    assert cli(capsys, "nonsense")[0] == 2


def test_missing_path_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "check", str(tmp_path / "nowhere"), "--as-of", "2026-01-01")
    assert code == 2
    assert f"{tmp_path / 'nowhere'}:1:1: no such file or directory" in out

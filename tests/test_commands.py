"""The commands as typed functions (``copadvisor.commands``): flags over the config over the defaults, the
targets and local rule packs of `lint`, and every rule id or prefix the user names known to select a rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

from copadvisor.cli.main import run
from copadvisor.commands import Flags, resolve

AS_OF = ["--as-of", "2026-01-01"]


NO_FLAGS = Flags(as_of=None, fail_on=None, select=(), ignore=(), rules=(), config=None, engine=None)


def test_flags_win_over_the_config(tmp_path: Path) -> None:
    (tmp_path / "copadvisor.toml").write_text('fail_on = "low"\nignore = ["roles."]\nengine = "python"\n')
    today = dt.date(2026, 1, 1)
    options, _config = resolve(NO_FLAGS, [str(tmp_path)], "high", today)
    assert (options.fail_on, options.policy.ignore, options.engine, options.as_of) == (
        "low",
        ("roles.",),
        "python",
        today,
    )
    flags = Flags(
        as_of=dt.date(2025, 5, 5), fail_on="none", select=(), ignore=("x.",), rules=(), config=None, engine="auto"
    )
    options, _ = resolve(flags, [str(tmp_path)], "high", today)
    assert (options.fail_on, options.policy.ignore, options.engine, options.as_of) == (
        "none",
        ("roles.", "x."),
        "auto",
        dt.date(2025, 5, 5),
    )


def test_no_config_means_defaults(tmp_path: Path) -> None:
    options, config = resolve(NO_FLAGS, [str(tmp_path)], "medium", dt.date(2026, 1, 1))
    assert config.path is None  # nothing above a pytest temporary folder
    assert (options.fail_on, options.engine, options.thresholds.meeting_minutes) == ("medium", "auto", 120)


def test_lint_defaults_to_profiles_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    report = json.loads(cli(capsys, "lint", *AS_OF, "--format", "json")[1])
    assert sorted(p["slug"] for p in report["profiles"]) == ["broken", "good"]
    (repo / "copadvisor.toml").write_text('profiles = ["profiles/good"]\n')
    report = json.loads(cli(capsys, "lint", *AS_OF, "--format", "json")[1])
    assert [p["slug"] for p in report["profiles"]] == ["good"]


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


def test_a_checkout_of_copadvisor_is_not_read_as_local_rule_packs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linting copadvisor's own clone with an installed copadvisor: its `rules/` are the built-in packs (of that
    clone's version), not a CoP repository's own, so they are not loaded a second time."""
    write_profile(tmp_path / "profiles", {})
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local.yaml").write_text(LOCAL_RULE)
    (tmp_path / "copadvisor" / "rulepack").mkdir(parents=True)
    (tmp_path / "copadvisor" / "rulepack" / "__init__.py").write_text("")
    monkeypatch.chdir(tmp_path)
    report = json.loads(cli(capsys, "lint", *AS_OF, "--format", "json")[1])
    assert "local.no-name-change" not in {f["rule"] for f in report["profiles"][0]["findings"]}
    assert report["profiles"][0]["errors"] == []

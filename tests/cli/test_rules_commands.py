"""`copadvisor rules …` and `copadvisor schema`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cop_testing import cli

from copadvisor.cli.main import run


def test_rules_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "rules", "list")
    assert code == 0
    assert "meetings.too-short" in out
    assert "medium" in out
    code, out = cli(capsys, "rules", "list", "--format", "json")
    rules = {r["id"]: r for r in json.loads(out)}
    assert rules["meetings.too-short"]["severity"] == "medium"
    assert "transformation" not in rules["meetings.too-short"]["stages"]


def test_rules_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "rules", "explain", "meetings.too-short")
    assert code == 0
    for words in ("Why it matters", "What to do", "seed tip 5", "planned_minutes"):
        assert words in out
    sponsor = out.split("What a sponsor can offer\n", 1)[1].split("\n", 1)[0]
    assert sponsor == "  Help protect a two-hour slot for members, so that sessions have time for real discussion."
    assert cli(capsys, "rules", "explain", "meetings.too-long")[0] == 2
    code, out = cli(capsys, "rules", "explain", "meetings.momentum-gap")
    assert "When it is due" in out
    assert "sessions_count" in out
    assert "until then, not yet: no session has been held yet" in out
    assert "1 not due" in out


def test_rules_test_runs_every_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "rules", "test")
    assert code == 0
    assert out.splitlines()[-1].endswith(" passed, 0 failed")


def test_rules_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "rules", "facts", "profiles/aaot-north", "--as-of", "2026-11-01", "--format", "json")
    [profile] = json.loads(out)
    assert code == 0
    assert profile["stage"] == "coalescing"
    assert profile["facts"][0]["kind"] == "profile"


def test_generated_docs_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli(capsys, "rules", "docs", "--check")
    assert code == 0, out + "\nRun `copadvisor rules docs` to regenerate docs/facts.md and docs/rules.md."


def test_rules_test_on_a_broken_pack_is_not_a_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pack.yaml").write_text("copadvisor-rules: 1\nrules:\n  - id: local.x\n    stages: [maturng]\n")
    assert run(["rules", "test", str(tmp_path)]) == 2
    assert f"{tmp_path / 'pack.yaml'}:4:" in capsys.readouterr().err


def test_rules_explain_suggests_the_rule_meant(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", "explain", "meetings.too-shrt"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: no rule 'meetings.too-shrt'. Did you mean 'meetings.too-short'? `copadvisor rules list` shows them all."
    )
    assert run(["rules", "explain", "zzz"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "Error: no rule 'zzz'. `copadvisor rules list` shows them all."


def test_rules_list_fits_the_width(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert run(["rules", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "community.attendance-declining",
        "    severity: medium    stages: coalescing, maturing, stewardship",
        "    title: Attendance is falling",
    ]
    assert max(map(len, lines)) <= 80


def test_rules_explain_never_breaks_the_path_of_its_pack(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    assert run(["rules", "explain", "meetings.too-short"]) == 0
    lines = capsys.readouterr().out.splitlines()
    where = lines.index("  defined at:")
    assert lines[where + 1].startswith("    /")
    assert lines[where + 1].endswith("meetings.yaml:4:5")
    assert Path(lines[where + 1].strip().rsplit(":", 2)[0]).is_file()
    monkeypatch.setenv("COLUMNS", "200")
    assert run(["rules", "explain", "meetings.too-short"]) == 0
    assert next(x for x in capsys.readouterr().out.splitlines() if "defined at" in x).endswith("meetings.yaml:4:5")


HOSTILE_PACK = r"""copadvisor-rules: 1
rules:
  - id: local.hostile
    title: "T\n::error::FORGED-title ##[error]legacy"
    stages: all
    severity: high
    source: "S\n::error::FORGED-source"
    on: profile
    when:
      meetings_after_launch: {ge: 0}
    message: "M"
    rationale: "R line\n::error::FORGED-rationale\n  ::warning::indented\n##[error]FORGED-legacy"
    next_step: "N\n::error::FORGED-next"
    sponsor_step: "Offer.\n::error::FORGED-sponsor"
    examples:
      fail:
        - as_of: 2026-06-01
          description: "D\n::error::FORGED-example"
          events:
            - {date: 2025-09-01, type: launch}
      pass:
        - as_of: 2026-06-01
          profile: {name: X, stage: transformation}
"""


def test_a_packs_text_forges_no_workflow_command_in_explain_or_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team 3, break 9: a user's pack puts newlines and `##[` in the text `rules explain` and `rules list`
    print; each value is one line, and no line is a workflow command."""
    (tmp_path / "h.yaml").write_text(HOSTILE_PACK)
    monkeypatch.setenv("COLUMNS", "200")
    assert run(["rules", "explain", "local.hostile", "--rules", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] + lines[4:14] + lines[-1:] == [
        r"local.hostile: T ::error::FORGED-title #\#[error]legacy",
        "  severity: high    stages: all    source: S ::error::FORGED-source",
        "Why it matters",
        r"  R line ::error::FORGED-rationale   ::warning::indented #\#[error]FORGED-legacy",
        "",
        "What to do",
        "  N ::error::FORGED-next",
        "",
        "What a sponsor can offer",
        "  Offer. ::error::FORGED-sponsor",
        "",
        "When it fails",
        "  - D ::error::FORGED-example",
    ]
    assert run(["rules", "list", "--rules", str(tmp_path)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("local.hostile"))
    assert row.split() == ["local.hostile", "high", "all", "T", "::error::FORGED-title", r"#\#[error]legacy"]

"""The independent red team's reproductions (second round): each broke a promise of docs/promises.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cop_testing import cli, write_profile

BROKEN_PACK = "garbage: [\n"


def test_a_rule_pack_in_upper_case_is_read_not_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profile(tmp_path / "profiles")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "Bad.Yaml").write_text(BROKEN_PACK)
    monkeypatch.chdir(tmp_path)
    code, out = cli(capsys, "lint", "--as-of", "2026-11-01", "profiles")
    assert code == 2
    assert "Bad.Yaml" in out


def test_packs_in_a_linked_folder_of_rules_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profile(tmp_path / "profiles")
    (tmp_path / "rules").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "bad.yaml").write_text(BROKEN_PACK)
    (tmp_path / "rules" / "linked").symlink_to(tmp_path / "other")
    monkeypatch.chdir(tmp_path)
    code, out = cli(capsys, "lint", "--as-of", "2026-11-01", "--format", "json", "profiles")
    assert code == 2
    assert "rules/linked/bad.yaml" in out


def test_a_link_to_a_folder_above_is_reported_not_walked(tmp_path: Path) -> None:
    folder = write_profile(tmp_path / "p")
    (tmp_path / "p" / "root").symlink_to("/")
    (tmp_path / "p" / "up").symlink_to("..")
    done = subprocess.run(
        [sys.executable, "-m", "copadvisor", "lint", "--as-of", "2026-11-01", "--format", "json", str(tmp_path / "p")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout.count("a link to a folder above it: not followed") == 2
    assert str(folder) in done.stdout  # the profile itself is still reported


HOSTILE = "A\x1b[2J\x1b]0;pwned\x07B\x08\x7f\x9bC \u202eRTL\u2066 \u2028sep"


def test_the_sponsors_report_neutralises_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_profile(tmp_path, {"name": HOSTILE})
    markdown = cli(capsys, "report", str(tmp_path), "--as-of", "2026-11-01")[1]
    page = tmp_path / "r.html"
    cli(capsys, "report", str(tmp_path), "--as-of", "2026-11-01", "--html", str(page))
    for out in (markdown, page.read_text(encoding="utf-8")):
        assert [c for c in "\x1b\x07\x08\x7f\x9b\u202e\u2066\u2028" if c in out] == []
        assert "x1b" in out  # shown as an escape (Markdown escapes its backslash too)


def test_a_line_break_in_a_folder_name_never_starts_a_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "p" / "x\n::error file=f::forged\n- [x] ticked"
    os.makedirs(folder)
    (folder / "cop.yaml").write_text("copadvisor: 1\nname: ok\n")
    (folder / "events.yaml").write_text("- {date: 2026-01-01\n")
    outputs = [cli(capsys, "lint", "--as-of", "2026-11-01", "--format", "junit", str(tmp_path / "p"))[1]]
    outputs.append(cli(capsys, "report", "--as-of", "2026-11-01", "--format", "html", str(tmp_path / "p"))[1])
    outputs.append(cli(capsys, "report", "--as-of", "2026-11-01", "--format", "markdown", str(tmp_path / "p"))[1])
    for out in outputs:
        assert [line for line in out.splitlines() if line.lstrip().startswith("::")] == []

"""The options every evaluating command shares (``copadvisor.cli.options``): dates, --output, colour and width."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def test_output_file_and_yaml_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    target = tmp_path / "report.sarif"
    assert cli(capsys, "lint", str(folder), *AS_OF, "--format", "sarif", "--output", str(target))[1] == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert cli(capsys, "lint", str(folder), *AS_OF, "--output", str(folder / "cop.yaml"))[0] == 2
    assert "copadvisor: 1" in (folder / "cop.yaml").read_text()


def test_a_file_to_write_that_starts_with_a_dash_is_a_forgotten_value_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_profile(tmp_path, SHORT)
    monkeypatch.chdir(tmp_path)
    for command in (["lint", "--output", "--format", "json"], ["report", "--html", "--output", "x.html"]):
        assert run([*command, str(folder), *AS_OF]) == 2
        assert (
            f"'{command[2]}' looks like an option, not a file: to write a file of that name, give ./{command[2]}"
            in capsys.readouterr().err
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cop"]
    assert cli(capsys, "report", "--html", "./--x.html", str(folder), *AS_OF)[0] == 1  # a high finding
    assert (tmp_path / "--x.html").read_text().startswith("<!DOCTYPE html>")


def test_the_width_is_columns_else_the_terminal_else_80(monkeypatch: pytest.MonkeyPatch) -> None:
    from copadvisor.cli import options

    monkeypatch.setattr(options.shutil, "get_terminal_size", lambda fallback: os.terminal_size((132, 40)))
    monkeypatch.delenv("COLUMNS", raising=False)
    assert options.text_width(on_terminal=True) == 132
    assert options.text_width(on_terminal=False) == 80  # a pipe or a file: whatever window ran it
    monkeypatch.setenv("COLUMNS", "120")
    assert options.text_width(on_terminal=False) == 120
    assert options.text_width(on_terminal=True) == 120
    monkeypatch.setenv("COLUMNS", "12")
    assert options.text_width(on_terminal=True) == 40  # never narrower
    monkeypatch.setenv("COLUMNS", "wide")
    assert options.text_width(on_terminal=False) == 80
    assert options.render_options("report.txt") == options.RenderOptions(colour=False, width=80)

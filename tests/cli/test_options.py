"""The options every evaluating command shares (``copadvisor.cli.options``): dates, --output, colour and width."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

AS_OF = ["--as-of", "2026-01-01"]


def test_output_file_and_yaml_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    target = tmp_path / "report.sarif"
    assert cli(capsys, "lint", str(folder), *AS_OF, "--format", "sarif", "--output", str(target))[1] == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert cli(capsys, "lint", str(folder), *AS_OF, "--output", str(folder / "cop.yaml"))[0] == 2
    assert "copadvisor: 1" in (folder / "cop.yaml").read_text()


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

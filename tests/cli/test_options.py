"""The options every evaluating command shares (``copadvisor.cli.options``): dates, --output, colour and width."""

from __future__ import annotations

import json
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

"""Markdown for a pull request (``copadvisor.render.markdown``): the summary table and a section per profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


def test_markdown_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "markdown")[1]
    assert out.startswith("# copadvisor report")
    assert "| profile | stage |" in out

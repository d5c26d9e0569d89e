"""The convener's checklist (``copadvisor.render.checklist``): items, their order, and the three formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


def test_markdown_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    out = cli(capsys, "checklist", str(folder), *AS_OF, "--format", "markdown")[1]
    items = [line for line in out.splitlines() if line.startswith("- [")]
    assert items
    assert all(line[:6] in ("- [ ] ", "- [x] ") for line in items)
    assert any(line.startswith("- [ ]") and "meetings.too-short" in line for line in items)
    assert "checklist for the potential stage" in out

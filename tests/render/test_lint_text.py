"""The compact text of `lint` (``copadvisor.render.lint_text``): one line per finding or error."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


def test_lint_text_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    _code, out = cli(capsys, "lint", str(folder), *AS_OF, "--select", "meetings.too-short")
    first = out.splitlines()[0]
    assert first.startswith(f"{folder / 'cop.yaml'}:4:3: medium meetings.too-short Meetings are planned for 60")

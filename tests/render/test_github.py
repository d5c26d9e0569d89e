"""GitHub Actions workflow commands (``copadvisor.render.github``): kinds per severity, exact escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


def test_github_annotations_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    code, out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "github", "--select", "meetings.too-short")
    path = folder / "cop.yaml"
    [line] = out.splitlines()
    assert line.startswith(
        f"::warning file={path},line=4,col=3,title=meetings.too-short::Meetings are planned for 60 minutes, under the "
        "120 minutes the guidance treats as the best minimum. Next step: "
    )
    assert code == 1  # lint fails on medium by default


def test_github_escapes_data_and_properties(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path / "a,b:c", {})
    out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "github")[1]
    assert "file=" + str(folder).replace(":", "%3A").replace(",", "%2C") in out

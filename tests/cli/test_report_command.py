"""`copadvisor report` (``copadvisor.cli.report_command``): where the HTML and Markdown go, what is refused, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import write_profile

from copadvisor.cli.main import run

AS_OF = "2026-11-01"


def test_html_refuses_to_write_over_a_yaml_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path)
    for name in ("cop.yaml", "x.yml", "X.YAML"):
        target = folder / name
        before = target.read_bytes() if target.exists() else None
        assert run(["report", str(folder), "--as-of", AS_OF, "--html", str(target)]) == 2
        assert (target.read_bytes() if target.exists() else None) == before
        assert "will not write a report over a YAML file" in capsys.readouterr().err


def test_markdown_goes_to_stdout_or_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, {"practicalities": {"meeting_minutes": 60}})
    assert run(["report", str(folder), "--as-of", AS_OF, "--format", "markdown", "--fail-on", "none"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Communities of Practice: sponsors' report (as of 1 November 2026)")
    assert "| CoP | Status | Stage |" in out
    target = tmp_path / "summary.md"
    assert run(["report", str(folder), "--as-of", AS_OF, "--output", str(target), "--fail-on", "none"]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == out
    assert run(["report", str(folder), "--as-of", AS_OF, "--output", str(tmp_path / "x.yaml")]) == 2


def test_html_alone_prints_nothing_and_both_can_be_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_profile(tmp_path)
    page = tmp_path / "r.html"
    run(["report", str(folder), "--as-of", AS_OF, "--html", str(page)])
    assert capsys.readouterr().out == ""
    run(["report", str(folder), "--as-of", AS_OF, "--html", str(page), "--format", "markdown"])
    assert capsys.readouterr().out.startswith("# Communities of Practice")
    run(["report", str(folder), "--as-of", AS_OF, "--format", "html"])
    assert capsys.readouterr().out == page.read_text(encoding="utf-8")


def test_since_must_come_before_the_as_of_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path)
    assert run(["report", str(folder), "--as-of", AS_OF, "--since", AS_OF]) == 2
    assert "--since" in capsys.readouterr().err
    assert run(["report", str(folder), "--as-of", AS_OF, "--since", "2026-13-01"]) == 2


def test_exit_codes_follow_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, {"practicalities": {"meeting_minutes": 60}})
    base = ["report", str(folder), "--as-of", "2026-01-01", "--select", "meetings.too-short"]
    assert run(base) == 0
    assert run([*base, "--fail-on", "medium"]) == 1

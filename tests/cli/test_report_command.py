"""`copadvisor report` (``copadvisor.cli.report_command``): where the HTML and Markdown go, what is refused, exit codes."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from cop_testing import write_profile

from copadvisor.cli.main import run
from copadvisor.pipeline import Options, quarter_ends
from copadvisor.render import FORMATS
from copadvisor.runner import collect, stream

D = dt.date.fromisoformat

AS_OF = "2026-11-01"


def test_html_refuses_to_write_over_a_yaml_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path)
    for name in ("cop.yaml", "x.yml", "X.YAML"):
        target = folder / name
        before = target.read_bytes() if target.exists() else None
        assert run(["report", str(folder), "--as-of", AS_OF, "--html", str(target)]) == 2
        assert (target.read_bytes() if target.exists() else None) == before
        assert "will not write a report over a YAML file" in capsys.readouterr().err


class Screen(io.StringIO):
    def isatty(self) -> bool:
        return True


HINT = "copadvisor: that is the report's Markdown; --html report.html writes the page for a browser or paper\n"


def test_on_a_screen_the_markdown_says_where_the_page_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_profile(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    screen = Screen()
    monkeypatch.setattr(sys, "stdout", screen)
    assert run(["report", str(folder), "--as-of", AS_OF, "--fail-on", "none"]) == 0
    assert screen.getvalue().startswith("# Communities of Practice: sponsors' report (as of 1 November 2026)\n")
    assert capsys.readouterr().err == HINT
    for chosen in (["--format", "markdown"], ["--html", str(tmp_path / "r.html")]):
        assert run(["report", str(folder), "--as-of", AS_OF, "--fail-on", "none", *chosen]) == 0
        assert HINT not in capsys.readouterr().err, chosen
    monkeypatch.setenv("CI", "true")
    assert run(["report", str(folder), "--as-of", AS_OF, "--fail-on", "none"]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.undo()
    assert run(["report", str(folder), "--as-of", AS_OF, "--fail-on", "none"]) == 0  # a pipe: Markdown on purpose
    assert capsys.readouterr().err == ""


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


def test_the_pages_written_as_drawn_are_the_formats_of_the_whole_report(tmp_path: Path) -> None:
    """The command draws its pages piece by piece from the views it kept; each is byte for byte what the
    format's ``render`` gives for the report with every section kept."""
    events = [{"date": "2025-06-01", "type": "launch", "minutes": 90, "attendance": 12}]
    write_profile(tmp_path, {"name": "Team a"}, events, slug="a")
    write_profile(tmp_path, {"convener": {"id": "QZKW"}}, slug="b-QZKW")
    page, summary = tmp_path / "r.html", tmp_path / "r.md"
    args = ["--as-of", AS_OF, "--since", "2026-01-01", "--fail-on", "none"]
    assert run(["report", str(tmp_path), *args, "--html", str(page), "--output", str(summary)]) == 0
    options = Options(as_of=D(AS_OF), since=D("2026-01-01"), history=quarter_ends(D(AS_OF)))
    report = collect(stream([str(tmp_path)], options))
    drawn = {"html": page.read_text(encoding="utf-8"), "markdown": summary.read_text(encoding="utf-8")}
    assert drawn == {fmt: FORMATS["report"][fmt](report) for fmt in ("html", "markdown")}
    assert "QZKW" not in drawn["html"] + drawn["markdown"]

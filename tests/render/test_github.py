"""GitHub Actions workflow commands (``copadvisor.render.github``): kinds per severity, exact escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

from copadvisor.errors import Location, Problem
from copadvisor.render import github

from .support import finding, mixed, report, section, tiny_run

AS_OF = ["--as-of", "2026-01-01"]


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


def test_annotation_kinds_per_severity() -> None:
    assert github.COMMANDS == {"high": "error", "medium": "warning", "low": "notice", "info": "notice"}
    kinds = [
        (line.split(" ")[0], line.split("title=")[1].split("::")[0]) for line in github.render(mixed()).splitlines()
    ]
    assert kinds == [
        ("::error", "convener.missing"),
        ("::warning", "meetings.too-short"),
        ("::notice", "roles.unfilled"),
        ("::notice", "roles.unfilled"),
        ("::notice", "ending.natural-candidate"),
        ("::notice", "domain.no-statement"),
        ("::warning", "portfolio.many-new-cops"),
    ]


def test_problems_first_as_errors_and_escaped_exactly() -> None:
    broken = section("bad", errors=[Problem(Location("bad,x:y/cop.yaml", 3, 1), "100% wrong\nsee line 3")])
    found = section("a", [finding("r.low", "low", message="50% done\r\nok")])
    assert github.render(report(found, broken)) == (
        "::error file=bad%2Cx%3Ay/cop.yaml,line=3,col=1,title=copadvisor::100%25 wrong%0Asee line 3\n"
        # a CR LF in input text is one line break once neutralised (render/safe.py), escaped as GitHub asks
        "::notice file=p/cop.yaml,line=1,col=3,title=r.low::50%25 done%0Aok Next step: Next step of r.low.\n"
    )


def test_nothing_found_is_nothing_printed() -> None:
    assert github.render(report(section("a"))) == ""


def test_a_tiny_run(tmp_path: Path) -> None:
    lines = github.render(tiny_run(tmp_path)).splitlines()
    assert [line.split(" ")[0] for line in lines] == ["::warning", *["::notice"] * 15]

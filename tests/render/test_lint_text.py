"""The compact text of `lint` (``copadvisor.render.lint_text``): one line per finding or error."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

from copadvisor.errors import Location, Problem
from copadvisor.render import lint_text
from copadvisor.render.style import RenderOptions

from .support import finding, mixed, report, section, tiny_run

AS_OF = ["--as-of", "2026-01-01"]


def test_lint_text_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    _code, out = cli(capsys, "lint", str(folder), *AS_OF, "--select", "meetings.too-short")
    first = out.splitlines()[0]
    assert first.startswith(f"{folder / 'cop.yaml'}:4:3: medium meetings.too-short Meetings are planned for 60")


def test_one_line_per_finding_in_section_order_then_the_summary() -> None:
    assert lint_text.render(mixed()).splitlines() == [
        "p/cop.yaml:2:3: high convener.missing Message of convener.missing.",
        "p/cop.yaml:4:3: medium meetings.too-short Message of meetings.too-short.",
        "p/cop.yaml:9:3: low roles.unfilled Message of roles.unfilled.",
        "p/cop.yaml:12:3: low roles.unfilled Message of roles.unfilled.",
        "p/cop.yaml:1:3: info ending.natural-candidate Message of ending.natural-candidate.",
        "two/cop.yaml:3:3: low domain.no-statement Message of domain.no-statement.",
        "profiles:1:3: medium portfolio.many-new-cops Message of portfolio.many-new-cops.",
        "2 profile(s): 1 high, 2 medium, 3 low, 1 info; 1 check(s) need data; 0 with errors — fails at --fail-on high",
    ]


def test_errors_first_then_each_section_s_errors_and_findings() -> None:
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    out = lint_text.render(report(section("a", [finding("r.low", "low")]), broken, errors=[pack], fail_on="low"))
    assert out == (
        "rules/x.yaml:4:5: error rules[0].titel: unknown key\n"
        "p/cop.yaml:1:3: low r.low Message of r.low.\n"
        "bad/cop.yaml:3:1: error stage: not a stage\n"
        "2 profile(s): 1 low; 0 check(s) need data; 1 with errors — could not evaluate every input\n"
    )


def test_passes_wording_and_colour() -> None:
    out = lint_text.render(report(section("a", [finding("r.low", "low")]), fail_on="medium"))
    assert out.splitlines()[-1].endswith("— passes at --fail-on medium")
    coloured = lint_text.render(report(section("a", [finding("r.high", "high")])), RenderOptions(colour=True))
    assert coloured.startswith("p/cop.yaml:1:3: \x1b[31m\x1b[1mhigh\x1b[0m r.high ")


def test_a_tiny_run(tmp_path: Path) -> None:
    lines = lint_text.render(tiny_run(tmp_path)).splitlines()
    assert [line.split(" ")[1:3] for line in lines[:-1]] == [
        ["medium", "meetings.too-short"],
        *[["low", "roles.unfilled"]] * 6,
        ["info", "stage.mismatch"],
        ["info", "suppression.unused"],
        *[["low", "roles.unfilled"]] * 7,
    ]
    assert lines[-1] == (
        "2 profile(s): 1 medium, 13 low, 2 info; 0 check(s) need data; 0 with errors — fails at --fail-on medium"
    )

"""The compact text of `lint` (``copadvisor.render.lint_text``): one entry per finding or error, sorted by file
and line, wrapped to the width; ``--statistics`` and ``--quiet``."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import SHORT, cli, write_profile

from copadvisor.errors import Location, Problem
from copadvisor.render import lint_text
from copadvisor.render.style import RenderOptions

from .support import finding, mixed, report, section, tiny_run

AS_OF = ["--as-of", "2026-01-01"]
WIDE = RenderOptions(width=1000)  # every entry on one line


def test_lint_text_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    folder = write_profile(tmp_path, SHORT)
    _code, out = cli(capsys, "lint", str(folder), *AS_OF, "--select", "meetings.too-short")
    first = out.splitlines()[0]
    assert first.startswith(f"{folder / 'cop.yaml'}:4:3: medium meetings.too-short Meetings are planned for 60")


def test_one_line_per_finding_sorted_by_file_and_line_then_the_summary() -> None:
    # Sorted within each profile (a run writes each as it comes, in the order of the paths), the portfolio last.
    assert lint_text.render(mixed(), WIDE).splitlines() == [
        "p/cop.yaml:1:3: info ending.natural-candidate Message of ending.natural-candidate.",
        "p/cop.yaml:2:3: high convener.missing Message of convener.missing.",
        "p/cop.yaml:4:3: medium meetings.too-short Message of meetings.too-short.",
        "p/cop.yaml:9:3: low roles.unfilled Message of roles.unfilled.",
        "p/cop.yaml:12:3: low roles.unfilled Message of roles.unfilled.",
        "two/cop.yaml:3:3: low domain.no-statement Message of domain.no-statement.",
        "profiles:1:3: medium portfolio.many-new-cops Message of portfolio.many-new-cops.",
        "2 profile(s): 1 high, 2 medium, 3 low, 1 info; 1 check(s) need data; 0 with errors — fails at --fail-on high",
    ]


def test_a_long_entry_goes_on_under_itself_indented_at_the_width() -> None:
    assert lint_text.render(mixed(), RenderOptions(width=60)).splitlines()[:3] == [
        "p/cop.yaml:1:3: info ending.natural-candidate Message of",
        "    ending.natural-candidate.",
        "p/cop.yaml:2:3: high convener.missing Message of",
    ]
    assert lint_text.render(mixed(), RenderOptions(width=60)).splitlines()[-2:] == [
        "2 profile(s): 1 high, 2 medium, 3 low, 1 info; 1 check(s)",
        "    need data; 0 with errors — fails at --fail-on high",
    ]


def test_statistics_count_each_rule_most_frequent_first(tmp_path: Path) -> None:
    run = tiny_run(tmp_path)
    assert lint_text.statistics(run, WIDE).splitlines() == [
        "13 roles.unfilled     A role has nobody in it",
        " 1 meetings.too-short Meetings shorter than two hours",
        " 1 stage.mismatch     The declared stage differs from the event log",
        " 1 suppression.unused An acknowledged risk suppresses nothing",
        "2 profile(s): 1 medium, 13 low, 2 info; 0 check(s) need data; 0 with errors — fails at --fail-on medium",
    ]
    assert lint_text.statistics(run, RenderOptions(width=50)).splitlines()[1:3] == [
        " 1 meetings.too-short Meetings shorter than two",
        "                      hours",
    ]


def test_quiet_and_statistics_still_show_what_stopped_an_input() -> None:
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    run = report(section("a", [finding("r.low", "low")]), broken, errors=[pack], fail_on="low")
    errors = ["rules/x.yaml:4:5: error rules[0].titel: unknown key", "bad/cop.yaml:3:1: error stage: not a stage"]
    summary = "2 profile(s): 1 low; 0 check(s) need data; 1 with errors — could not evaluate every input"
    assert lint_text.quiet(run, WIDE).splitlines() == [*errors, summary]
    assert lint_text.statistics(run, WIDE).splitlines() == [*errors, "1 r.low", summary]


def test_quiet_is_the_summary_line_only() -> None:
    assert lint_text.quiet(mixed(), WIDE) == (
        "2 profile(s): 1 high, 2 medium, 3 low, 1 info; 1 check(s) need data; 0 with errors — fails at --fail-on high\n"
    )


def test_the_runs_own_errors_first_then_each_profile_by_file() -> None:
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    out = lint_text.render(report(section("a", [finding("r.low", "low")]), broken, errors=[pack], fail_on="low"), WIDE)
    assert out == (
        "rules/x.yaml:4:5: error rules[0].titel: unknown key\n"
        "p/cop.yaml:1:3: low r.low Message of r.low.\n"
        "bad/cop.yaml:3:1: error stage: not a stage\n"
        "2 profile(s): 1 low; 0 check(s) need data; 1 with errors — could not evaluate every input\n"
    )


def test_passes_wording_and_colour() -> None:
    out = lint_text.render(report(section("a", [finding("r.low", "low")]), fail_on="medium"), WIDE)
    assert out.splitlines()[-1].endswith("— passes at --fail-on medium")
    coloured = lint_text.render(report(section("a", [finding("r.high", "high")])), RenderOptions(colour=True))
    assert coloured.startswith("p/cop.yaml:1:3: \x1b[31m\x1b[1mhigh\x1b[0m r.high ")


def test_a_tiny_run(tmp_path: Path) -> None:
    lines = lint_text.render(tiny_run(tmp_path), WIDE).splitlines()
    assert [line.split(" ")[1:3] for line in lines[:-1]] == [
        ["medium", "meetings.too-short"],
        ["info", "stage.mismatch"],
        *[["low", "roles.unfilled"]] * 6,
        ["info", "suppression.unused"],
        *[["low", "roles.unfilled"]] * 7,
    ]
    assert lines[-1] == (
        "2 profile(s): 1 medium, 13 low, 2 info; 0 check(s) need data; 0 with errors — fails at --fail-on medium"
    )

"""Markdown for a pull request (``copadvisor.render.markdown``): the summary table and a section per profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from cop_testing import SHORT, cli, prepared, write_profile

from copadvisor.errors import Location, Problem
from copadvisor.pipeline import Options
from copadvisor.render import markdown
from copadvisor.runner import run as run_profiles

from .support import finding, mixed, report, section, small, tiny_run, unknown

AS_OF = ["--as-of", "2026-01-01"]


def test_markdown_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    out = cli(capsys, "lint", str(folder), *AS_OF, "--format", "markdown")[1]
    assert out.startswith("# copadvisor report")
    assert "| profile | stage |" in out


def summary_table(out: str) -> dict[str, dict[str, str]]:
    """The summary table's rows by profile, each cell by its column's heading."""
    lines = out.split("\n\n")[1].splitlines()
    heads = [h.strip() for h in lines[0].strip("|").split("|")]
    return {
        cells[0]: dict(zip(heads, cells, strict=True))
        for cells in ([c.strip() for c in line.strip("|").split("|")] for line in lines[2:])
    }


def test_the_summary_table_holds_each_count_in_its_column() -> None:
    out = markdown.render(mixed())
    assert out.split("\n\n")[1].splitlines()[:2] == [
        "| profile | stage | high | medium | low | info | needs data | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    table = summary_table(out)
    assert list(table) == ["CoP one", "CoP two", "Portfolio of 2 CoP(s)"]
    one = table["CoP one"]
    assert (one["high"], one["medium"], one["low"], one["info"], one["needs data"], one["errors"]) == (
        "1",
        "1",
        "2",
        "1",
        "1",
        "0",
    )
    assert table["CoP two"] == {
        "profile": "CoP two",
        "stage": "coalescing",
        "high": "0",
        "medium": "0",
        "low": "1",
        "info": "0",
        "needs data": "0",
        "errors": "0",
    }
    assert table["Portfolio of 2 CoP(s)"]["stage"] == "portfolio"
    assert table["Portfolio of 2 CoP(s)"]["medium"] == "1"


def test_the_summary_line_then_a_section_per_profile_most_severe_first() -> None:
    out = markdown.render(mixed())
    assert out.split("\n\n")[2] == (
        "2 profile(s): 1 high, 2 medium, 2 low, 1 info risks (7 findings by place: 1 high, 2 medium, 3 low, 1 info);"
        " 1 check(s) need data; 0 with errors — fails at --fail-on high"
    )
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## CoP one",
        "## CoP two",
        "## Portfolio of 2 CoP(s)",
    ]
    rows = [line.split(" | ")[:3] for line in out.splitlines() if line.startswith("| ") and "`" in line]
    # one row a rule (SPEC §4, one finding, many places), the natural-end finding first
    assert rows == [
        ["| info", "`ending.natural-candidate`", "`p/cop.yaml:1`"],
        ["| high", "`convener.missing`", "`p/cop.yaml:2`"],
        ["| medium", "`meetings.too-short`", "`p/cop.yaml:4`"],
        ["| low", "`roles.unfilled`", "`p/cop.yaml:9 and 12`"],
        ["| low", "`domain.no-statement`", "`two/cop.yaml:3`"],
        ["| medium", "`portfolio.many-new-cops`", "`profiles:1`"],
    ]
    assert "Needs data: `ebe.unfunded` (`ebe_recompense` in cop.yaml)." in out


def test_cells_are_escaped_and_errors_listed() -> None:
    piped = section("a", [finding("r.low", "low", message="a | b\nc")])
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    out = markdown.render(report(piped, broken))
    assert "| a \\| b c |" in out
    assert "\n- error: `bad/cop.yaml:3:1: stage: not a stage`\n" in out
    assert summary_table(out)["CoP bad"]["errors"] == "1"
    assert summary_table(out)["CoP bad"]["stage"] == "—"
    assert "No findings." not in out.split("## CoP bad")[1]


def test_a_tiny_run(tmp_path: Path) -> None:
    table = summary_table(markdown.render(tiny_run(tmp_path)))
    counts = {name: [row[s] for s in ("high", "medium", "low", "info")] for name, row in table.items()}
    # the portfolio, with nothing to say, is left out of the formats for people
    assert counts == {"CoP a": ["0", "1", "6", "2"], "CoP b": ["0", "0", "7", "0"]}


def test_the_needs_data_column_counts_the_checks_the_summary_line_counts(tmp_path: Path) -> None:
    events = [{"date": "2025-09-10", "type": "launch"}] + [
        {"date": f"2025-1{i}-10", "type": "meeting"} for i in range(3)
    ]
    write_profile(tmp_path, {}, events)
    report_ = run_profiles([str(tmp_path)], Options(as_of=dt.date(2026, 3, 1)), prepared())
    out = markdown.render(report_)
    assert f"; {report_.verdict.unknown} check(s) need data;" in out
    assert summary_table(out)["CoP cop"]["needs data"] == str(report_.verdict.unknown)


MARKDOWN = (
    "# copadvisor report (as of 2026-01-01)\n"
    "\n"
    "| profile | stage | high | medium | low | info | needs data | errors |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|\n"
    "| CoP small | coalescing | 1 | 0 | 1 | 0 | 1 | 0 |\n"
    "\n"
    "1 profile(s): 1 high, 1 low; 1 check(s) need data; 0 with errors — fails at --fail-on medium\n"
    "\n"
    "\n"
    "## CoP small\n"
    "\n"
    "`small/cop.yaml`\n"
    "\n"
    "Stage: **coalescing** (launched on 2025-10-01, 1 meeting(s) since).\n"
    "\n"
    "| severity | rule | where | finding | next step |\n"
    "|---|---|---|---|---|\n"
    "| high | `r.high` | `p/cop.yaml:2` | A high finding whose message is long enough to wrap at a narrow width. | Next step of r.high. |\n"
    "| low | `r.low` | `p/cop.yaml:5` | Message of r.low. | Next step of r.low. |\n"
    "\n"
    "Needs data: `r.unknown` (`a_fact` in cop.yaml, `b_fact` in cop.yaml).\n"
)


def test_the_whole_report_exactly() -> None:
    assert markdown.render(small()) == MARKDOWN


def test_a_profile_without_findings_an_unread_one_and_the_run_s_errors_exactly() -> None:
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    packs = [
        Problem(Location("rules/x.yaml", 4, 5), "titel: unknown key"),
        Problem(Location("rules/y.yaml", 1, 1), "empty"),
    ]
    two = replace(small().sections[0], unknowns=(unknown("r.a", "a_fact"), unknown("r.b", "b_fact", "c_fact")))
    out = markdown.render(report(section("quiet"), broken, two, errors=packs))
    assert out.split("\n\n")[2:4] == [
        "3 profile(s): 1 high, 1 low; 1 check(s) need data; 1 with errors — could not evaluate every input",
        "- error: `rules/x.yaml:4:5: titel: unknown key`\n- error: `rules/y.yaml:1:1: empty`",
    ]
    assert (
        "\n## CoP quiet\n\n`quiet/cop.yaml`\n\nStage: **coalescing** (launched on 2025-10-01, 1 meeting(s) since).\n\nNo findings.\n"
        in out
    )
    assert "\n## CoP bad\n\n`bad/cop.yaml`\n- error: `bad/cop.yaml:3:1: stage: not a stage`\n\n## CoP small\n" in out
    assert "\nNeeds data: `r.a` (`a_fact` in cop.yaml); `r.b` (`b_fact` in cop.yaml, `c_fact` in cop.yaml).\n" in out
    assert out.startswith("# copadvisor report (as of 2026-01-01)\n\n")
    assert out.endswith(".\n")
    assert not out.endswith("\n\n")

"""The plain-text report of `check` (``copadvisor.render.text``): per section its stage, findings grouped most
severe first with their next steps, what needs data, and the summary line, worded exactly."""

from __future__ import annotations

import re
from dataclasses import replace

from copadvisor.errors import Location, Problem
from copadvisor.render.style import RenderOptions
from copadvisor.render.text import render
from copadvisor.report import StageInfo

from .support import finding, mixed, report, section, small

WIDE = RenderOptions(width=120)  # every table a table, every summary on one line


def headings(out: str) -> list[str]:
    return re.findall(r"^  ([A-Z]+) — (\w+) stage$", out, re.MULTILINE)


def rows(out: str) -> list[tuple[str, str]]:
    """(rule, where) of each finding row, in order."""
    return re.findall(r"^  ([a-z]+\.[a-z-]+)\s+(\S+:\d+)\s", out, re.MULTILINE)


def test_findings_most_severe_first_under_one_heading_per_severity() -> None:
    out = render(mixed(), WIDE)
    # the natural-end finding leads (SPEC §4), then most severe first; one row a rule, with every place
    assert headings(out) == [
        ("INFO", "coalescing"),
        ("HIGH", "coalescing"),
        ("MEDIUM", "coalescing"),
        ("LOW", "coalescing"),
        ("LOW", "coalescing"),
        ("MEDIUM", "coalescing"),
    ]
    assert rows(out) == [
        ("ending.natural-candidate", "p/cop.yaml:1"),
        ("convener.missing", "p/cop.yaml:2"),
        ("meetings.too-short", "p/cop.yaml:4"),
        ("roles.unfilled", "p/cop.yaml:9"),  # and 12, in the same row
        ("ebe.unfunded", "p/cop.yaml:7"),  # the needs-data table
        ("domain.no-statement", "two/cop.yaml:3"),
        ("portfolio.many-new-cops", "profiles:1"),
    ]
    assert "→ Next step of convener.missing." in out


def test_the_sections_in_order_and_the_summary_last() -> None:
    out = render(mixed(), WIDE)
    titles = [line for line in out.splitlines() if line and not line.startswith(" ") and "profile(s)" not in line]
    assert titles == ["CoP one  one/cop.yaml", "CoP two  two/cop.yaml", "Portfolio of 2 CoP(s)  profiles"]
    assert out.endswith(
        "\n\n2 profile(s): 1 high, 2 medium, 2 low, 1 info risks (7 findings by place: 1 high, 2 medium, 3 low,"
        " 1 info); 1 check(s)\n    need data; 0 with errors — fails at --fail-on high\n"
    )


def test_the_summary_says_passes_below_fail_on() -> None:
    out = render(report(section("a", [finding("r.low", "low")]), fail_on="medium"), WIDE)
    assert out.splitlines()[-1] == (
        "1 profile(s): 1 low; 0 check(s) need data; 0 with errors — passes at --fail-on medium"
    )


def test_stage_declared_forced_and_no_findings() -> None:
    forced = report(replace(section("a"), stage=StageInfo("maturing", "coalescing", "stewardship", "launched")))
    lines = render(forced).splitlines()
    assert lines[1] == "  stage: coalescing (declared: maturing), checked as stewardship — launched"
    assert lines[2] == "  no findings"


def test_needs_data_and_suppressed_findings() -> None:
    out = render(mixed(), WIDE)
    assert "  Needs data\n" in out
    assert "`ebe_recompense` in cop.yaml" in out
    hidden = section("a", suppressed=[(finding("roles.unfilled", "low"), "later"), (finding("x.y", "high"), "why")])
    assert "\n  2 finding(s) acknowledged in the profile and not shown." in render(report(hidden))


def test_errors_of_a_profile_and_of_the_run() -> None:
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    out = render(report(broken, errors=[pack]), WIDE)
    assert out.split("\n\n") == [
        "CoP bad  bad/cop.yaml\n  error bad/cop.yaml:3:1: stage: not a stage",
        "rules/x.yaml:4:5: rules[0].titel: unknown key",
        "1 profile(s): no findings; 0 check(s) need data; 1 with errors — could not evaluate every input\n",
    ]


def test_colour_only_when_asked() -> None:
    assert "\x1b[" not in render(mixed())
    coloured = render(mixed(), RenderOptions(colour=True))
    assert "\x1b[31m\x1b[1mHIGH — coalescing stage\x1b[0m" in coloured
    assert "\x1b[33m\x1b[1mMEDIUM — coalescing stage\x1b[0m" in coloured
    assert "\x1b[36m\x1b[1mLOW — coalescing stage\x1b[0m" in coloured
    assert "\x1b[34m\x1b[1mINFO — coalescing stage\x1b[0m" in coloured


# At 60 columns the findings' tables cannot fit, so each is a list; the needs-data table can.
TEXT_60 = (
    "CoP small  small/cop.yaml\n"
    "  stage: coalescing — launched on 2025-10-01, 1 meeting(s)\n"
    "    since\n"
    "\n"
    "  HIGH — coalescing stage\n"
    "  r.high\n"
    "      where: p/cop.yaml:2\n"
    "      finding and next step: A high finding whose message is\n"
    "        long enough to wrap at a narrow width.\n"
    "        → Next step of r.high.\n"
    "\n"
    "  LOW — coalescing stage\n"
    "  r.low\n"
    "      where: p/cop.yaml:5\n"
    "      finding and next step: Message of r.low.\n"
    "        → Next step of r.low.\n"
    "\n"
    "  Needs data\n"
    "  r.unknown\n"
    "      record it at: p/cop.yaml:7\n"
    "      what would settle it: `a_fact` in cop.yaml; `b_fact`\n"
    "        in cop.yaml\n"
    "\n"
    "  1 finding(s) acknowledged in the profile and not shown.\n"
    "\n"
    "1 profile(s): 1 high, 1 low; 1 check(s) need data; 0 with\n"
    "    errors — fails at --fail-on medium\n"
)

TEXT_80 = (
    "CoP small  small/cop.yaml\n"
    "  stage: coalescing — launched on 2025-10-01, 1 meeting(s) since\n"
    "\n"
    "  HIGH — coalescing stage\n"
    "  rule    where         finding and next step\n"
    "  ------  ------------  --------------------------------------------------------\n"
    "  r.high  p/cop.yaml:2  A high finding whose message is long enough to wrap at a\n"
    "                        narrow width.\n"
    "                        → Next step of r.high.\n"
    "\n"
    "  LOW — coalescing stage\n"
    "  rule   where         finding and next step\n"
    "  -----  ------------  ---------------------\n"
    "  r.low  p/cop.yaml:5  Message of r.low.\n"
    "                       → Next step of r.low.\n"
    "\n"
    "  Needs data\n"
    "  rule       record it at  what would settle it\n"
    "  ---------  ------------  ------------------------------------------\n"
    "  r.unknown  p/cop.yaml:7  `a_fact` in cop.yaml; `b_fact` in cop.yaml\n"
    "\n"
    "  1 finding(s) acknowledged in the profile and not shown.\n"
    "\n"
    "1 profile(s): 1 high, 1 low; 1 check(s) need data; 0 with errors — fails at\n"
    "    --fail-on medium\n"
)


def test_the_whole_report_exactly_wrapped_to_the_width() -> None:
    assert render(small(), RenderOptions(width=60)) == TEXT_60
    assert render(small()) == TEXT_80
    for width in (40, 60, 80, 120):
        assert max(map(len, render(small(), RenderOptions(width=width)).splitlines())) <= width

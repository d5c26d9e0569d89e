"""JUnit XML (``copadvisor.render.junit``): suites, cases, and failures only at or above --fail-on."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cop_testing import cli

from copadvisor.errors import Location, Problem
from copadvisor.render import junit
from copadvisor.report import Report

from .support import check, mixed, report, section, tiny_run, with_errors

AS_OF = ["--as-of", "2026-01-01"]


def test_junit_parses_and_fails_at_fail_on(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _code, out = cli(capsys, "lint", *AS_OF, "--format", "junit", "--fail-on", "medium")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    good = next(s for name, s in suites.items() if name and "good" in name)
    case = next(c for c in good.iter("testcase") if c.get("name") == "meetings.too-short")
    assert case.find("failure") is not None
    roles = next(c for c in good.iter("testcase") if c.get("name") == "roles.unfilled")
    assert "acknowledged" in (roles.find("skipped").get("message") or "")  # type: ignore[union-attr]
    broken = next(s for name, s in suites.items() if name and "broken" in name)
    assert broken.get("errors") == "1"
    assert int(root.get("tests") or 0) == sum(int(s.get("tests") or 0) for s in suites.values())
    # Below --fail-on, a finding is not a failure.
    out = cli(capsys, "lint", *AS_OF, "--format", "junit", "--fail-on", "high", "profiles/good")[1]
    case = next(c for c in ET.fromstring(out).iter("testcase") if c.get("name") == "meetings.too-short")
    assert case.find("failure") is None
    assert "too-short" not in (case.findtext("system-out") or "x")


def cases(report_: Report) -> dict[tuple[str, str], ET.Element]:
    root = ET.fromstring(junit.render(report_))
    return {(c.get("classname") or "", c.get("name") or ""): c for c in root.iter("testcase")}


def outcome(case: ET.Element) -> str:
    children = [child.tag for child in case]
    return children[0] if children else "passed"


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        (
            "info",
            {
                "convener.missing",
                "meetings.too-short",
                "roles.unfilled",
                "ending.natural-candidate",
                "domain.no-statement",
                "portfolio.many-new-cops",
            },
        ),
        (
            "low",
            {
                "convener.missing",
                "meetings.too-short",
                "roles.unfilled",
                "domain.no-statement",
                "portfolio.many-new-cops",
            },
        ),
        ("medium", {"convener.missing", "meetings.too-short", "portfolio.many-new-cops"}),
        ("high", {"convener.missing"}),
        ("none", set()),
    ],
)
def test_failures_only_at_or_above_fail_on(fail_on: str, failing: set[str]) -> None:
    found = cases(mixed(fail_on=fail_on))
    assert {name for (_, name), case in found.items() if outcome(case) == "failure"} == failing
    below = {name for (_, name), case in found.items() if outcome(case) == "system-out"}
    assert (
        below
        == {
            "convener.missing",
            "meetings.too-short",
            "roles.unfilled",
            "ending.natural-candidate",
            "domain.no-statement",
            "portfolio.many-new-cops",
        }
        - failing
    )
    root = ET.fromstring(junit.render(mixed(fail_on=fail_on)))
    assert root.get("failures") == str(len(failing))  # one failing case per rule, however many findings
    assert (root.get("tests"), root.get("skipped"), root.get("errors")) == ("7", "1", "0")


def test_a_failure_lists_every_finding_at_or_above_fail_on() -> None:
    case = cases(mixed(fail_on="low"))[("one", "roles.unfilled")]
    failure = case.find("failure")
    assert failure is not None
    assert (failure.get("message"), failure.get("type")) == ("Message of roles.unfilled.", "low")
    assert failure.text == (
        "p/cop.yaml:9:3: Message of roles.unfilled.\nNext step: Next step of roles.unfilled.\n"
        "p/cop.yaml:12:3: Message of roles.unfilled.\nNext step: Next step of roles.unfilled."
    )
    below = cases(mixed(fail_on="high"))[("one", "roles.unfilled")]
    assert below.findtext("system-out") == (
        "p/cop.yaml:9:3: low: Message of roles.unfilled.\np/cop.yaml:12:3: low: Message of roles.unfilled."
    )


def test_skipped_cases_say_why() -> None:
    checks = [
        check("r.na", "not_applicable", "high"),
        check("r.unknown", "unknown", "low", missing=("a", "b")),
        check("r.ack", "suppressed", "medium", 1, reason="members chose"),
        check("r.pass", "pass"),
    ]
    found = cases(report(section("a", checks=checks, stage="maturing")))
    assert {name: (outcome(c), c[0].get("message") if len(c) else None) for (_, name), c in found.items()} == {
        "r.na": ("skipped", "not applicable in the maturing stage"),
        "r.unknown": ("skipped", "not recorded: `a` in cop.yaml, `b` in cop.yaml"),
        "r.ack": ("skipped", "acknowledged: members chose"),
        "r.pass": ("passed", None),
    }


def test_errors_of_profiles_and_of_the_run() -> None:
    broken = section("bad", errors=[Problem(Location("bad/cop.yaml", 3, 1), "stage: not a stage")])
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    root = ET.fromstring(junit.render(report(broken, errors=[pack])))
    suites = [(s.get("name"), s.get("tests"), s.get("errors")) for s in root.iter("testsuite")]
    assert suites == [("bad/cop.yaml", "1", "1"), ("configuration", "1", "1")]
    errors = [(e.get("message"), e.text) for e in root.iter("error")]
    assert errors == [
        ("stage: not a stage", "bad/cop.yaml:3:1: stage: not a stage"),
        ("rule packs could not be loaded", "rules/x.yaml:4:5: rules[0].titel: unknown key"),
    ]
    assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("2", "2", "0")


def test_a_tiny_run(tmp_path: Path) -> None:
    root = ET.fromstring(junit.render(tiny_run(tmp_path, fail_on="low")))
    failing = sorted(
        (c.get("classname"), c.get("name")) for c in root.iter("testcase") if c.find("failure") is not None
    )
    assert failing == [("a", "meetings.too-short"), ("a", "roles.unfilled"), ("b", "roles.unfilled")]
    assert root.get("failures") == "3"


JUNIT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<testsuites name="copadvisor" tests="8" failures="1" errors="2" skipped="3">\n'
    '  <testsuite name="small/cop.yaml" tests="5" failures="1" errors="0" skipped="2">\n'
    '    <testcase classname="small" name="r.done" />\n'
    '    <testcase classname="small" name="r.hidden">\n'
    '      <skipped message="acknowledged: members’ choice" />\n'
    "    </testcase>\n"
    '    <testcase classname="small" name="r.high">\n'
    '      <failure message="A high finding whose message is long enough to wrap at a narrow width." type="high">p/cop.yaml:2:3: A high finding whose message is long enough to wrap at a narrow width.\n'
    "Next step: Next step of r.high.</failure>\n"
    "    </testcase>\n"
    '    <testcase classname="small" name="r.low">\n'
    "      <system-out>p/cop.yaml:5:3: low: Message of r.low.</system-out>\n"
    "    </testcase>\n"
    '    <testcase classname="small" name="r.unknown">\n'
    '      <skipped message="not recorded: `a_fact` in cop.yaml, `b_fact` in cop.yaml" />\n'
    "    </testcase>\n"
    "  </testsuite>\n"
    '  <testsuite name="bad/cop.yaml" tests="1" failures="0" errors="1" skipped="0">\n'
    '    <testcase classname="bad" name="profile is valid">\n'
    '      <error message="stage: ‘coalesing’ is not a stage">bad\\cop.yaml:3:1: stage: ‘coalesing’ is not a stage\n'
    "bad\\events.yaml:2:9: date: not a date</error>\n"
    "    </testcase>\n"
    "  </testsuite>\n"
    '  <testsuite name="profiles" tests="1" failures="0" errors="0" skipped="1">\n'
    '    <testcase classname="profiles" name="portfolio.many-new-cops">\n'
    '      <skipped message="not applicable in the portfolio stage" />\n'
    "    </testcase>\n"
    "  </testsuite>\n"
    '  <testsuite name="configuration" tests="1" failures="0" errors="1" skipped="0">\n'
    '    <testcase classname="copadvisor" name="rule packs">\n'
    '      <error message="rule packs could not be loaded">rules/x.yaml:4:5: rules[0].titel: unknown key</error>\n'
    "    </testcase>\n"
    "  </testsuite>\n"
    "</testsuites>\n"
)


def test_the_whole_document_exactly() -> None:
    assert junit.render(with_errors()) == JUNIT

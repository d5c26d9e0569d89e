"""One fixture portfolio through every output format: four CoPs launched or set up within six months (so
``portfolio.many-new-cops`` fires) and their own findings. Every format of `check`, `lint` and `checklist` must
show the same findings, each at the same place, the same counts, the portfolio's finding, and an outcome that
agrees with the exit code (STYLE point 7: one stream of results, one verdict)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from cop_testing import prepared, write_profile

from copadvisor.cli.main import run as cli
from copadvisor.pipeline import Options
from copadvisor.render import FORMATS, RenderOptions, checklist
from copadvisor.report import Report
from copadvisor.runner import run

AS_OF = dt.date(2026, 3, 1)
WIDE = RenderOptions(width=1000)  # text read line by line here: tables as tables, whatever the paths
FAIL_ON = "medium"
Found = Counter[tuple[str, str, int]]  # (rule, path, line) → how many findings there


def sessions(launch: str, *meetings: str, minutes: int = 120) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"date": launch, "type": "launch", "minutes": minutes, "attendance": 12}]
    events += [{"date": day, "type": "meeting", "minutes": minutes, "attendance": 10} for day in meetings]
    return events


def write_portfolio(root: Path) -> Path:
    write_profile(
        root,
        {"practicalities": {"meeting_minutes": 60, "cadence_weeks": 4}},
        sessions("2025-09-10", "2025-10-10", minutes=60),
        slug="alpha",
    )
    write_profile(
        root, {"domain": {"statement": "Outreach"}, "convener": {"id": "AK"}}, sessions("2025-10-01"), slug="beta"
    )
    risk = {"rule": "roles.unfilled", "reason": "members choose roles at the next session"}
    write_profile(
        root, {"stage": "maturing", "acknowledged_risks": [risk]}, sessions("2025-11-15", "2025-12-15"), slug="gamma"
    )
    write_profile(
        root, {"domain": {"statement": "Perinatal"}}, [{"date": "2026-01-20", "type": "planning_meeting"}], slug="delta"
    )
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_portfolio(tmp_path_factory.mktemp("every-format") / "profiles")


@pytest.fixture(scope="module")
def report(folder: Path) -> Report:
    return run([str(folder)], Options(as_of=AS_OF, fail_on=FAIL_ON), prepared())


def expected(report: Report) -> Found:
    return Counter((f.rule, f.location.path, f.location.line) for _, f in report.findings())


# --- one reader per format: (rule, path, line) of each finding shown ----------------------------------------


def from_json(out: str) -> Found:
    data = json.loads(out)
    findings = [f for p in data["profiles"] for f in p["findings"]] + data["portfolio"]["findings"]
    return Counter((f["rule"], f["location"]["path"], f["location"]["line"]) for f in findings)


def from_sarif(out: str) -> Found:
    results = json.loads(out)["runs"][0]["results"]
    return Counter(
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
        if not r.get("suppressions") and r["ruleId"] != "copadvisor/invalid-input"
    )


def from_junit(out: str) -> Found:
    found: Found = Counter()
    for case in ET.fromstring(out).iter("testcase"):
        for child in (case.find("failure"), case.find("system-out")):
            for path, line in re.findall(r"^(\S+):(\d+):\d+: ", child.text or "" if child is not None else "", re.M):
                found[(case.get("name") or "", path, int(line))] += 1
    return found


def from_github(out: str) -> Found:
    pattern = r"^::(?:error|warning|notice) file=([^,]+),line=(\d+),col=\d+,title=([^:]+)::"
    return Counter((rule, path, int(line)) for path, line, rule in re.findall(pattern, out, re.M))


def from_lint_text(out: str) -> Found:
    pattern = r"^(\S+):(\d+):\d+: (?:high|medium|low|info) (\S+) "
    return Counter((rule, path, int(line)) for path, line, rule in re.findall(pattern, out, re.M))


def people(report: Report) -> Found:
    """What formats for people show (SPEC §4, one finding, many places): each rule once per section, at the
    place of its first finding, with how many times it was found ("N times"), or once with the rule's
    `message_many` (which words the count itself)."""
    worded = {rule.id for rule in report.rules if rule.message_many is not None}
    found: Found = Counter()
    for section in report.sections:
        for rule, group in _by_rule(section.findings).items():
            found[(rule, group[0].location.path, group[0].location.line)] = 1 if rule in worded else len(group)
    return found


def _by_rule(findings: Any) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for finding in findings:
        grouped.setdefault(finding.rule, []).append(finding)
    return grouped


def from_text(out: str) -> Found:
    found: Found = Counter()
    needs_data = False
    # rule, then where (the first place; more lines, files after ';'), then "N times (what each is about);"
    row = (
        r"^  ([a-z][a-z0-9_-]*\.[a-z0-9_.-]+)\s+(\S+):(\d+)\S*(?: (?:and )?\S+)*?\s{2,}(?:(\d+) times(?: \([^)]*\))?;)?"
    )
    for line in out.splitlines():
        if line and not line.startswith(" "):
            needs_data = False  # a new section
        elif line == "  Needs data":
            needs_data = True
        elif not needs_data and (m := re.match(row, line)):
            found[(m.group(1), m.group(2), int(m.group(3)))] = int(m.group(4) or 1)
    return found


def from_markdown(out: str) -> Found:
    pattern = r"^\| (?:high|medium|low|info) \| `([^`]+)` \| `([^`:]+):(\d+)[^`]*` \| (?:(\d+) times(?: \([^)]*\))?;)?"
    return Counter({(rule, path, int(line)): int(n or 1) for rule, path, line, n in re.findall(pattern, out, re.M)})


READERS = {
    "json": from_json,
    "sarif": from_sarif,
    "junit": from_junit,
    "github": from_github,
    "text": from_text,
    "markdown": from_markdown,
}
CASES = [(command, name) for command in ("check", "lint") for name in FORMATS[command]]


def reader(command: str, name: str) -> Any:
    return from_lint_text if (command, name) == ("lint", "text") else READERS[name]


def test_the_fixture_is_a_portfolio_with_findings_of_every_severity(report: Report) -> None:
    assert [s.slug for s in report.profiles] == ["alpha", "beta", "delta", "gamma"]
    assert report.portfolio is not None
    assert [f.rule for f in report.portfolio.findings] == ["portfolio.many-new-cops"]
    assert report.portfolio.findings[0].message.startswith("4 CoPs were set up or launched between 2025-09-10")
    assert all(n > 0 for _, n in report.verdict.counts)
    assert report.verdict.suppressed > 0
    assert report.verdict.exit_code == 1


def test_every_command_offers_the_formats_read_here() -> None:
    assert sorted(CASES) == sorted((c, n) for c in ("check", "lint") for n in READERS)


@pytest.mark.parametrize(("command", "name"), CASES)
def test_every_format_shows_the_same_findings_at_the_same_places(command: str, name: str, report: Report) -> None:
    shown = reader(command, name)(FORMATS[command][name](report, WIDE))
    for_people = name == "markdown" or (command, name) == ("check", "text")
    assert shown == (people(report) if for_people else expected(report))
    assert ("portfolio.many-new-cops", report.portfolio.path, 1) in shown  # type: ignore[union-attr]


def severities_shown(command: str, name: str, out: str) -> dict[str, int]:
    """The counts each format shows, by severity, read from its own words."""
    if name == "json":
        return dict(json.loads(out)["summary"]["findings"])
    if name == "sarif":
        results = [r for r in json.loads(out)["runs"][0]["results"] if not r.get("suppressions")]
        return dict(Counter(r["properties"]["severity"] for r in results if "properties" in r))
    if name == "junit":
        severity = re.compile(r"^\S+:\d+:\d+: (high|medium|low|info): ", re.M)
        counted: Counter[str] = Counter()
        for case in ET.fromstring(out).iter("testcase"):
            failure = case.find("failure")
            if failure is not None:
                counted[failure.get("type") or ""] += len(re.findall(r"^\S+:\d+:\d+: ", failure.text or "", re.M))
            counted.update(severity.findall(case.findtext("system-out") or ""))
        return dict(counted)
    if name == "github":
        kinds = Counter(re.findall(r"^::(error|warning|notice) ", out, re.M))
        return {"high": kinds["error"], "medium": kinds["warning"], "low+info": kinds["notice"]}
    line = next(line for line in out.splitlines() if " profile(s): " in line)  # text, lint text, markdown
    return {s: int(n) for n, s in re.findall(r"(\d+) (high|medium|low|info)\b", line.split(";")[0])}


@pytest.mark.parametrize(("command", "name"), CASES)
def test_every_format_shows_the_same_counts(command: str, name: str, report: Report) -> None:
    counts = dict(report.verdict.counts)
    shown = severities_shown(command, name, FORMATS[command][name](report, WIDE))
    if name == "github":  # one kind for low and info
        counts = {"high": counts["high"], "medium": counts["medium"], "low+info": counts["low"] + counts["info"]}
    assert shown == counts


def test_the_markdown_table_sums_to_the_same_counts(report: Report) -> None:
    out = FORMATS["check"]["markdown"](report)
    rows = [line.strip("|").split("|") for line in out.split("\n\n")[1].splitlines()[2:]]
    totals = [sum(int(row[i]) for row in rows) for i in range(2, 6)]
    assert totals == [n for _, n in report.verdict.counts]
    assert [row[0].strip() for row in rows][-1] == "Portfolio of 4 CoP(s)"


@pytest.mark.parametrize(("command", "name"), CASES)
def test_the_outcome_shown_agrees_with_the_exit_code(command: str, name: str, report: Report) -> None:
    out = FORMATS[command][name](report, WIDE)
    code = report.verdict.exit_code
    assert code == 1
    if name == "json":
        assert json.loads(out)["summary"]["exit_code"] == code
    elif name == "sarif":
        assert json.loads(out)["runs"][0]["invocations"][0]["executionSuccessful"] is True  # 2 would be False
    elif name == "junit":
        root = ET.fromstring(out)
        assert int(root.get("failures") or 0) > 0
        assert root.get("errors") == "0"
    elif name == "github":
        assert re.search(r"^::(error|warning) ", out, re.M)  # something at or above --fail-on medium
    else:
        assert f"— fails at --fail-on {FAIL_ON}" in out


@pytest.mark.parametrize("name", sorted(FORMATS["checklist"]))
def test_the_checklist_has_a_to_do_item_per_rule_found_with_each_finding(name: str, report: Report) -> None:
    out = FORMATS["checklist"][name](report, WIDE)
    per_rule = {(s.slug, rule): n for s in report.sections for rule, n in Counter(f.rule for f in s.findings).items()}
    # Items to do because a rule that contradicts them fails (`contradicted_by`): the finding is that rule's.
    contradicted = [
        (s.slug, i.check.rule)
        for s in report.sections
        for i in checklist.items(s)
        if i.status == "to do" and i.details[:1] and i.details[0].startswith("Not done while “")
    ]
    if name == "json":
        data = json.loads(out)
        sections = [*data["profiles"], data["portfolio"]]
        slugs = [s.slug for s in report.sections]
        # one detail a rule: its message, or "N times; the first: …" (SPEC §4, one finding, many places)
        shown = {
            (slug, item["rule"]): int(m.group(1))
            if (m := re.match(r"(\d+) times(?: \([^)]*\))?;", item["details"][0]))
            else 1
            for slug, section in zip(slugs, sections, strict=True)
            for item in section["items"]
            if item["status"] == "to do" and (slug, item["rule"]) not in contradicted
        }
        assert shown == per_rule
    elif name == "markdown":
        todo = re.findall(r"^- \[ \] \*\*.+\*\* — to do \(`([^`]+)`\)", out, re.M)
        assert Counter(todo) == Counter(rule for _, rule in [*per_rule, *contradicted])
    else:
        todo = re.findall(r"^to do\s", out, re.M)
        assert len(todo) == len(per_rule) + len(contradicted)
        portfolio = out[out.index("Portfolio of 4 CoP(s) — checklist for the portfolio") :]
        assert re.search(r"^to do\s+New CoPs are started one at a time, with the support each needs", portfolio, re.M)
        return
    assert "portfolio.many-new-cops" in out


@pytest.mark.parametrize("command", ["check", "lint"])
def test_the_command_line_exits_with_the_code_it_reports(
    command: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [command, str(folder), "--as-of", AS_OF.isoformat(), "--fail-on", FAIL_ON, "--format", "json"]
    code = cli([*args, "--engine", "python"])
    data = json.loads(capsys.readouterr().out)
    assert code == data["summary"]["exit_code"] == 1
    assert from_json(json.dumps(data)) == from_json(
        FORMATS["check"]["json"](run([str(folder)], Options(as_of=AS_OF, fail_on=FAIL_ON), prepared()))
    )

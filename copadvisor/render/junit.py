"""JUnit XML: a test suite per profile, a test case per rule check; findings at or above --fail-on fail."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from copadvisor.render import safe
from copadvisor.render.style import RenderOptions
from copadvisor.report import Check, Finding, Report, Section
from copadvisor.terms import severity_rank


def render(report: Report, options: RenderOptions | None = None) -> str:
    return written(report, [suite(section, report.fail_on) for section in report.sections])


def written(report: Report, suites: list[ET.Element], apart: dict[str, int] | None = None) -> str:
    """The document of ``report`` holding ``suites``; ``apart``: the counts of suites written apart, added to
    the totals (``render/stream.py`` writes each suite as it comes, in the place of a stand-in)."""
    root = ET.Element("testsuites", name="copadvisor")
    root.extend(suites)
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="configuration", tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="copadvisor", name="rule packs")
        ET.SubElement(case, "error", message="rule packs could not be loaded").text = "\n".join(map(str, report.errors))
    _totals(root, apart)
    _neutralised(root)
    ET.indent(root)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return safe.no_commands(document)  # a line break inside a path or message never starts a workflow command


def suite(section: Section, fail_on: str) -> ET.Element:
    return _suite(section, fail_on)


def written_suite(element: ET.Element) -> tuple[str, dict[str, int]]:
    """One suite as ``written`` lays it out inside the document (one level in, line by line), and its counts."""
    counts = counted(element)
    _neutralised(element)
    ET.indent(element, level=1)
    return safe.no_commands("  " + ET.tostring(element, encoding="unicode") + "\n"), counts


def _suite(profile: Section, fail_on: str) -> ET.Element:
    suite = ET.Element("testsuite", name=profile.path)
    if profile.errors:
        case = ET.SubElement(suite, "testcase", classname=profile.slug, name="profile is valid")
        ET.SubElement(case, "error", message=profile.errors[0].message).text = "\n".join(map(str, profile.errors))
        return suite
    by_rule: dict[str, list[Finding]] = {}
    for finding in profile.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    for check in profile.checks:
        suite.append(_case(profile, check, by_rule.get(check.rule, []), fail_on))
    return suite


def _case(profile: Section, check: Check, findings: list[Finding], fail_on: str) -> ET.Element:
    case = ET.Element("testcase", classname=profile.slug, name=check.rule)
    failing = [f for f in findings if severity_rank(f.severity) >= severity_rank(fail_on)]
    if failing:
        text = "\n".join(f"{f.location}: {f.message}\nNext step: {f.next_step}" for f in failing)
        ET.SubElement(case, "failure", message=failing[0].message, type=check.severity).text = text
    elif check.outcome == "not_applicable":
        ET.SubElement(case, "skipped", message=f"not applicable in the {_stage(profile)} stage")
    elif check.outcome == "unknown":
        ET.SubElement(case, "skipped", message="not recorded: " + ", ".join(map(str, check.missing)))
    elif check.outcome == "not_due":
        ET.SubElement(case, "skipped", message=f"not due yet: {check.reason}")
    elif check.outcome == "suppressed":
        ET.SubElement(case, "skipped", message=f"acknowledged: {check.reason}")
    elif findings:
        ET.SubElement(case, "system-out").text = "\n".join(f"{f.location}: {f.severity}: {f.message}" for f in findings)
    return case


def _neutralised(root: ET.Element) -> None:
    """Every text from input made valid XML 1.0 (``\\v`` in a key, ESC in a name, a path that is not UTF-8)."""
    for element in root.iter():
        if element.text:
            element.text = safe.xml(element.text)
        for key, value in element.attrib.items():
            element.set(key, safe.xml(value))


def _stage(profile: Section) -> str:
    return profile.stage.used if profile.stage else profile.kind


def _totals(root: ET.Element, apart: dict[str, int] | None = None) -> None:
    totals = dict(apart) if apart else dict.fromkeys(COUNTS, 0)
    for suite in root:
        for key, value in counted(suite).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))


COUNTS = ("tests", "failures", "errors", "skipped")


def counted(suite: ET.Element) -> dict[str, int]:
    """A suite's cases counted, each count set on the suite."""
    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    return counts

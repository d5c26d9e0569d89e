"""JUnit XML: a test suite per profile, a test case per rule check; findings at or above --fail-on fail."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from copadvisor.render import safe
from copadvisor.render.style import RenderOptions
from copadvisor.report import Check, Finding, Report, Section
from copadvisor.terms import severity_rank


def render(report: Report, options: RenderOptions | None = None) -> str:
    root = ET.Element("testsuites", name="copadvisor")
    for section in report.sections:
        root.append(_suite(section, report.fail_on))
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="configuration", tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="copadvisor", name="rule packs")
        ET.SubElement(case, "error", message="rule packs could not be loaded").text = "\n".join(map(str, report.errors))
    _totals(root)
    _neutralised(root)
    ET.indent(root)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return safe.no_commands(document)  # a line break inside a path or message never starts a workflow command


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


def _totals(root: ET.Element) -> None:
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root:
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))

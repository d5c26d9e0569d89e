"""SARIF 2.1.0 for code-scanning tools: rules with descriptions and help, located results, fingerprints and
the acknowledged risks as suppressions. Nothing but SARIF is written."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from copadvisor.errors import Location, Problem
from copadvisor.render import safe
from copadvisor.render.style import RenderOptions
from copadvisor.report import Finding, Report
from copadvisor.rulepack.model import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/copadvisor/copadvisor/blob/main/docs/rules.md"
LEVELS = {"high": "error", "medium": "warning", "low": "note", "info": "note"}


def render(report: Report, options: RenderOptions | None = None) -> str:
    index = rule_index(report)
    results = [result(f, index, None) for _, f in report.findings()]
    results += [result(f, index, why) for s in report.sections for f, why in s.suppressed]
    problems = list(report.problems())
    # Inputs that could not be read are results too, so that code scanning shows them where they are.
    results += [input_error(problem, len(report.rules)) for problem in problems]
    return dumped(document(report, problems, results))


def rule_index(report: Report) -> dict[str, int]:
    return {rule.id: i for i, rule in enumerate(report.rules)}


def document(report: Report, problems: list[Problem], results: list[Any]) -> dict[str, Any]:
    """The SARIF log of one run, given its results (``render/stream.py`` splices them in as they come)."""
    run = {
        "tool": {"driver": _driver(report)},
        "invocations": [
            {"executionSuccessful": not problems, "toolExecutionNotifications": [_note(p) for p in problems]}
        ],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"asOf": report.as_of},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def dumped(document: Any, indent: int = 0) -> str:
    """``document`` as written (``indent``: at that depth of nesting, for a piece of a larger document)."""
    text = safe.json_text(json.dumps(document, indent=2, ensure_ascii=False))
    return text.replace("\n", "\n" + "  " * indent) if indent else text + "\n"


def _driver(report: Report) -> dict[str, Any]:
    return {
        "name": "copadvisor",
        "version": report.version,
        "semanticVersion": report.version,
        "informationUri": DOCS.rsplit("/docs/", 1)[0],
        "rules": [*(_rule(rule) for rule in report.rules), INPUT_RULE],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    anchor = rule.id.replace(".", "")
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace(".", "-").split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nNext step: {rule.next_step}\n\nSource: {rule.source}",
            "markdown": (
                f"**Why it matters.** {rule.rationale}\n\n**Next step.** {rule.next_step}\n\n*Source: {rule.source}*"
            ),
        },
        "helpUri": f"{DOCS}#{anchor}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"severity": rule.severity, "tags": ["community-of-practice", *rule.topics]},
    }


def result(finding: Finding, index: dict[str, int], suppressed: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message} Next step: {finding.next_step}"},
        "locations": [_location(finding.location)],
        "partialFingerprints": {"copadvisor/v1": finding.fingerprint},
        "properties": {"severity": finding.severity, "stage": finding.stage},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": suppressed}]
    return result


def _location(location: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(location.path)},
            "region": {"startLine": location.line, "startColumn": location.column},
        }
    }


def artifact_uri(path: str) -> str:
    """A relative URI reference for a path (SARIF §3.10): separators as ``/``, every other character that a URI
    does not allow percent-encoded (``#``, ``?``, spaces, ``%``, the bytes of a name that is not UTF-8)."""
    posix = path.replace("\\", "/")
    try:
        data = posix.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = posix.encode("utf-8", "surrogatepass")
    return quote(data, safe="/-._~!$&'()*+,;=@")


INPUT_RULE: dict[str, Any] = {
    "id": "copadvisor/invalid-input",
    "name": "InvalidInput",
    "shortDescription": {"text": "An input could not be read or validated"},
    "fullDescription": {"text": "A profile, event log, rule pack or config has a mistake, so it was not evaluated."},
    "help": {
        "text": "Correct the file at the place given; `copadvisor schema` describes the profile format.",
        "markdown": "Correct the file at the place given; `copadvisor schema` describes the profile format.",
    },
    "defaultConfiguration": {"level": "error"},
}


def input_error(problem: Problem, index: int) -> dict[str, Any]:
    identity = f"{problem.location.path}|{problem.message}"
    return {
        "ruleId": INPUT_RULE["id"],
        "ruleIndex": index,
        "level": "error",
        "message": {"text": problem.message},
        "locations": [_location(problem.location)],
        "partialFingerprints": {
            "copadvisor/v1": hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        },
    }


def _note(problem: Problem) -> dict[str, Any]:
    return {"level": "error", "message": {"text": problem.message}, "locations": [_location(problem.location)]}

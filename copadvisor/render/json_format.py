"""The JSON report of SPEC §5: stable keys, sorted findings, 1-based locations."""

from __future__ import annotations

import json
from typing import Any

from copadvisor.errors import Location, Problem
from copadvisor.render import safe
from copadvisor.render.style import RenderOptions
from copadvisor.report import Check, Finding, Report, Section, status


def render(report: Report, options: RenderOptions | None = None) -> str:
    return safe.json_text(json.dumps(as_dict(report), indent=2, ensure_ascii=False)) + "\n"


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "copadvisor": report.version,
        "as_of": report.as_of,
        "engine": report.engine,
        "profiles": [_profile(p) for p in report.profiles],
        "portfolio": _portfolio(report.portfolio) if report.portfolio else None,
        "errors": [_problem(p) for p in report.errors],
        "summary": summary(report),
    }


def summary(report: Report) -> dict[str, Any]:
    v = report.verdict
    return {
        "profiles": v.profiles,
        "evaluated": v.evaluated,
        "with_errors": v.with_errors + (1 if v.other_errors else 0),
        "findings": dict(v.counts),
        "suppressed": v.suppressed,
        "unknown": v.unknown,
        "fail_on": v.fail_on,
        "exit_code": v.exit_code,
        **({"paths_without_profile": v.not_found} if v.not_found else {}),  # only when a path held none
    }


def _profile(profile: Section) -> dict[str, Any]:
    stage = profile.stage
    return {
        "path": profile.path,
        "slug": profile.slug,
        "name": profile.name,
        "stage": {
            "declared": stage.declared if stage else None,
            "inferred": stage.inferred if stage else None,
            "used": stage.used if stage else None,
            "evidence": stage.evidence if stage else None,
        },
        "status": status(profile),
        "findings": [_finding(f) for f in profile.findings],
        "checks": [_check(c) for c in profile.checks],
        "errors": [_problem(p) for p in profile.errors],
        # Events dated after the as-of date were not considered; the key is there only when there are some.
        **({"events_after_as_of": profile.later_events} if profile.later_events else {}),
    }


def _portfolio(portfolio: Section) -> dict[str, Any]:
    return {
        "location": _location(Location(portfolio.path)),
        "cops": portfolio.cops,
        "findings": [_finding(f) for f in portfolio.findings],
        "checks": [_check(c) for c in portfolio.checks],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "stage": finding.stage,
        "title": finding.title,
        "message": finding.message,
        "next_step": finding.next_step,
        "location": _location(finding.location),
        "fingerprint": finding.fingerprint,
    }


def _check(check: Check) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": check.rule, "outcome": check.outcome, "severity": check.severity}
    if check.outcome == "fail":
        out["findings"] = check.findings
    if check.missing:
        out["missing"] = [record.key for record in check.missing]
    if check.reason is not None:
        out["reason"] = check.reason
        out["findings"] = check.findings
    return out


def _problem(problem: Problem) -> dict[str, Any]:
    return {"message": problem.message, "location": _location(problem.location)}


def _location(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "column": location.column}

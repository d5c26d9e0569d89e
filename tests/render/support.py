"""Reports built by hand for the renderers' tests: the records are plain frozen dataclasses, and the verdict is
computed by ``copadvisor.report.verdict`` as a run computes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from cop_testing import SHORT, prepared, write_profile

from copadvisor.decide import Policy
from copadvisor.errors import Location, Problem
from copadvisor.facts.records import field
from copadvisor.pipeline import Options
from copadvisor.report import Check, Finding, Report, Section, StageInfo, Unknown, sort_findings, verdict
from copadvisor.runner import run

AS_OF = "2026-01-01"


def finding(
    rule: str, severity: str = "medium", line: int = 1, path: str = "p/cop.yaml", message: str | None = None
) -> Finding:
    return Finding(
        rule=rule,
        title=f"Title of {rule}",
        severity=severity,
        stage="coalescing",
        message=message or f"Message of {rule}.",
        next_step=f"Next step of {rule}.",
        location=Location(path, line, 3),
        fingerprint=f"fp-{rule}-{line}",
    )


def check(
    rule: str,
    outcome: str = "pass",
    severity: str = "medium",
    findings: int = 0,
    missing: tuple[str, ...] = (),
    reason: str | None = None,
) -> Check:
    records = tuple(field(m) for m in missing)
    return Check(
        rule, f"Title of {rule}", severity, outcome, f"Next step of {rule}.", f"Done: {rule}", findings, records, reason
    )


def unknown(rule: str, *missing: str, line: int = 1) -> Unknown:
    return Unknown(rule, f"Title of {rule}", tuple(field(m) for m in missing), Location("p/cop.yaml", line))


def section(
    slug: str,
    findings: Sequence[Finding] = (),
    checks: Sequence[Check] | None = None,
    unknowns: Sequence[Unknown] = (),
    suppressed: Sequence[tuple[Finding, str]] = (),
    errors: Sequence[Problem] = (),
    stage: str | None = "coalescing",
    kind: str = "profile",
) -> Section:
    """A profile's section; its checks default to one failing check per rule found, at that rule's severity."""
    found = sort_findings(findings)
    if checks is None:
        by_rule = {f.rule: f for f in found}
        checks = [
            check(rule, "fail", f.severity, sum(1 for g in found if g.rule == rule))
            for rule, f in sorted(by_rule.items())
        ]
    info = StageInfo(None, stage, stage, "launched on 2025-10-01, 1 meeting(s) since") if stage else None
    return Section(
        path=f"{slug}/cop.yaml" if kind == "profile" else slug,
        slug=slug,
        name=f"CoP {slug}" if kind == "profile" else "Portfolio of 2 CoP(s)",
        stage=None if kind == "portfolio" or errors else info,
        findings=found,
        suppressed=tuple(suppressed),
        unknowns=tuple(unknowns),
        checks=tuple(checks),
        errors=tuple(errors),
        kind=kind,  # type: ignore[arg-type]
        cops=2 if kind == "portfolio" else 0,
    )


def report(*sections: Section, fail_on: str = "high", errors: Sequence[Problem] = ()) -> Report:
    return Report(
        version="0.1.0",
        as_of=AS_OF,
        engine="python",
        sections=sections,
        verdict=verdict(sections, errors, fail_on),
        errors=tuple(errors),
    )


def mixed(fail_on: str = "high") -> Report:
    """Two profiles and the portfolio: 1 high, 2 medium, 3 low and 1 info finding in all, one unknown check."""
    one = section(
        "one",
        [
            finding("meetings.too-short", "medium", 4),
            finding("roles.unfilled", "low", 9),
            finding("convener.missing", "high", 2),
            finding("roles.unfilled", "low", 12),
            finding("ending.natural-candidate", "info", 1),
        ],
        unknowns=[unknown("ebe.unfunded", "ebe_recompense", line=7)],
    )
    extra = check("ebe.unfunded", "unknown", "high", missing=("ebe_recompense",))
    one = replace(one, checks=tuple(sorted((*one.checks, extra), key=lambda c: c.rule)))
    two = section("two", [finding("domain.no-statement", "low", 3, path="two/cop.yaml")])
    portfolio = section(
        "profiles", [finding("portfolio.many-new-cops", "medium", 1, path="profiles")], kind="portfolio"
    )
    return report(one, two, portfolio, fail_on=fail_on)


TINY_RULES = (
    "domain.statement-missing",
    "meetings.too-short",
    "roles.unfilled",
    "stage.mismatch",
    "suppression.",
    "portfolio.",
)


def tiny_run(root: Path, fail_on: str = "medium") -> Report:
    """Two tiny profiles through ``runner.run``: ``a`` has 1 medium, 6 low and 2 info findings and one finding
    suppressed; ``b`` has 7 low findings; the portfolio none."""
    write_profile(
        root,
        {
            **SHORT,
            "stage": "maturing",
            "roles": {"chair": ["Q"]},
            "acknowledged_risks": [
                {"rule": "domain.statement-missing", "reason": "the board agrees it in March"},
                {"rule": "no.such-rule", "reason": "an old one"},
            ],
        },
        slug="a",
    )
    write_profile(root, {"domain": {"statement": "Outreach"}, "practicalities": {"meeting_minutes": 120}}, slug="b")
    options = Options(as_of=dt.date(2026, 1, 1), policy=Policy(select=TINY_RULES), fail_on=fail_on)
    return run([str(root)], options, prepared(select=TINY_RULES))


def small() -> Report:
    """One profile with a check of every outcome: 1 high and 1 low finding (the high one's message long enough
    to wrap), one unknown, one finding suppressed and one check passed; --fail-on medium."""
    checks = [
        check("r.done", "pass", "low"),
        check("r.hidden", "suppressed", "medium", 1, reason="members’ choice"),
        check("r.high", "fail", "high", 1),
        check("r.low", "fail", "low", 1),
        check("r.unknown", "unknown", "info", missing=("a_fact", "b_fact")),
    ]
    long = "A high finding whose message is long enough to wrap at a narrow width."
    one = section(
        "small",
        [finding("r.high", "high", 2, message=long), finding("r.low", "low", 5)],
        checks=checks,
        unknowns=[unknown("r.unknown", "a_fact", "b_fact", line=7)],
        suppressed=[(finding("r.hidden", "medium", 9), "members’ choice")],
    )
    return report(one, fail_on="medium")


def with_errors() -> Report:
    """``small()``'s profile, a profile that could not be read (at a Windows path), a portfolio whose one check
    does not apply, and a rule pack that could not be loaded."""
    problems = [
        Problem(Location("bad\\cop.yaml", 3, 1), "stage: ‘coalesing’ is not a stage"),
        Problem(Location("bad\\events.yaml", 2, 9), "date: not a date"),
    ]
    broken = section("bad", errors=problems)
    portfolio = section("profiles", checks=[check("portfolio.many-new-cops", "not_applicable")], kind="portfolio")
    pack = Problem(Location("rules/x.yaml", 4, 5), "rules[0].titel: unknown key")
    return report(*small().sections, broken, portfolio, fail_on="medium", errors=[pack])

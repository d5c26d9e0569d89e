"""The records the pipeline hands to the renderers: findings, checks, one report per profile, one run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from copadvisor.errors import Location, Problem
from copadvisor.rulepack.model import SEVERITIES, Rule

OUTCOMES = ("fail", "unknown", "suppressed", "pass", "not_applicable")


def severity_rank(severity: str) -> int:
    """``info`` < ``low`` < ``medium`` < ``high``; ``none`` (a --fail-on value) ranks above them all."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    title: str
    severity: str
    stage: str
    message: str
    next_step: str
    location: Location
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Unknown:
    """A rule that could not be decided, the facts that would settle it, and where to record them."""

    rule: str
    title: str
    missing: tuple[str, ...]
    descriptions: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    title: str
    severity: str
    outcome: str  # one of OUTCOMES
    next_step: str
    item: str = ""  # the rule worded as done, for checklists
    findings: int = 0
    missing: tuple[str, ...] = ()
    reason: str | None = None  # why it is suppressed


@dataclass(frozen=True, slots=True)
class StageInfo:
    declared: str | None
    inferred: str
    used: str  # the stage rules were applied for (--stage may override the inferred one)
    evidence: str


@dataclass(frozen=True, slots=True)
class ProfileReport:
    path: str
    slug: str
    name: str | None
    stage: StageInfo | None  # None when the profile could not be evaluated
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[tuple[Finding, str], ...] = ()  # each with the reason given
    unknowns: tuple[Unknown, ...] = ()
    checks: tuple[Check, ...] = ()
    errors: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class PortfolioReport:
    """Rules about the CoPs evaluated together (SPEC §4's `portfolio` stage)."""

    location: Location
    cops: int
    findings: tuple[Finding, ...] = ()
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    version: str
    as_of: str
    engine: str
    profiles: tuple[ProfileReport, ...]
    errors: tuple[Problem, ...] = ()  # problems outside any one profile (config, rule packs)
    fail_on: str = "high"
    rules: tuple[Rule, ...] = ()  # the rules that ran, for formats that describe them (SARIF)
    portfolio: PortfolioReport | None = None

    def all_findings(self) -> list[Finding]:
        found = [f for profile in self.profiles for f in profile.findings]
        return found + list(self.portfolio.findings if self.portfolio else ())

    def counts(self) -> dict[str, int]:
        counted = Counter(f.severity for f in self.all_findings())
        return {severity: counted.get(severity, 0) for severity in reversed(SEVERITIES)}

    def exit_code(self) -> int:
        """2 when an input could not be evaluated, else 1 when a finding reaches --fail-on, else 0."""
        if self.errors or any(p.errors for p in self.profiles):
            return 2
        threshold = severity_rank(self.fail_on)
        return 1 if any(severity_rank(f.severity) >= threshold for f in self.all_findings()) else 0


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Most severe first, then by place in the files, then by rule: the same order on every run."""
    return tuple(sorted(findings, key=lambda f: (-severity_rank(f.severity), f.location, f.rule, f.message)))

"""Step 4 of the pipeline, the one decision step: engine matches → outcomes, findings and checks.

Here and nowhere else: select/ignore, severity overrides, stage applicability, unknowns, acknowledged risks
(suppressed, expired, unused). Rules on ``acknowledged_risk`` facts run after the others, once the number of
findings each risk suppresses is known.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from copadvisor.engine import Match
from copadvisor.facts import VOCABULARY, Fact, Facts, Value
from copadvisor.model import Profile
from copadvisor.report import Check, Finding, Unknown, sort_findings
from copadvisor.rulepack import PLACEHOLDER, ClauseInfo, Compiled
from copadvisor.rulepack.model import Rule
from copadvisor.thresholds import Thresholds

LATE_KIND = "acknowledged_risk"


@dataclass(frozen=True)
class Policy:
    """What the user chose: rules selected or ignored (ids or prefixes such as ``meetings.``), severities."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, str] = field(default_factory=dict)

    def selects(self, rule_id: str) -> bool:
        chosen = not self.select or any(_matches(rule_id, s) for s in self.select)
        return chosen and not any(_matches(rule_id, i) for i in self.ignore)

    def severity(self, rule: Rule) -> str:
        return self.severities.get(rule.id, rule.severity)


def unmatched(patterns: Iterable[str], rule_ids: Iterable[str]) -> list[tuple[str, str]]:
    """Each pattern that selects no rule, with a suggestion ("" when none is close): a typo in --select or
    --ignore would otherwise turn checks on or off without a word."""
    ids = sorted(set(rule_ids))
    areas = sorted({rule_id.split(".")[0] + "." for rule_id in ids})
    out = []
    for pattern in patterns:
        if not any(_matches(rule_id, pattern) for rule_id in ids):
            close = difflib.get_close_matches(pattern, [*ids, *areas], n=1, cutoff=0.6)
            out.append((pattern, f"; did you mean '{close[0]}'?" if close else ""))
    return out


def _matches(rule_id: str, pattern: str) -> bool:
    return (
        rule_id == pattern
        or (pattern.endswith(".") and rule_id.startswith(pattern))
        or (rule_id.startswith(pattern + "."))
    )


def is_late(rule: Rule) -> bool:
    return any(clause.on == LATE_KIND for clause in rule.clauses)


def is_portfolio(rule: Rule) -> bool:
    return rule.stages == "portfolio"


@dataclass(frozen=True)
class Judged:
    """One rule's raw result for one profile, before acknowledged risks are applied."""

    rule: Rule
    severity: str
    applicable: bool
    findings: tuple[Finding, ...]
    unknowns: tuple[Unknown, ...]


def judge(
    rules: Sequence[Rule], compiled: Compiled, facts: Facts, matches: Iterable[Match], slug: str, thresholds: Thresholds
) -> list[Judged]:
    """Findings and unknowns of each rule from the engine's matches (facts by id, clauses by name)."""
    by_id = {fact.id: fact for fact in facts.items}
    hits: dict[str, list[tuple[ClauseInfo, Fact]]] = defaultdict(list)
    for name, fact_id in matches:
        info = compiled.clauses.get(name)
        if info is not None and fact_id in by_id:
            hits[info.rule].append((info, by_id[fact_id]))
    return [_judge_rule(rule, hits.get(rule.id, []), facts.stage, slug, thresholds) for rule in rules]


def _judge_rule(
    rule: Rule, hits: Sequence[tuple[ClauseInfo, Fact]], stage: str, slug: str, thresholds: Thresholds
) -> Judged:
    applicable = stage in rule.stage_ids
    findings = [_finding(rule, info, fact, stage, slug, thresholds) for info, fact in hits if not info.unknown]
    unknowns = [_unknown(rule, info, fact) for info, fact in hits if info.unknown]
    return Judged(rule, rule.severity, applicable, sort_findings(findings), tuple(dict.fromkeys(unknowns)))


def _finding(rule: Rule, info: ClauseInfo, fact: Fact, stage: str, slug: str, thresholds: Thresholds) -> Finding:
    at = info.at or next((name for name in info.facts if name in fact.locations), None)
    location = fact.location_of(at) if at else fact.location
    identity = f"{slug}|{rule.id}|{info.index}|{fact.key}"
    return Finding(
        rule=rule.id,
        title=rule.title,
        severity=rule.severity,
        stage=stage,
        message=render_message(info.message, fact.values, stage, thresholds),
        next_step=rule.next_step,
        location=location,
        fingerprint=hashlib.sha256(identity.encode()).hexdigest()[:16],
    )


def _unknown(rule: Rule, info: ClauseInfo, fact: Fact) -> Unknown:
    missing = tuple(name for name in info.facts if fact.values.get(name) is None)
    fields = VOCABULARY[fact.kind]
    location = fact.location_of(missing[0]) if missing else fact.location
    return Unknown(rule.id, rule.title, missing, tuple(fields[m].description for m in missing), location)


def render_message(template: str, values: Mapping[str, Value], stage: str, thresholds: Thresholds) -> str:
    """Fill ``{fact}``, ``{stage}`` and ``{threshold.NAME}`` placeholders with plain words."""

    def fill(match: object) -> str:
        name: str = match.group(1)  # type: ignore[attr-defined]
        if name == "stage":
            return stage
        if name.startswith("threshold."):
            return _plain(getattr(thresholds, name.removeprefix("threshold.")))
        return _plain(values.get(name))

    return PLACEHOLDER.sub(fill, template)


def _plain(value: Value) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- acknowledged risks and the checks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Decided:
    findings: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, str], ...]
    unknowns: tuple[Unknown, ...]
    checks: tuple[Check, ...]
    suppressed_by_risk: tuple[int, ...]  # per acknowledged risk, in profile order


def decide(judged: Sequence[Judged], profile: Profile, as_of: dt.date, policy: Policy) -> Decided:
    """Apply applicability, severities and acknowledged risks; one check per selected rule."""
    risks = list(profile.acknowledged_risks or ())
    live = [r.until is None or as_of <= r.until for r in risks]
    active = {r.rule: r.reason for r, alive in zip(risks, live, strict=True) if alive}
    counts = [0] * len(risks)
    findings: list[Finding] = []
    suppressed: list[tuple[Finding, str]] = []
    unknowns: list[Unknown] = []
    checks: list[Check] = []
    for result in judged:
        severity = policy.severity(result.rule)
        outcome, reason = _outcome(result, active)
        own = [_with_severity(f, severity) for f in result.findings] if result.applicable else []
        if outcome == "suppressed":
            suppressed.extend((f, reason or "") for f in own)
            for i, risk in enumerate(risks):
                counts[i] += len(own) if live[i] and risk.rule == result.rule.id else 0
        elif outcome == "fail":
            findings.extend(own)
        elif outcome == "unknown":
            unknowns.extend(result.unknowns)
        checks.append(_check(result, severity, outcome, len(own), reason))
    return Decided(sort_findings(findings), tuple(suppressed), tuple(unknowns), tuple(checks), tuple(counts))


def _outcome(result: Judged, active: Mapping[str, str]) -> tuple[str, str | None]:
    if not result.applicable:
        return "not_applicable", None
    if result.findings:
        reason = active.get(result.rule.id)
        return ("suppressed", reason) if reason is not None else ("fail", None)
    return ("unknown", None) if result.unknowns else ("pass", None)


def _with_severity(finding: Finding, severity: str) -> Finding:
    return finding if finding.severity == severity else replace(finding, severity=severity)


def _check(result: Judged, severity: str, outcome: str, count: int, reason: str | None) -> Check:
    missing = tuple(dict.fromkeys(m for u in result.unknowns for m in u.missing)) if outcome == "unknown" else ()
    return Check(
        rule=result.rule.id,
        title=result.rule.title,
        severity=severity,
        outcome=outcome,
        next_step=result.rule.next_step,
        item=result.rule.checklist or result.rule.title,
        findings=count,
        missing=missing,
        reason=reason,
    )


def risk_facts(facts: Facts, counts: Sequence[int], known_rules: Iterable[str]) -> list[Fact]:
    """The acknowledged-risk facts completed with what the first pass learned."""
    known = set(known_rules)
    risks = facts.of_kind(LATE_KIND)
    return [
        replace(fact, values={**fact.values, "suppressed_findings": n, "rule_known": fact.values["rule"] in known})
        for fact, n in zip(risks, counts, strict=True)
    ]


def merge(first: Decided, late: Decided) -> Decided:
    """The first pass with the late rules' results added (they are never suppressed themselves)."""
    return Decided(
        sort_findings([*first.findings, *late.findings]),
        first.suppressed,
        (*first.unknowns, *late.unknowns),
        tuple(sorted((*first.checks, *late.checks), key=lambda c: c.rule)),
        first.suppressed_by_risk,
    )

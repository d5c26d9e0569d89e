"""Step 4 of the pipeline, the one decision step: engine matches → findings, unknowns and one check per rule.

Here and nowhere else: stage applicability, the user's selection and severities, unknowns, acknowledged risks
(suppressed, expired, unused). The checks on acknowledged risks run after the other rules, over their results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from copadvisor.decide.judge import Judged, judge, render_message
from copadvisor.decide.policy import Policy, unmatched
from copadvisor.decide.suppressions import KEEP_IF, Risks
from copadvisor.model import AcknowledgedRisk
from copadvisor.report import Check, Finding, Unknown, sort_findings

__all__ = ["Decided", "Judged", "Policy", "decide", "judge", "render_message", "unmatched"]


@dataclass(frozen=True)
class Decided:
    findings: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, str], ...]
    unknowns: tuple[Unknown, ...]
    checks: tuple[Check, ...]  # one per rule, by rule id


def decide(
    judged: Sequence[Judged], risks: Sequence[AcknowledgedRisk] | None, as_of: dt.date, policy: Policy
) -> Decided:
    """Apply applicability, severities and acknowledged risks; then the checks over the results."""
    live = Risks.of(risks, as_of)
    counts = [0] * len(live.risks)  # findings each risk suppressed
    findings: list[Finding] = []
    suppressed: list[tuple[Finding, str]] = []
    unknowns: list[Unknown] = []
    checks: list[Check] = []
    later = [result for result in judged if result.rule.keep_if is not None]
    for result in (r for r in judged if r.rule.keep_if is None):
        own = _own(result, policy)
        reason = live.reason(result.rule) if own else None
        if reason is not None:
            suppressed.extend((f, reason) for f in own)
            for i in live.suppressing(result.rule.id):
                counts[i] += len(own)
        findings.extend(own if reason is None else ())
        outcome = _outcome(result, own, reason)
        unknowns.extend(result.unknowns if outcome == "unknown" else ())
        checks.append(_check(result, policy.severity(result.rule), outcome, len(own), reason))
    for result in later:
        keep = KEEP_IF[result.rule.keep_if or ""]
        kept = replace(
            result,
            findings=tuple(f for f, fact in zip(result.findings, result.facts, strict=True) if keep(fact, counts)),
        )
        own = _own(kept, policy)
        findings.extend(own)
        outcome = _outcome(kept, own, None)
        unknowns.extend(kept.unknowns if outcome == "unknown" else ())
        checks.append(_check(kept, policy.severity(kept.rule), outcome, len(own), None))
    return Decided(
        sort_findings(findings), tuple(suppressed), tuple(unknowns), tuple(sorted(checks, key=lambda c: c.rule))
    )


def _own(result: Judged, policy: Policy) -> list[Finding]:
    """The rule's findings at the severity the user chose; none where the rule does not apply."""
    if not result.applicable:
        return []
    severity = policy.severity(result.rule)
    return [f if f.severity == severity else replace(f, severity=severity) for f in result.findings]


def _outcome(result: Judged, own: Sequence[Finding], reason: str | None) -> str:
    if not result.applicable:
        return "not_applicable"
    if own:
        return "suppressed" if reason is not None else "fail"
    return "unknown" if result.unknowns else "pass"


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

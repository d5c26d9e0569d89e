"""Step 4 of the pipeline, the one decision step: engine matches → findings, unknowns and one check per rule.

Here and nowhere else: stage applicability, the user's selection and severities, unknowns, acknowledged risks
(suppressed, expired, unused). The checks on acknowledged risks run after the other rules, over their results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from copadvisor.decide import endings
from copadvisor.decide.judge import Judged, judge, render_message
from copadvisor.decide.policy import Policy, unmatched
from copadvisor.decide.suppressions import KEEP_IF, Risks, did_you_mean
from copadvisor.model import AcknowledgedRisk
from copadvisor.report import Check, Finding, Unknown, sort_findings
from copadvisor.terms import severity_rank

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
    counts = [0] * len(live.risks)  # findings each risk suppressed, known once the other rules are settled
    ending = endings.may_be_ending(judged)
    settled = [_settle(r, policy, ending, live, counts) for r in judged if r.rule.keep_if is None]
    ids = [r.rule.id for r in judged]
    settled += [_settle(_kept(r, counts, ids), policy, ending) for r in judged if r.rule.keep_if is not None]
    return Decided(
        sort_findings(f for s in settled for f in s.findings),
        tuple(pair for s in settled for pair in s.suppressed),
        tuple(u for s in settled for u in s.unknowns),
        tuple(sorted((s.check for s in settled), key=lambda c: c.rule)),
    )


@dataclass(frozen=True)
class _Settled:
    """One rule's part of the decision."""

    findings: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, str], ...]
    unknowns: tuple[Unknown, ...]
    check: Check


def _settle(
    result: Judged, policy: Policy, ending: bool, live: Risks | None = None, counts: list[int] | None = None
) -> _Settled:
    """The rule's findings at the chosen severity, suppressed by a live risk on it (counted in ``counts``);
    nothing but the reason when the rule is not due."""
    severity = policy.severity(result.rule)
    waiting = _not_due(result, ending)
    if waiting is not None:
        check = _check(result, severity, "not_due", 0, waiting)
        if waiting == endings.REASON:
            held, detail, found = endings.held(result)
            check = replace(check, held=held, held_detail=detail, held_findings=found)
        return _Settled((), (), (), check)
    own = _own(result, policy)
    reason = live.reason(result.rule) if own and live is not None else None
    if reason is not None and live is not None and counts is not None:
        for i in live.suppressing(result.rule.id):
            counts[i] += len(own)
    outcome = _outcome(result, own, reason)
    return _Settled(
        findings=tuple(own) if reason is None else (),
        suppressed=tuple((f, reason) for f in own) if reason is not None else (),
        unknowns=result.unknowns if outcome == "unknown" else (),
        check=_check(result, _worst(severity, own), outcome, len(own), reason),
    )


def _worst(severity: str, findings: Sequence[Finding]) -> str:
    """The check's severity: its worst finding's (an escalation raises it above the rule's), else the rule's."""
    return max((f.severity for f in findings), key=severity_rank, default=severity)


def _not_due(result: Judged, ending: bool) -> str | None:
    """Why an applicable rule has nothing to judge yet: a natural end it stands aside for (SPEC §4: every rule
    that stands aside gives that reason, whether or not its own precondition holds), or its precondition."""
    if not result.applicable:
        return None
    if ending and endings.stands_aside(result.rule.id):
        return endings.REASON
    return None if result.due else result.waiting


def _kept(result: Judged, counts: Sequence[int], ids: Sequence[str]) -> Judged:
    """A ``keep_if`` rule's matches that its test keeps, given what each acknowledged risk suppressed; a risk
    on a rule id that no rule has gets a "did you mean" in its finding's message."""
    keep = KEEP_IF[result.rule.keep_if or ""]
    pairs = [(f, fact) for f, fact in zip(result.findings, result.facts, strict=True) if keep(fact, counts)]
    findings = tuple(replace(f, message=f.message + did_you_mean(fact, ids)) for f, fact in pairs)
    return replace(result, findings=findings, facts=tuple(fact for _, fact in pairs))


def _own(result: Judged, policy: Policy) -> list[Finding]:
    """The rule's findings at the severity the user chose for the rule, if they chose one, else at the rule's
    or its escalation's; none where the rule does not apply."""
    if not result.applicable:
        return []
    severity = policy.severities.get(result.rule.id)
    if severity is None:
        return list(result.findings)
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
        # A failing check's next step is its first finding's (a clause may give its own).
        next_step=result.findings[0].next_step if count and result.findings else result.rule.next_step,
        item=result.rule.checklist or result.rule.title,
        findings=count,
        missing=missing,
        reason=reason,
        # While a part of its precondition waits on what another rule speaks for, that rule contradicts it too.
        contradicted_by=tuple(result.rule.contradicted_by)
        + (result.waiting_on if outcome == "not_due" and reason == result.waiting else ()),
    )

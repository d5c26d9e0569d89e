"""Engine matches → each rule's raw findings and unknowns, with their messages, locations and fingerprints."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from copadvisor.engine import Match
from copadvisor.facts import Fact, Facts, Value
from copadvisor.facts.base import plain
from copadvisor.facts.records import Record, record_of
from copadvisor.report import Finding, Unknown
from copadvisor.rulepack import PLACEHOLDER, ClauseInfo, Compiled
from copadvisor.rulepack.model import Rule
from copadvisor.thresholds import Thresholds


@dataclass(frozen=True)
class Judged:
    """One rule's raw result for one subject, before the user's choices and acknowledged risks apply."""

    rule: Rule
    applicable: bool
    findings: tuple[Finding, ...]  # sorted
    facts: tuple[Fact, ...]  # the fact behind each finding, in the same order
    unknowns: tuple[Unknown, ...]
    due: bool = True  # its `applies_when` holds (or it has none)
    waiting: str = ""  # when not due, the reason of the first part of `applies_when` that does not hold
    waiting_on: tuple[str, ...] = ()  # that part's `contradicted_by`: rules that speak for what it waits on


def judge(
    rules: Sequence[Rule], compiled: Compiled, facts: Facts, matches: Iterable[Match], slug: str, thresholds: Thresholds
) -> list[Judged]:
    """Findings and unknowns of each rule from the engine's matches (facts by id, clauses by name).

    ``slug`` names the subject in fingerprints: the profile's slug and path (two profiles of one slug in two
    folders never share a fingerprint), or the portfolio."""
    by_id = {fact.id: fact for fact in facts.items}
    hits: dict[str, list[tuple[ClauseInfo, Fact]]] = defaultdict(list)
    for name, fact_id in matches:
        info = compiled.clauses.get(name)
        if info is not None and fact_id in by_id:
            hits[info.rule].append((info, by_id[fact_id]))
    # The profile (or portfolio) fact, whose values a not-due reason may name.
    subjects = {fact.kind: fact for fact in facts.items if fact.kind in ("profile", "portfolio")}
    judged = [_judge_rule(rule, hits.get(rule.id, []), facts.stage, slug, thresholds) for rule in rules]
    return [_reason_filled(j, subjects.get(j.rule.precondition_kind), facts.stage, thresholds) for j in judged]


def _reason_filled(judged: Judged, subject: Fact | None, stage: str, thresholds: Thresholds) -> Judged:
    """The not-due reason with its placeholders filled from the profile fact (after the cache of unmatched
    rules, which keeps the reason as the rule wrote it)."""
    if judged.due or "{" not in judged.waiting:
        return judged
    values = subject.values if subject is not None else {}
    return replace(judged, waiting=render_message(judged.waiting, values, stage, thresholds))


# A rule no fact matched is judged alike for every profile at one stage (two in three rules, each profile): the
# same frozen record, kept by the rule's identity (checked, so a rule gone and its id reused is never confused).
_UNMATCHED: dict[tuple[int, str], Judged] = {}
_MAX_UNMATCHED = 4096


def _judge_rule(
    rule: Rule, hits: Sequence[tuple[ClauseInfo, Fact]], stage: str, slug: str, thresholds: Thresholds
) -> Judged:
    if not hits:
        known = _UNMATCHED.get((id(rule), stage))
        if known is not None and known.rule is rule:
            return known
    judged = _judged(rule, hits, stage, slug, thresholds)
    if not hits and len(_UNMATCHED) < _MAX_UNMATCHED:
        _UNMATCHED[(id(rule), stage)] = judged
    return judged


def _judged(
    rule: Rule, hits: Sequence[tuple[ClauseInfo, Fact]], stage: str, slug: str, thresholds: Thresholds
) -> Judged:
    holding = {info.index for info, _ in hits if info.precondition}
    part = next((p for i, p in enumerate(rule.preconditions) if i not in holding), None)
    waiting = part.not_due if part is not None else None
    raised = sorted(((info.index, fact) for info, fact in hits if info.escalation), key=lambda pair: pair[0])
    hits = [(info, fact) for info, fact in hits if not info.precondition and not info.escalation]
    found = [(_finding(rule, info, fact, stage, slug, thresholds), fact) for info, fact in hits if not info.unknown]
    found = [(_escalated(f, fact, rule, raised, stage, thresholds), fact) for f, fact in found]
    found.sort(key=lambda pair: _order(pair[0]))
    unknowns = [_unknown(rule, info, fact) for info, fact in hits if info.unknown]
    return Judged(
        rule,
        stage in rule.stage_ids,
        tuple(f for f, _ in found),
        tuple(fact for _, fact in found),
        tuple(dict.fromkeys(unknowns)),
        waiting is None,
        waiting or "",
        tuple(part.contradicted_by) if part is not None else (),
    )


def _order(finding: Finding) -> tuple[object, ...]:
    return (finding.location, finding.message)  # one rule, one severity: by place, as sort_findings does


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
        next_step=info.next_step or rule.next_step,
        location=location,
        fingerprint=hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        subject=subject_of(fact),
        values=tuple(_kept(rule, fact, thresholds)),
    )


def _kept(rule: Rule, fact: Fact, thresholds: Thresholds) -> Iterable[tuple[str, Value]]:
    """The facts and thresholds the rule's `message_many` reads, as this finding's fact has them."""
    for name in rule.many_fields:
        if name.startswith("threshold."):
            yield name, getattr(thresholds, name.removeprefix("threshold."))
        elif name in fact.values:
            yield name, fact.values[name]


def _escalated(
    finding: Finding, own: Fact, rule: Rule, raised: Sequence[tuple[int, Fact]], stage: str, thresholds: Thresholds
) -> Finding:
    """The finding at the severity of the rule's first escalation that holds for it (on the profile fact, or on
    the finding's own fact), its message followed by the escalation's reason; else the finding as it is."""
    for index, fact in raised:
        escalation = rule.escalations[index]
        if (escalation.on is None and fact.kind == rule.precondition_kind) or fact.id == own.id:
            because = render_message(escalation.because, fact.values, stage, thresholds)
            return replace(
                finding, severity=escalation.severity, message=f"{finding.message} {because}", because=because
            )
    return finding


def subject_of(fact: Fact) -> tuple[str, ...]:
    """What a finding on ``fact`` is about, in parts that never hold a person id: a role's name, an event's
    type and date; for a sponsor, a person id or an acknowledged risk, only the kind."""
    v = fact.values
    parts: tuple[object, ...]
    if fact.kind == "role":
        parts = (v.get("role"),)
    elif fact.kind == "session":
        parts = (v.get("type"), v.get("date"))
    elif fact.kind == "gap":
        parts = (v.get("from_date"), "open" if v.get("ongoing") is True else v.get("to_date"))
    elif fact.kind == "role_change":
        parts = (v.get("role"), v.get("date"))
    elif fact.kind == "task":
        parts = (v.get("date"),)
    else:
        parts = ()
    return (fact.kind, *(str(p) for p in parts if p is not None))


def _unknown(rule: Rule, info: ClauseInfo, fact: Fact) -> Unknown:
    missing = [name for name in info.facts if fact.values.get(name) is None]
    location = fact.location_of(missing[0]) if missing else fact.location
    records = (record_of(fact.kind, name) or Record(path=f"({fact.kind}.{name})") for name in missing)
    return Unknown(rule.id, rule.title, tuple(dict.fromkeys(records)), location)


def render_message(template: str, values: Mapping[str, Value], stage: str, thresholds: Thresholds) -> str:
    """Fill ``{fact}``, ``{stage}`` and ``{threshold.NAME}`` placeholders with plain words."""

    def fill(match: object) -> str:
        name: str = match.group(1)  # type: ignore[attr-defined]
        if name == "stage":
            return stage
        if name.startswith("threshold."):
            return plain(getattr(thresholds, name.removeprefix("threshold.")))
        return plain(values.get(name))

    return PLACEHOLDER.sub(fill, template)

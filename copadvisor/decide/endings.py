"""Natural endings come first (SPEC §4): when ``ending.natural-candidate`` fails, the CoP may be coming to a
natural end, which the guidance says is not a failure. Then only the rules that help it end well or renew
still judge it; every other rule is ``not_due``."""

from __future__ import annotations

from collections.abc import Sequence

from copadvisor.decide.judge import Judged
from copadvisor.decide.policy import matches
from copadvisor.report import Finding
from copadvisor.terms import NATURAL_END

REASON = "the CoP may be coming to a natural end"
# Rule ids, or areas ending in a dot: SPEC §4's list, and `community.dispersed` ("dispersed, not dead"), which
# is advice on exactly that choice: a quiet CoP whose members are still in touch may want to renew.
STILL_JUDGED = (
    "community.dispersed",
    "ending.",
    "convener.missing",
    "convener.unnamed",
    "governance.",
    "value.",
    "ebe.unfunded",
    "sponsor.",
    "stage.mismatch",
    "suppression.",
)


def may_be_ending(judged: Sequence[Judged]) -> bool:
    """The natural-end rule applies, is due and found signs of an ending."""
    return any(r.rule.id == NATURAL_END and r.applicable and r.due and r.findings for r in judged)


def stands_aside(rule_id: str) -> bool:
    return not any(matches(rule_id, pattern) for pattern in STILL_JUDGED)


def held(result: Judged) -> tuple[str, str, tuple[Finding, ...]]:
    """What a rule that stands aside would have said (issue 11 review: a blanket "not yet" hid what the records
    settle): its outcome, and its first finding's message, what to record, or its own reason for not yet; and
    its findings, which people's formats word as one pattern when there are several."""
    if not result.due:
        return "not_due", result.waiting, ()
    if result.findings:
        first = result.findings[0].message
        many = f"{len(result.findings)} times; the first: {first}"
        return "fail", first if len(result.findings) == 1 else many, result.findings
    if result.unknowns:
        missing = dict.fromkeys(str(m) for u in result.unknowns for m in u.missing)
        return "unknown", f"Not recorded: {', '.join(missing)}.", ()
    return "pass", "", ()

"""Acknowledged risks: which findings they suppress, and the checks on them that run over the results.

A risk is live until the day after its ``until`` date; a live risk on a rule suppresses that rule's findings
(with its reason). The checks on the risks themselves (``suppression.*``) are never suppressed. A rule with
``keep_if`` is judged like any other by the engine, then its matches are kept only where the results say so,
after every other rule has run (as ruff's unused-``noqa`` check does): the facts are never rewritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from copadvisor.facts import Fact
from copadvisor.model import AcknowledgedRisk
from copadvisor.rulepack.model import Rule

RISK_KIND = "acknowledged_risk"


@dataclass(frozen=True)
class Risks:
    """The profile's acknowledged risks as of a date."""

    risks: tuple[AcknowledgedRisk, ...]
    live: tuple[bool, ...]

    @classmethod
    def of(cls, risks: Sequence[AcknowledgedRisk] | None, as_of: dt.date) -> Risks:
        given = tuple(risks or ())
        return cls(given, tuple(r.until is None or as_of <= r.until for r in given))

    def reason(self, rule: Rule) -> str | None:
        """The reason of the last live risk on ``rule``, if any may suppress it."""
        if not suppressible(rule):
            return None
        reasons = [r.reason for r, alive in zip(self.risks, self.live, strict=True) if alive and r.rule == rule.id]
        return reasons[-1] if reasons else None

    def suppressing(self, rule_id: str) -> list[int]:
        """The positions (from 0) of the live risks on ``rule_id``."""
        pairs = enumerate(zip(self.risks, self.live, strict=True))
        return [i for i, (risk, alive) in pairs if alive and risk.rule == rule_id]


def suppressible(rule: Rule) -> bool:
    return not any(clause.on == RISK_KIND for clause in rule.clauses)


def _suppresses_nothing(fact: Fact, suppressed: Sequence[int]) -> bool:
    """Keep a match on a risk that suppressed no finding (``position`` counts from 1)."""
    position = fact.values.get("position")
    return isinstance(position, int) and 1 <= position <= len(suppressed) and suppressed[position - 1] == 0


def did_you_mean(fact: Fact, ids: Sequence[str]) -> str:
    """`` Did you mean 'roles.unfilled'?`` for a risk on a rule id that no rule has and one is close to."""
    rule = fact.values.get("rule")
    if not isinstance(rule, str) or rule in ids:
        return ""
    close = difflib.get_close_matches(rule, sorted(ids), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


KEEP_IF: Mapping[str, Callable[[Fact, Sequence[int]], bool]] = {"suppresses-nothing": _suppresses_nothing}

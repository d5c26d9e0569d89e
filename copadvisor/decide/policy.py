"""What the user chose: the rules selected or ignored (ids or prefixes such as ``meetings.``) and severities."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from copadvisor.rulepack.model import Rule


@dataclass(frozen=True)
class Policy:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, str] = field(default_factory=dict)

    def selects(self, rule_id: str) -> bool:
        chosen = not self.select or any(matches(rule_id, s) for s in self.select)
        return chosen and not any(matches(rule_id, i) for i in self.ignore)

    def severity(self, rule: Rule) -> str:
        return self.severities.get(rule.id, rule.severity)


def unmatched(patterns: Iterable[str], rule_ids: Iterable[str]) -> list[tuple[str, str]]:
    """Each pattern that selects no rule, with a suggestion ("" when none is close): a typo in --select or
    --ignore would otherwise turn checks on or off without a word."""
    ids = sorted(set(rule_ids))
    areas = sorted({rule_id.split(".")[0] + "." for rule_id in ids})
    out = []
    for pattern in patterns:
        if not any(matches(rule_id, pattern) for rule_id in ids):
            close = difflib.get_close_matches(pattern, [*ids, *areas], n=1, cutoff=0.6)
            out.append((pattern, f"; did you mean '{close[0]}'?" if close else ""))
    return out


def matches(rule_id: str, pattern: str) -> bool:
    """``pattern`` names the rule, or its area (``meetings`` or ``meetings.``)."""
    return (
        rule_id == pattern
        or (pattern.endswith(".") and rule_id.startswith(pattern))
        or (rule_id.startswith(pattern + "."))
    )

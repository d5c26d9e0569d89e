"""Builders shared by the tests of ``copadvisor.decide``: rules, raw findings and judged results by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cop_testing import minimal_rule

from copadvisor.decide import Judged
from copadvisor.errors import Location
from copadvisor.facts import Fact
from copadvisor.facts.records import field
from copadvisor.model import Profile
from copadvisor.report import Finding, Unknown
from copadvisor.rulepack.model import Rule

AS_OF = dt.date(2026, 1, 1)


def rule(rule_id: str, stages: Any = "all", severity: str = "medium") -> Rule:
    return minimal_rule(id=rule_id, title=rule_id, stages=stages, severity=severity)


def finding(rule_id: str, line: int = 1, severity: str = "medium") -> Finding:
    return Finding(rule_id, rule_id, severity, "coalescing", "msg", "next", Location("p", line), f"fp{line}")


def judged(rule_id: str, findings: int = 0, unknown: bool = False, applicable: bool = True, **kw: Any) -> Judged:
    unknowns = (Unknown(rule_id, rule_id, (field("x.y"),), Location("p")),) if unknown else ()
    found = tuple(finding(rule_id, i + 1) for i in range(findings))
    facts = tuple(Fact("profile", i + 1, "profile", Location("p"), {}) for i in range(findings))
    return Judged(rule(rule_id, **kw), applicable, found, facts, unknowns)


def unused(position: int = 1) -> Judged:
    """suppression.unused as the engine judges it: a match on the risk at ``position``, kept only if it
    suppressed nothing."""
    base = rule("suppression.unused", severity="info")
    keep = Rule.model_validate(
        {**base.model_dump(by_alias=True), "on": "acknowledged_risk", "keep_if": "suppresses-nothing"}
    )
    fact = Fact("acknowledged_risk", 9, "risk", Location("p", 9), {"position": position})
    return Judged(keep, True, (finding("suppression.unused", 9, "info"),), (fact,), ())


def profile(*risks: dict[str, Any]) -> Profile:
    return Profile.model_validate({"copadvisor": 1, "name": "x", "acknowledged_risks": list(risks) or None})

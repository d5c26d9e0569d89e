"""The decision step on its own: selection, stages, severities, unknowns and acknowledged risks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from copadvisor.decide import Judged, Policy, decide, render_message
from copadvisor.errors import Location
from copadvisor.facts import Fact
from copadvisor.facts.records import field
from copadvisor.model import Profile
from copadvisor.report import Finding, Unknown
from copadvisor.rulepack.model import Rule
from copadvisor.thresholds import Thresholds

AS_OF = dt.date(2026, 1, 1)


def rule(rule_id: str, stages: Any = "all", severity: str = "medium") -> Rule:
    return Rule.model_validate(
        {
            "id": rule_id,
            "title": rule_id,
            "stages": stages,
            "severity": severity,
            "source": "test",
            "when": {"launched": True},
            "message": "m",
            "rationale": "r",
            "next_step": "n",
            "examples": {"fail": [{}], "pass": [{}]},
        }
    )


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


@pytest.mark.parametrize(
    ("select", "ignore", "chosen"),
    [
        ((), (), {"a.one", "a.two", "b.one", "ab.one"}),
        (("a.",), (), {"a.one", "a.two"}),
        (("a",), (), {"a.one", "a.two"}),  # an area without its dot is a prefix too, but not of "ab"
        (("a.one",), (), {"a.one"}),
        ((), ("a.",), {"b.one", "ab.one"}),
        (("a.",), ("a.two",), {"a.one"}),
    ],
)
def test_select_and_ignore(select: tuple[str, ...], ignore: tuple[str, ...], chosen: set[str]) -> None:
    policy = Policy(select=select, ignore=ignore)
    assert {r for r in ("a.one", "a.two", "b.one", "ab.one") if policy.selects(r)} == chosen


def test_outcomes_of_each_kind() -> None:
    results = [
        judged("r.fail", findings=2),
        judged("r.unknown", unknown=True),
        judged("r.both", findings=1, unknown=True),
        judged("r.pass"),
        judged("r.na", findings=1, applicable=False),
    ]
    decided = decide(results, profile().acknowledged_risks, AS_OF, Policy())
    outcomes = {c.rule: c.outcome for c in decided.checks}
    assert outcomes == {
        "r.fail": "fail",
        "r.unknown": "unknown",
        "r.both": "fail",
        "r.pass": "pass",
        "r.na": "not_applicable",
    }
    assert [f.rule for f in decided.findings] == ["r.both", "r.fail", "r.fail"]  # by place, then rule
    assert [u.rule for u in decided.unknowns] == ["r.unknown"]
    assert next(c for c in decided.checks if c.rule == "r.unknown").missing == (field("x.y"),)


def test_severity_override() -> None:
    decided = decide(
        [judged("r.fail", findings=1)], profile().acknowledged_risks, AS_OF, Policy(severities={"r.fail": "high"})
    )
    assert decided.findings[0].severity == "high"
    assert decided.checks[0].severity == "high"


def test_an_active_risk_suppresses_with_its_reason() -> None:
    risk = {"rule": "r.fail", "reason": "members chose this", "until": "2026-06-30"}
    decided = decide(
        [judged("r.fail", findings=2), judged("r.pass")], profile(risk).acknowledged_risks, AS_OF, Policy()
    )
    assert decided.findings == ()
    assert [(f.rule, why) for f, why in decided.suppressed] == [("r.fail", "members chose this")] * 2
    check = next(c for c in decided.checks if c.rule == "r.fail")
    assert (check.outcome, check.reason, check.findings) == ("suppressed", "members chose this", 2)
    with_unused = decide([judged("r.fail", findings=2), unused()], profile(risk).acknowledged_risks, AS_OF, Policy())
    assert [f.rule for f in with_unused.findings] == []  # the risk suppressed two findings: it is used


def test_an_expired_risk_lets_the_findings_back() -> None:
    risk = {"rule": "r.fail", "reason": "for a while", "until": "2025-12-31"}
    decided = decide([judged("r.fail", findings=1)], profile(risk).acknowledged_risks, AS_OF, Policy())
    assert [f.rule for f in decided.findings] == ["r.fail"]
    assert decided.suppressed == ()


def test_the_last_day_of_a_risk_still_counts() -> None:
    risk = {"rule": "r.fail", "reason": "for a while", "until": "2026-01-01"}
    assert decide([judged("r.fail", findings=1)], profile(risk).acknowledged_risks, AS_OF, Policy()).findings == ()


def test_a_risk_on_a_passing_rule_leaves_pass_and_suppresses_nothing() -> None:
    risk = {"rule": "r.pass", "reason": "just in case"}
    decided = decide([judged("r.pass")], profile(risk).acknowledged_risks, AS_OF, Policy())
    assert decided.checks[0].outcome == "pass"
    with_unused = decide([judged("r.pass"), unused()], profile(risk).acknowledged_risks, AS_OF, Policy())
    assert [(f.rule, f.severity) for f in with_unused.findings] == [("suppression.unused", "info")]
    assert [c.outcome for c in with_unused.checks] == ["pass", "fail"]
    assert decide([judged("r.pass"), unused(2)], profile(risk).acknowledged_risks, AS_OF, Policy()).findings == ()


def test_messages_fill_placeholders_plainly() -> None:
    values = {"minutes": 90, "date": dt.date(2025, 3, 1), "flag": True, "ratio": 0.456, "hours": 16.0, "x": None}
    text = "{minutes} {date} {flag} {ratio} {hours} {x} {stage} {threshold.meeting_minutes}"
    assert (
        render_message(text, values, "maturing", Thresholds()) == "90 2025-03-01 yes 0.5 16 not recorded maturing 120"
    )

"""The decision step on its own (``copadvisor.decide.decide``): outcomes, severities and acknowledged risks,
and the late rule (``suppression.unused``) judged over the other rules' results."""

from __future__ import annotations

from copadvisor.decide import Policy, decide

from .support import AS_OF, judged, profile, unused


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
    assert next(c for c in decided.checks if c.rule == "r.unknown").missing == ("x",)


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

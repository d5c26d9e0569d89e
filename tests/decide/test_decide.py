"""The decision step on its own (``copadvisor.decide.decide``): outcomes, severities and acknowledged risks,
and the late rule (``suppression.unused``) judged over the other rules' results."""

from __future__ import annotations

from dataclasses import replace

from copadvisor.decide import Judged, Policy, decide
from copadvisor.errors import Location
from copadvisor.facts.records import field
from copadvisor.report import Unknown

from .support import AS_OF, finding, judged, profile, unused


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


def late(rule_id: str = "suppression.unused", unknown: bool = False, position: int = 1) -> Judged:
    """A rule with ``keep_if`` as the engine judged it: a match on the risk at ``position``, or an unknown."""
    base = unused(position)
    if not unknown:
        return replace(base, rule=base.rule.model_copy(update={"id": rule_id}), findings=(finding(rule_id, 9, "info"),))
    missing = (Unknown(rule_id, rule_id, (field("acknowledged_risks.until"),), Location("p", 9)),)
    return replace(base, rule=base.rule.model_copy(update={"id": rule_id}), findings=(), facts=(), unknowns=missing)


def test_the_late_rule_s_unknowns_are_kept() -> None:
    decided = decide([judged("r.pass"), late(unknown=True)], profile().acknowledged_risks, AS_OF, Policy())
    assert [(c.rule, c.outcome, c.missing) for c in decided.checks] == [
        ("r.pass", "pass", ()),
        ("suppression.unused", "unknown", (field("acknowledged_risks.until"),)),
    ]
    assert [(u.rule, u.missing) for u in decided.unknowns] == [
        ("suppression.unused", (field("acknowledged_risks.until"),))
    ]


def test_the_late_rule_s_findings_are_kept_at_the_severity_chosen() -> None:
    risk = {"rule": "r.pass", "reason": "just in case"}
    policy = Policy(severities={"suppression.unused": "low"})
    decided = decide([judged("r.pass"), late()], profile(risk).acknowledged_risks, AS_OF, policy)
    assert [(f.rule, f.severity, f.location.line) for f in decided.findings] == [("suppression.unused", "low", 9)]
    assert [(c.rule, c.outcome, c.findings, c.severity) for c in decided.checks] == [
        ("r.pass", "pass", 0, "medium"),
        ("suppression.unused", "fail", 1, "low"),
    ]


def test_checks_by_rule_id_with_each_suppressed_rule_s_reason_and_count() -> None:
    risks = profile(
        {"rule": "z.two", "reason": "two of them, for now"},
        {"rule": "b.one", "reason": "one, for now"},
        {"rule": "a.none", "reason": "nothing to suppress"},
    ).acknowledged_risks
    judged_ = [judged("z.two", findings=2), late("m.late", position=3), judged("b.one", findings=1), judged("a.none")]
    decided = decide(judged_, risks, AS_OF, Policy())
    assert [(c.rule, c.outcome, c.findings, c.reason) for c in decided.checks] == [
        ("a.none", "pass", 0, None),
        ("b.one", "suppressed", 1, "one, for now"),
        ("m.late", "fail", 1, None),  # the third risk suppressed nothing
        ("z.two", "suppressed", 2, "two of them, for now"),
    ]
    assert [(f.rule, why) for f, why in decided.suppressed] == [
        ("z.two", "two of them, for now"),
        ("z.two", "two of them, for now"),
        ("b.one", "one, for now"),
    ]
    assert [f.rule for f in decided.findings] == ["m.late"]
    used = decide([judged("z.two", findings=2), late("m.late", position=1)], risks, AS_OF, Policy())
    assert used.findings == ()  # the first risk suppressed two findings: it is used


def test_a_check_carries_the_rule_s_words_and_what_is_missing_only_when_unknown() -> None:
    worded = judged("r.both", findings=1, unknown=True)
    worded = replace(
        worded, rule=worded.rule.model_copy(update={"checklist": "Both are done", "next_step": "Do both."})
    )
    plain = judged("r.unknown", unknown=True)
    decided = decide([worded, plain], None, AS_OF, Policy())
    both, unknown_ = decided.checks
    # A failing check's next step is its first finding's: a clause may give its own (rule-authoring.md).
    assert (both.outcome, both.missing, both.item, both.next_step, both.title) == (
        "fail",
        (),
        "Both are done",
        worded.findings[0].next_step,
        "r.both",
    )
    assert worded.findings[0].next_step != "Do both."
    assert (unknown_.outcome, unknown_.missing, unknown_.item, unknown_.next_step) == (
        "unknown",
        (field("x.y"),),
        "r.unknown",
        "n",
    )
    assert [u.rule for u in decided.unknowns] == ["r.unknown"]  # a failing rule's unknowns are not listed


def test_a_failing_late_rule_lists_no_unknowns() -> None:
    both = replace(late(), unknowns=late(unknown=True).unknowns)
    decided = decide(
        [judged("r.pass"), both], profile({"rule": "r.pass", "reason": "x"}).acknowledged_risks, AS_OF, Policy()
    )
    assert [(c.rule, c.outcome, c.missing) for c in decided.checks] == [
        ("r.pass", "pass", ()),
        ("suppression.unused", "fail", ()),
    ]
    assert decided.unknowns == ()


def test_the_unused_risk_on_a_misspelt_rule_says_which_rule_was_meant() -> None:
    misspelt = profile({"rule": "meetings.too-shrt", "reason": "members chose an hour"})
    fact = replace(unused().facts[0], values={"position": 1, "rule": "meetings.too-shrt"})
    late = replace(unused(), facts=(fact,))
    decided = decide([judged("meetings.too-short"), late], misspelt.acknowledged_risks, AS_OF, Policy())
    assert [f.message for f in decided.findings if f.rule == "suppression.unused"] == [
        "msg Did you mean 'meetings.too-short'?"
    ]


def test_an_escalated_finding_keeps_its_severity_and_the_check_takes_the_worst() -> None:
    raised = judged("r.fail", findings=2)
    first, second = raised.findings
    raised = replace(raised, findings=(replace(first, severity="high"), second))
    decided = decide([raised], profile().acknowledged_risks, AS_OF, Policy())
    assert [f.severity for f in decided.findings] == ["high", "medium"]
    assert decided.checks[0].severity == "high"
    chosen = decide([raised], profile().acknowledged_risks, AS_OF, Policy(severities={"r.fail": "low"}))
    assert [f.severity for f in chosen.findings] == ["low", "low"]  # the user's choice for the rule wins
    assert chosen.checks[0].severity == "low"


def test_a_precondition_part_s_contradicting_rules_join_the_check_only_while_it_is_the_reason() -> None:
    """Fifth review (diabetes): attendance at 41% of its best while the meetings are talks is no "done"; the
    part of `ending.natural-candidate` that waits on the talks names community.webinar-drift."""
    waiting = replace(
        judged("ending.natural-candidate"), due=False, waiting="talks", waiting_on=("community.webinar-drift",)
    )
    ruled = replace(waiting, rule=waiting.rule.model_copy(update={"contradicted_by": ["r.own"]}))
    [check] = decide([ruled], None, AS_OF, Policy()).checks
    assert (check.outcome, check.reason, check.contradicted_by) == (
        "not_due",
        "talks",
        ("r.own", "community.webinar-drift"),
    )
    # Standing aside for a natural end, the reason is SPEC's, not the part's: its rules do not contradict.
    aside = replace(judged("meetings.too-short"), due=False, waiting="cut", waiting_on=("x.cause",))
    ending = judged("ending.natural-candidate", findings=1)
    checks = {c.rule: c for c in decide([aside, ending], None, AS_OF, Policy()).checks}
    assert (checks["meetings.too-short"].reason, checks["meetings.too-short"].contradicted_by) == (
        "the CoP may be coming to a natural end",
        (),
    )
    # Due, the part's rules are no part of the check.
    [due] = decide([replace(waiting, due=True, waiting="")], None, AS_OF, Policy()).checks
    assert (due.outcome, due.contradicted_by) == ("pass", ())

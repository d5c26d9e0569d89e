"""Natural endings come first: which rules still judge a CoP that may be coming to a natural end."""

from __future__ import annotations

import datetime as dt

import pytest

from copadvisor.decide import Policy, decide
from copadvisor.decide.endings import REASON, may_be_ending, stands_aside
from copadvisor.terms import NATURAL_END

from .support import judged


@pytest.mark.parametrize(
    ("rule", "aside"),
    [
        ("meetings.momentum-gap", True),
        ("succession.no-successor", True),
        ("convener.no-dedicated-time", True),
        ("convener.missing", False),
        ("convener.unnamed", False),
        ("ending.learning-not-captured", False),
        ("governance.no-recent-report", False),
        ("value.no-evidence", False),
        ("ebe.unfunded", False),
        ("ebe.no-payment-policy", True),
        ("sponsor.delegated-task", False),
        ("stage.mismatch", False),
        ("stage.stuck-coalescing", True),
        ("suppression.unused", False),
        ("community.dispersed", False),
        ("community.no-check-in", True),
    ],
)
def test_the_stand_aside_list(rule: str, aside: bool) -> None:
    assert stands_aside(rule) is aside


def test_only_a_due_applicable_natural_end_finding_counts() -> None:
    assert may_be_ending([judged(NATURAL_END, findings=1)])
    assert not may_be_ending([judged(NATURAL_END)])
    assert not may_be_ending([judged(NATURAL_END, findings=1, applicable=False)])
    assert not may_be_ending([judged("meetings.momentum-gap", findings=1)])


def test_the_other_rules_wait_with_the_reason() -> None:
    results = [
        judged(NATURAL_END, findings=1),
        judged("meetings.momentum-gap", findings=2),
        judged("value.no-evidence", findings=1),
    ]
    decided = decide(results, None, dt.date(2026, 1, 1), Policy())
    outcomes = {c.rule: (c.outcome, c.reason) for c in decided.checks}
    assert outcomes == {
        NATURAL_END: ("fail", None),
        "meetings.momentum-gap": ("not_due", REASON),
        "value.no-evidence": ("fail", None),
    }
    assert sorted(f.rule for f in decided.findings) == [NATURAL_END, "value.no-evidence"]


def test_a_rule_that_stands_aside_keeps_what_it_would_have_said() -> None:
    results = [
        judged(NATURAL_END, findings=1),
        judged("meetings.momentum-gap", findings=2),
        judged("community.no-check-in", unknown=True),
        judged("meetings.too-short"),
    ]
    checks = {c.rule: c for c in decide(results, None, dt.date(2026, 1, 1), Policy()).checks}
    gap = checks["meetings.momentum-gap"]
    assert (gap.outcome, gap.held, len(gap.held_findings)) == ("not_due", "fail", 2)
    assert gap.held_detail == f"2 times; the first: {gap.held_findings[0].message}"
    assert (checks["community.no-check-in"].held, checks["community.no-check-in"].held_detail) == (
        "unknown",
        "Not recorded: `x.y` in cop.yaml.",
    )
    assert (checks["meetings.too-short"].held, checks["meetings.too-short"].held_findings) == ("pass", ())

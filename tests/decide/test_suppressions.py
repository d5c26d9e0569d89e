"""Acknowledged risks (``copadvisor.decide.suppressions``): live until the day after ``until``, the reason of
the last one, the checks on risks never suppressible, and ``keep_if`` over the results."""

from __future__ import annotations

import datetime as dt

from copadvisor.decide.suppressions import KEEP_IF, Risks, did_you_mean, suppressible
from copadvisor.errors import Location
from copadvisor.facts import Fact
from copadvisor.model import AcknowledgedRisk
from copadvisor.rulepack.model import Rule

from .support import AS_OF, rule


def risk(rule_id: str, reason: str, until: str | None = None) -> AcknowledgedRisk:
    return AcknowledgedRisk.model_validate({"rule": rule_id, "reason": reason, "until": until})


def test_a_risk_is_live_up_to_and_on_its_last_day() -> None:
    given = [risk("r.a", "open"), risk("r.a", "today", "2026-01-01"), risk("r.a", "yesterday", "2025-12-31")]
    assert Risks.of(given, AS_OF).live == (True, True, False)
    assert Risks.of(None, AS_OF) == Risks((), ())


def test_the_reason_is_the_last_live_risk_on_the_rule() -> None:
    live = Risks.of(
        [risk("r.a", "first"), risk("r.b", "other rule"), risk("r.a", "second"), risk("r.a", "gone", "2025-01-01")],
        AS_OF,
    )
    assert live.reason(rule("r.a")) == "second"
    assert live.reason(rule("r.b")) == "other rule"
    assert live.reason(rule("r.c")) is None
    assert live.suppressing("r.a") == [0, 2]  # the expired one suppresses nothing
    assert live.suppressing("r.c") == []


def on_risks(rule_id: str) -> Rule:
    base = rule(rule_id, severity="low")
    return Rule.model_validate({**base.model_dump(by_alias=True), "on": "acknowledged_risk"})


def test_the_checks_on_acknowledged_risks_cannot_be_suppressed() -> None:
    assert suppressible(rule("r.a")) is True
    assert suppressible(on_risks("suppression.expired")) is False
    live = Risks.of([risk("suppression.expired", "hide it")], AS_OF)
    assert live.reason(on_risks("suppression.expired")) is None


def test_keep_a_match_only_on_a_risk_that_suppressed_nothing() -> None:
    keep = KEEP_IF["suppresses-nothing"]

    def at(position: object) -> Fact:
        return Fact("acknowledged_risk", 1, "risk", Location("p"), {"position": position})  # type: ignore[dict-item]

    counts = [2, 0, 1]
    assert [keep(at(p), counts) for p in (1, 2, 3)] == [False, True, False]
    assert [keep(at(p), counts) for p in (0, 4, None, "2")] == [False, False, False, False]
    assert list(KEEP_IF) == ["suppresses-nothing"]


def test_dates_are_compared_not_text() -> None:
    assert Risks.of([risk("r.a", "x", "2026-01-02")], dt.date(2026, 1, 1)).live == (True,)
    assert Risks.of([risk("r.a", "x", "2026-01-02")], dt.date(2026, 1, 3)).live == (False,)


def test_a_risk_on_an_unknown_rule_gets_a_did_you_mean() -> None:
    def risk(rule: str) -> Fact:
        return Fact("acknowledged_risk", 1, "risk", Location("p", 1), {"rule": rule, "position": 1})

    ids = ["roles.unfilled", "meetings.too-short"]
    assert did_you_mean(risk("roles.unfiled"), ids) == " Did you mean 'roles.unfilled'?"
    assert did_you_mean(risk("roles.unfilled"), ids) == ""  # a rule that exists (it passed, or did not apply)
    assert did_you_mean(risk("zzz"), ids) == ""  # nothing close

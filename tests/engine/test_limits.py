"""The measured limits of durable_rules 2.0.28 (``copadvisor.engine.limits``): one place, consistent numbers."""

from __future__ import annotations

from copadvisor.engine import limits


def test_the_measured_numbers() -> None:
    assert limits.MAX_FACT_FIELDS == 253  # 254 properties, less the "sid" the adapter adds
    assert limits.MAX_TEXT_BYTES == 2**16 - 1
    assert (limits.INT64_MIN, limits.INT64_MAX) == (-9_223_372_036_854_775_808, 9_223_372_036_854_775_807)
    assert limits.MAX_CONNECTIVES == 15
    assert limits.ACTION_SECONDS == 10


def test_the_budgets_stay_below_what_durable_rules_holds() -> None:
    assert limits.STACK_BUDGET < 64
    assert limits.MAX_CLAUSES_PER_RULESET < 255
    assert limits.MAX_PARTS == 64


def test_reserved_field_names() -> None:
    assert limits.SESSION_FIELD == "sid"
    assert frozenset({"id", "sid"}) == limits.RESERVED_FIELDS
    assert limits.SENTINEL_FIELD not in limits.RESERVED_FIELDS


def test_every_error_code_has_a_meaning() -> None:
    assert sorted(limits.ERROR_CODES) == [202, 204, 302, 303]
    assert limits.ERROR_CODES[303] == "a fact matching more conditions at once than durable_rules can follow"

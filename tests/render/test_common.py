"""The summary line (``copadvisor.render.common.summary_line``), worded from the one verdict: exact wording."""

from __future__ import annotations

import pytest

from copadvisor.errors import Location, Problem
from copadvisor.render.common import summary_line

from .support import finding, mixed, report, section

BROKEN = Problem(Location("bad/cop.yaml", 3, 1), "stage: 'coalesing' is not a stage")


def test_counts_worst_first_and_fails_at_fail_on() -> None:
    assert summary_line(mixed()) == (
        "2 profile(s): 1 high, 2 medium, 3 low, 1 info; 1 check(s) need data; 0 with errors — fails at --fail-on high"
    )


@pytest.mark.parametrize(
    ("fail_on", "outcome"),
    [("info", "fails"), ("low", "fails"), ("medium", "fails"), ("high", "passes"), ("none", "passes")],
)
def test_passes_or_fails_at_each_fail_on(fail_on: str, outcome: str) -> None:
    one = report(section("a", [finding("r.medium", "medium"), finding("r.low", "low", 2)]), fail_on=fail_on)
    assert summary_line(one) == (
        f"1 profile(s): 1 medium, 1 low; 0 check(s) need data; 0 with errors — {outcome} at --fail-on {fail_on}"
    )


def test_no_findings() -> None:
    assert summary_line(report(section("a"), section("b"))) == (
        "2 profile(s): no findings; 0 check(s) need data; 0 with errors — passes at --fail-on high"
    )


def test_an_input_that_could_not_be_evaluated_is_said_whatever_the_findings() -> None:
    broken = section("bad", errors=[BROKEN])
    assert summary_line(report(section("a", [finding("r.high", "high")]), broken)) == (
        "2 profile(s): 1 high; 0 check(s) need data; 1 with errors — could not evaluate every input"
    )
    rule_pack = Problem(Location("rules/local.yaml", 4, 5), "rules[0].titel: unknown key")
    assert summary_line(report(section("a"), errors=[rule_pack])) == (
        "1 profile(s): no findings; 0 check(s) need data; 0 with errors — could not evaluate every input"
    )

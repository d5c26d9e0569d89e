"""The words every step shares (``copadvisor.terms``): each spelt once, in the order the formats rely on."""

from __future__ import annotations

import pytest

from copadvisor.terms import (
    FAIL_ON,
    NATURAL_END,
    NEVER,
    OUTCOMES,
    PORTFOLIO,
    SEVERITIES,
    SEVERITIES_WORST_FIRST,
    STAGES,
    STATUSES,
    severity_rank,
    worst_first,
)


def test_the_vocabularies_in_their_order() -> None:
    assert STAGES == ("potential", "coalescing", "maturing", "stewardship", "transformation")
    assert SEVERITIES == ("info", "low", "medium", "high")
    assert SEVERITIES_WORST_FIRST == ("high", "medium", "low", "info")
    assert FAIL_ON == ("info", "low", "medium", "high", "none")
    assert NEVER == "none"
    assert OUTCOMES == ("fail", "unknown", "suppressed", "pass", "not_applicable", "not_due")
    assert STATUSES == ("red", "amber", "ending", "green", "error")
    assert NATURAL_END == "ending.natural-candidate"
    assert PORTFOLIO == "portfolio"


@pytest.mark.parametrize(("severity", "rank"), [("info", 0), ("low", 1), ("medium", 2), ("high", 3), ("none", 4)])
def test_severity_rank(severity: str, rank: int) -> None:
    assert severity_rank(severity) == rank


def test_none_and_unknown_words_rank_above_every_severity() -> None:
    assert severity_rank("none") > severity_rank("high")
    assert severity_rank("loud") == len(SEVERITIES)


def test_worst_first_sorts_high_to_info() -> None:
    assert sorted(["low", "info", "high", "medium"], key=worst_first) == ["high", "medium", "low", "info"]
    assert [worst_first(s) for s in SEVERITIES] == [0, -1, -2, -3]

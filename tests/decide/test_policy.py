"""What the user chose (``copadvisor.decide.policy``): selection by id or area, severities, unmatched patterns."""

from __future__ import annotations

import pytest

from copadvisor.decide import Policy
from copadvisor.decide.policy import matches, unmatched

from .support import rule


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


@pytest.mark.parametrize(
    ("rule_id", "pattern", "expected"),
    [
        ("meetings.too-short", "meetings.too-short", True),
        ("meetings.too-short", "meetings.", True),
        ("meetings.too-short", "meetings", True),
        ("meetings.too-short", "meeting", False),
        ("meetings.too-short", "meetings.too", False),
        ("meetingsx.a", "meetings", False),
    ],
)
def test_a_pattern_names_a_rule_or_its_area(rule_id: str, pattern: str, expected: bool) -> None:
    assert matches(rule_id, pattern) is expected


def test_severities_chosen_by_rule_id() -> None:
    policy = Policy(severities={"r.a": "high"})
    assert (policy.severity(rule("r.a")), policy.severity(rule("r.b", severity="low"))) == ("high", "low")


def test_unmatched_patterns_with_a_suggestion() -> None:
    ids = ["meetings.too-short", "meetings.too-frequent", "roles.unfilled"]
    assert unmatched(["meetings.", "roles", "meetings.too-shrt", "rolse.", "zzz"], ids) == [
        ("meetings.too-shrt", "; did you mean 'meetings.too-short'?"),
        ("rolse.", "; did you mean 'roles.'?"),
        ("zzz", ""),
    ]
    assert unmatched([], ids) == []

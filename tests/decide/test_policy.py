"""What the user chose (``copadvisor.decide.policy``): selection by id or area, severities, unmatched patterns."""

from __future__ import annotations

import pytest

from copadvisor.decide import Policy


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

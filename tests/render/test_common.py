"""The summary line (``copadvisor.render.common.summary_line``), worded from the one verdict: exact wording."""

from __future__ import annotations

from dataclasses import replace

import pytest

from copadvisor.errors import Location, Problem
from copadvisor.facts.records import Record
from copadvisor.render.common import Needed, groups, label, needed, summary_line
from copadvisor.report import Unknown

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


def test_a_group_names_what_each_finding_is_about_and_the_first_message() -> None:
    roles = [
        replace(finding("roles.unfilled", line=n), subject=("role", r)) for n, r in ((3, "chair"), (5, "co_convener"))
    ]
    group = groups(roles)[0]
    assert group.message == "2 times (chair and co_convener); the first: Message of roles.unfilled."
    assert group.where == "p/cop.yaml:3 and 5"


def test_a_group_says_how_many_more_beyond_eight_and_falls_back_without_subjects() -> None:
    dates = [f"2026-0{n}-01" for n in range(1, 10)]
    sessions = [replace(finding("r.x", line=n), subject=("session", "meeting", d)) for n, d in enumerate(dates, 1)]
    assert groups(sessions)[0].message == (
        "9 times (2026-01-01, 2026-02-01, 2026-03-01, 2026-04-01, 2026-05-01, 2026-06-01, 2026-07-01 and 2 more);"
        " the first: Message of r.x."
    )
    plain = [finding("r.y", line=1), replace(finding("r.y", line=2), subject=("role", "chair"))]
    assert groups(plain)[0].message == "2 times; the first: Message of r.y."


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        (("role", "session_design"), "session_design"),
        (("session", "launch", "2026-01-10"), "2026-01-10"),
        (("role_change", "convener", "2026-02-01"), "2026-02-01"),
        (("task", "2026-03-01"), "2026-03-01"),
        (("gap", "2026-01-10", "open"), "since 2026-01-10"),
        (("gap", "2026-01-10", "2026-05-01"), "2026-01-10 to 2026-05-01"),
        (("sponsor",), None),
        ((), None),
    ],
)
def test_what_a_finding_is_about_in_a_few_words(subject: tuple[str, ...], words: str | None) -> None:
    assert label(subject) == words


def test_the_unknowns_of_one_rule_are_one_ask_with_every_place() -> None:
    meetings = Record(events=("launch", "meeting"), field="attendance")
    unknowns = [
        Unknown("r.a", "A", (meetings,), Location("p/events.yaml", 19, 3)),
        Unknown("r.b", "B", (Record(path="convener.trained"),), Location("p/cop.yaml", 4, 1)),
        Unknown("r.a", "A", (meetings,), Location("p/events.yaml", 35, 3)),
    ]
    assert needed(unknowns) == [
        Needed("r.a", "p/events.yaml:19 and 35", (str(meetings),)),
        Needed("r.b", "p/cop.yaml:4", ("`convener.trained` in cop.yaml",)),
    ]

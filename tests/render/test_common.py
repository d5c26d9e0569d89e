"""The summary line (``copadvisor.render.common.summary_line``), worded from the one verdict: exact wording."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from cop_testing import minimal_rule

from copadvisor.errors import Location, Problem
from copadvisor.facts.records import Record
from copadvisor.render.common import Needed, groups, label, needed, risks, see_also, summary_line
from copadvisor.report import Finding, Unknown
from copadvisor.rulepack import builtin_rules_dir, load_rules

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


def test_the_risks_people_read_and_the_findings_by_place_when_they_differ() -> None:
    two = section("a", [finding("r.a", "low", 1), finding("r.a", "low", 2), finding("r.b", "high", 3)])
    one = section("b", [finding("r.a", "low", 1)])
    assert risks([two, one]) == {"low": 2, "high": 1}
    shown = report(two, one)
    assert summary_line(shown, risks([two, one])) == (
        "2 profile(s): 1 high, 2 low risks (4 findings by place: 1 high, 3 low); 0 check(s) need data; 0 with errors"
        " — fails at --fail-on high"
    )
    assert summary_line(shown).startswith("2 profile(s): 1 high, 3 low; ")
    # A rule shown under another is in that row: one risk.
    folded = {"r.a": minimal_rule(id="r.a", shown_with=["r.b"]), "r.b": minimal_rule(id="r.b")}
    assert risks([two, one], folded) == {"high": 1, "low": 1}
    alone = report(section("c", [finding("r.b", "high", 3)]))
    assert summary_line(alone, risks(alone.sections)) == summary_line(alone)  # one each: nothing more to say
    # One row for several places: "1 low risk", never "1 low risks".
    single = report(section("d", [finding("r.a", "low", 1), finding("r.a", "low", 2)]))
    assert summary_line(single, risks(single.sections)).startswith(
        "1 profile(s): 1 low risk (2 findings by place: 2 low); "
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


def _sessions(rule: str, *minutes: int) -> list[Finding]:
    return [
        replace(
            finding(rule, line=n, message=f"The meeting on 2026-0{n}-10 lasted {m} minutes."),
            subject=("session", "meeting", f"2026-0{n}-10"),
            values=(("minutes", m), ("threshold.meeting_minutes", 120)),
        )
        for n, m in enumerate(minutes, start=1)
    ]


SHORT_RULE = minimal_rule(
    id="r.short",
    match=[
        {"on": "session", "when": {"minutes": {"lt": 120}}},
        {"on": "profile", "when": {"planned_minutes": {"lt": 120}}},
    ],
    when=None,
    message_many=[
        {"when": {"count.session": 1}, "message": "The {type} on {date}, and a plan of {planned_minutes}."},
        {
            "message": "{count.session} sessions, {first_date} to {last_date}, {range.minutes} minutes; planned {planned_minutes}."
        },
        {
            "message": "{count} sessions from {first_date} to {last_date} lasted {range.minutes} of {threshold.meeting_minutes}."
        },
    ],
    next_step_many="Plan every session for two hours.",
)


def test_one_finding_reads_as_its_own_message_and_step() -> None:
    [group] = groups(_sessions("r.short", 90), {"r.short": SHORT_RULE})
    assert (group.message, group.next_step) == ("The meeting on 2026-01-10 lasted 90 minutes.", "Next step of r.short.")


def test_two_and_many_findings_read_as_the_pattern() -> None:
    rules = {"r.short": SHORT_RULE}
    [two] = groups(_sessions("r.short", 90, 90), rules)
    assert two.message == "2 sessions from 2026-01-10 to 2026-02-10 lasted 90 of 120."
    assert two.next_step == "Plan every session for two hours."
    [many] = groups(_sessions("r.short", 60, 90, 75, 60), rules)
    assert many.message == "4 sessions from 2026-01-10 to 2026-04-10 lasted 60–90 of 120."


def test_the_pattern_keeps_the_evidence_that_raised_every_finding() -> None:
    rules = {"r.short": SHORT_RULE}
    raised = [
        replace(f, severity="high", because="Members say they do not feel safe.") for f in _sessions("r.short", 90, 60)
    ]
    [group] = groups(raised, rules)
    assert (
        group.message
        == "2 sessions from 2026-01-10 to 2026-02-10 lasted 60–90 of 120. Members say they do not feel safe."
    )
    # A reason that not every finding shares is not said of the pattern.
    [group] = groups([raised[0], replace(raised[1], because="")], rules)
    assert group.message == "2 sessions from 2026-01-10 to 2026-02-10 lasted 60–90 of 120."


def test_a_variant_is_chosen_by_its_when_and_by_what_every_finding_shares() -> None:
    plan = replace(
        finding("r.short", line=9, message="Planned for 60 minutes."),
        subject=("profile",),
        values=(("planned_minutes", 60), ("threshold.meeting_minutes", 120)),
    )
    one = [
        replace(f, values=(*f.values, ("type", "meeting"), ("date", dt.date(2026, 1, 10))))
        for f in _sessions("r.short", 90)
    ]
    rules = {"r.short": SHORT_RULE}
    assert groups([*one, plan], rules)[0].message == "The meeting on 2026-01-10, and a plan of 60."
    assert groups([*_sessions("r.short", 90, 60, 75), plan], rules)[0].message == (
        "3 sessions, 2026-01-10 to 2026-03-10, 60–90 minutes; planned 60."
    )


def test_a_pattern_that_cannot_be_said_truthfully_falls_back_to_the_count_and_the_first() -> None:
    unrecorded = [*_sessions("r.short", 90), replace(_sessions("r.short", 90)[0], values=(("minutes", None),))]
    assert groups(unrecorded, {"r.short": SHORT_RULE})[0].message == (
        "2 times (2026-01-10); the first: The meeting on 2026-01-10 lasted 90 minutes."
    )


def test_roles_say_which_open_place_matters_now() -> None:
    roles = {"roles.unfilled": next(r for r in load_rules([builtin_rules_dir()]) if r.id == "roles.unfilled").rule}
    open_places = [
        replace(finding("roles.unfilled", line=n), subject=("role", r), values=(("launched", True),))
        for n, r in enumerate(("chair", "timekeeper", "co_convener"), start=1)
    ]
    [group] = groups(open_places, roles)
    assert group.message == (
        "3 places in the report's table of roles are open: chair, timekeeper and co_convener. Roles develop as the"
        " CoP matures, so most can wait until members offer; one matters now: a second co-convener, to share"
        " holding the group and cover for the other."
    )
    assert group.next_step == (
        "Describe the open roles' tasks to members at the next meeting, and ask whether someone would like to"
        " take one on, alone or with someone else."
    )
    [rest] = groups(open_places[:2], roles)
    assert rest.message == (
        "2 places in the report's table of roles are open: chair and timekeeper. Roles develop as the CoP"
        " matures: invite members to them as they step forward."
    )


FOLDED = {
    "r.host": minimal_rule(id="r.host"),
    "r.other": minimal_rule(id="r.other"),
    "r.folded": minimal_rule(id="r.folded", shown_with=["r.host", "r.other"]),
}


def test_a_rule_shown_with_another_is_a_see_also_under_the_first_that_fails() -> None:
    found = [finding("r.folded", "medium", line=7), finding("r.other", "low", 5), finding("r.host", "high", 2)]
    rows = groups(found, FOLDED)
    assert [g.first.rule for g in rows] == ["r.other", "r.host"]
    assert [g.first.rule for g in rows[1].also] == ["r.folded"]
    assert see_also(rows[1]) == ["See also r.folded (medium, p/cop.yaml:7): Message of r.folded."]
    assert (rows[1].counted, see_also(rows[0])) == (2, [])


def test_a_rule_shown_with_another_stands_alone_when_none_of_them_fails() -> None:
    rows = groups([finding("r.folded", line=7)], FOLDED)
    assert [(g.first.rule, g.also) for g in rows] == [("r.folded", ())]
    assert [g.first.rule for g in groups([finding("r.folded"), finding("r.other", line=3)], FOLDED)[0].also] == [
        "r.folded"
    ]
    assert [g.first.rule for g in groups([finding("r.folded"), finding("r.host")])] == ["r.folded", "r.host"]

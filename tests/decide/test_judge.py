"""Engine matches → raw findings and unknowns (``copadvisor.decide.judge``): messages, locations, fingerprints."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cop_testing import SHORT, facts_of, write_profile

from copadvisor.cli.main import run
from copadvisor.decide import Judged, judge, render_message
from copadvisor.decide.judge import subject_of
from copadvisor.engine import make_engine
from copadvisor.facts import Value
from copadvisor.facts.base import plain
from copadvisor.facts.records import field
from copadvisor.pipeline import engine_facts
from copadvisor.rulepack import compile_rules
from copadvisor.rulepack.model import Rule
from copadvisor.thresholds import Thresholds


def test_messages_fill_placeholders_plainly() -> None:
    values = {"minutes": 90, "date": dt.date(2025, 3, 1), "flag": True, "ratio": 0.456, "hours": 16.0, "x": None}
    text = "{minutes} {date} {flag} {ratio} {hours} {x} {stage} {threshold.meeting_minutes}"
    assert (
        render_message(text, values, "maturing", Thresholds()) == "90 2025-03-01 yes 0.5 16 not recorded maturing 120"
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fingerprints_survive_unrelated_line_moves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    args = ["check", str(folder), "--as-of", "2026-01-01", "--format", "json"]
    before = json.loads(cli(capsys, *args)[1])["profiles"][0]["findings"]
    text = (folder / "cop.yaml").read_text()
    (folder / "cop.yaml").write_text("# a comment\n\n" + text.replace("name:", "domain: {out_of_scope: [x]}\nname:"))
    after = json.loads(cli(capsys, *args)[1])["profiles"][0]["findings"]
    assert {f["rule"]: f["fingerprint"] for f in before} == {f["rule"]: f["fingerprint"] for f in after}
    assert [f["location"]["line"] for f in before] != [f["location"]["line"] for f in after]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "not recorded"), (True, "yes"), (False, "no"), (3.0, "3"), (2.25, "2.2"), (7, "7"), ("x", "x")],
)
def test_values_in_plain_words(value: Value, text: str) -> None:
    assert plain(value) == text
    assert plain(dt.date(2026, 3, 1)) == "2026-03-01"


SHORT_RULE = Rule.model_validate(
    {
        "id": "local.short",
        "title": "Short",
        "stages": ["potential", "coalescing"],
        "severity": "low",
        "source": "test",
        "when": {"planned_minutes": {"lt": {"threshold": "meeting_minutes"}}},
        "message": "{planned_minutes} of {threshold.meeting_minutes} minutes in the {stage} stage",
        "rationale": "r",
        "next_step": "Plan longer meetings.",
        "examples": {"fail": [{}], "pass": [{}]},
    }
)


def judged_of(tmp_path: Path, profile: dict[str, Any]) -> Judged:
    facts = facts_of(tmp_path, profile)
    compiled = compile_rules([SHORT_RULE], Thresholds())
    matches = make_engine(compiled.ruleset, "python").evaluate(engine_facts(facts.items))
    [result] = judge([SHORT_RULE], compiled, facts, matches, "cop", Thresholds())
    return result


def test_a_match_becomes_a_located_finding_with_its_message(tmp_path: Path) -> None:
    result = judged_of(tmp_path, SHORT)
    assert result.applicable is True  # potential is one of the rule's stages
    [finding] = result.findings
    assert (finding.rule, finding.title, finding.severity, finding.stage) == (
        "local.short",
        "Short",
        "low",
        "potential",
    )
    assert finding.message == "60 of 120 minutes in the potential stage"
    assert finding.next_step == "Plan longer meetings."
    assert finding.subject == ("profile",)
    assert (finding.location.path.endswith("cop.yaml"), finding.location.line, finding.location.column) == (True, 4, 3)
    expected = hashlib.sha256(b"cop|local.short|0|profile").hexdigest()[:16]
    assert finding.fingerprint == expected
    assert [fact.kind for fact in result.facts] == ["profile"]
    assert result.unknowns == ()


def test_a_fact_not_recorded_is_an_unknown_that_says_what_to_record(tmp_path: Path) -> None:
    result = judged_of(tmp_path, {})
    assert result.findings == ()
    [unknown] = result.unknowns
    assert (unknown.rule, unknown.missing) == ("local.short", (field("practicalities.meeting_minutes"),))
    assert unknown.location.line == 1  # no `practicalities:` to point at: the top of the file


def test_a_rule_outside_its_stages_is_judged_not_applicable(tmp_path: Path) -> None:
    events = [{"date": "2024-01-01", "type": "launch"}] + [
        {"date": f"2024-0{m}-01", "type": "meeting"} for m in range(2, 7)
    ]
    facts = facts_of(tmp_path, SHORT, events)
    compiled = compile_rules([SHORT_RULE], Thresholds())
    matches = make_engine(compiled.ruleset, "python").evaluate(engine_facts(facts.items))
    [result] = judge([SHORT_RULE], compiled, facts, matches, "cop", Thresholds())
    assert facts.stage == "stewardship"
    assert result.applicable is False
    assert len(result.findings) == 1  # found, but the decision step leaves it out


def test_an_unknown_names_only_the_facts_not_recorded_and_points_at_the_first(tmp_path: Path) -> None:
    both = SHORT_RULE.model_copy(
        update={"id": "local.both", "when": {"planned_minutes": {"lt": 120}, "cadence_weeks": {"gt": 8}}}
    )
    facts = facts_of(tmp_path, {"practicalities": {"cadence_weeks": 9, "format": "online"}})
    compiled = compile_rules([both], Thresholds())
    matches = make_engine(compiled.ruleset, "python").evaluate(engine_facts(facts.items))
    [result] = judge([both], compiled, facts, matches, "cop", Thresholds())
    [unknown] = result.unknowns
    assert (unknown.rule, unknown.title, unknown.missing) == (
        "local.both",
        "Short",
        (field("practicalities.meeting_minutes"),),
    )
    assert unknown.location.line == 4  # the `practicalities:` mapping that lacks meeting_minutes
    assert unknown.location == facts.profile.location_of("planned_minutes")


def test_matches_of_unknown_clauses_or_facts_are_left_out(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, SHORT)
    compiled = compile_rules([SHORT_RULE], Thresholds())
    matches = [("local.short#0", 1), ("no.such-rule#0", 1), ("local.short#0", 999)]
    [result] = judge([SHORT_RULE], compiled, facts, matches, "cop", Thresholds())
    assert [f.rule for f in result.findings] == ["local.short"]


@pytest.mark.parametrize(
    ("kind", "values", "subject"),
    [
        ("role", {"role": "admin", "people_count": 0}, ("role", "admin")),
        (
            "session",
            {"type": "meeting", "date": dt.date(2026, 5, 12), "minutes": 60},
            ("session", "meeting", "2026-05-12"),
        ),
        (
            "gap",
            {"from_date": dt.date(2026, 1, 2), "to_date": dt.date(2026, 6, 1), "ongoing": True},
            ("gap", "2026-01-02", "open"),
        ),
        (
            "gap",
            {"from_date": dt.date(2026, 1, 2), "to_date": dt.date(2026, 6, 1), "ongoing": False},
            ("gap", "2026-01-02", "2026-06-01"),
        ),
        ("role_change", {"role": "convener", "date": dt.date(2026, 3, 1)}, ("role_change", "convener", "2026-03-01")),
        ("task", {"date": dt.date(2026, 3, 1), "by_sponsor": True}, ("task", "2026-03-01")),
        ("sponsor", {"oversight": True}, ("sponsor",)),  # never the sponsor's id
        ("person_id", {"looks_like_name": True}, ("person_id",)),
    ],
)
def test_what_a_finding_is_about_never_names_anyone(
    kind: str, values: dict[str, Value], subject: tuple[str, ...]
) -> None:
    from copadvisor.errors import Location
    from copadvisor.facts import Fact

    assert subject_of(Fact(kind, 1, f"{kind}:AB", Location("p"), values)) == subject


PARTS_RULE = Rule.model_validate(
    {
        "id": "local.parts",
        "title": "Parts",
        "stages": "all",
        "severity": "low",
        "source": "test",
        "applies_when": [
            {"when": {"launched": True}, "not_due": "no launch yet"},
            {"when": {"planned_minutes": {"exists": True}}, "not_due": "no planned length"},
        ],
        "match": [
            {"when": {"planned_minutes": {"lt": 90}}, "next_step": "Plan at least 90 minutes."},
            {"when": {"planned_minutes": {"ge": 90, "lt": 120}}},
        ],
        "message": "{planned_minutes} minutes",
        "rationale": "r",
        "next_step": "Plan two hours.",
        "examples": {"fail": [{}], "pass": [{}]},
    }
)


def judged_parts(tmp_path: Path, profile: dict[str, Any], events: list[Any] | None) -> Judged:
    facts = facts_of(tmp_path, profile, events, as_of="2026-06-01")
    compiled = compile_rules([PARTS_RULE], Thresholds())
    matches = make_engine(compiled.ruleset, "python").evaluate(engine_facts(facts.items))
    [result] = judge([PARTS_RULE], compiled, facts, matches, "cop", Thresholds())
    return result


@pytest.mark.parametrize(
    ("minutes", "launched", "due", "waiting", "steps"),
    [
        (None, False, False, "no launch yet", []),  # the first part that does not hold gives the reason
        (None, True, False, "no planned length", []),
        (60, False, False, "no launch yet", ["Plan at least 90 minutes."]),  # found; decide leaves it out
        (60, True, True, "", ["Plan at least 90 minutes."]),  # the clause's own next step
        (100, True, True, "", ["Plan two hours."]),  # the rule's, where the clause gives none
        (120, True, True, "", []),
    ],
)
def test_each_part_of_a_precondition_gives_its_reason_and_each_clause_its_next_step(
    tmp_path: Path, minutes: int | None, launched: bool, due: bool, waiting: str, steps: list[str]
) -> None:
    profile = {"practicalities": {"meeting_minutes": minutes}} if minutes else {}
    events = [{"date": "2026-01-10", "type": "launch"}] if launched else None
    result = judged_parts(tmp_path, profile, events)
    assert (result.due, result.waiting, [f.next_step for f in result.findings]) == (due, waiting, steps)


FILLED_RULE = Rule.model_validate(
    {
        "id": "local.filled",
        "title": "Filled",
        "stages": "all",
        "severity": "low",
        "source": "test",
        "applies_when": [
            {"when": {"launched": True}, "not_due": "no launch yet, in the {stage} stage"},
            {
                "when": {"planned_minutes": {"ge": 120}},
                "not_due": "{planned_minutes} minutes planned, under {threshold.meeting_minutes}",
                "contradicted_by": ["meetings.too-short"],
            },
        ],
        "when": {"cadence_weeks": {"gt": 8}},
        "message": "m",
        "rationale": "r",
        "next_step": "n",
        "examples": {"fail": [{}], "pass": [{}]},
    }
)


def judged_filled(tmp_path: Path, profile: dict[str, Any], events: list[Any] | None) -> Judged:
    facts = facts_of(tmp_path, profile, events, as_of="2026-06-01")
    compiled = compile_rules([FILLED_RULE], Thresholds())
    matches = make_engine(compiled.ruleset, "python").evaluate(engine_facts(facts.items))
    [result] = judge([FILLED_RULE], compiled, facts, matches, "cop", Thresholds())
    return result


LAUNCH = [{"date": "2026-01-10", "type": "launch"}]


@pytest.mark.parametrize(
    ("minutes", "events", "due", "waiting", "waiting_on"),
    [
        (None, None, False, "no launch yet, in the potential stage", ()),
        (90, LAUNCH, False, "90 minutes planned, under 120", ("meetings.too-short",)),
        (60, LAUNCH, False, "60 minutes planned, under 120", ("meetings.too-short",)),
        (120, LAUNCH, True, "", ()),
    ],
)
def test_a_not_due_reason_names_the_profile_s_values_and_the_part_s_contradicting_rules(
    tmp_path: Path, minutes: int | None, events: list[Any] | None, due: bool, waiting: str, waiting_on: tuple[str, ...]
) -> None:
    """Fifth review: "one report so far, on 2025-12-02; the next is due by 2027-01-02", not "the next, within
    the cycle"; and a part that waits on what another rule speaks for names that rule."""
    profile = {"practicalities": {"meeting_minutes": minutes}} if minutes else {}
    result = judged_filled(tmp_path, profile, events)
    assert (result.due, result.waiting, result.waiting_on) == (due, waiting, waiting_on)

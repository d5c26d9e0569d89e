"""The rule pack format (``copadvisor.rulepack.model``): rule ids, one form of condition, stages spelt out."""

from __future__ import annotations

import re
from typing import Any

import pydantic
import pytest
from cop_testing import minimal_rule as rule

from copadvisor.rulepack import builtin_rules_dir, load_rules
from copadvisor.rulepack.model import SPONSOR_STEP_FALLBACK, Clause, Precondition
from copadvisor.terms import STAGES


@pytest.mark.parametrize("rule_id", ["a.b", "meetings.too-short", "x1.y_2.z-3"])
def test_good_rule_ids(rule_id: str) -> None:
    assert rule(id=rule_id).id == rule_id


@pytest.mark.parametrize("rule_id", ["meetings", "Meetings.short", "1a.b", "a..b", "a.b c", "a." + "b" * 80])
def test_bad_rule_ids_are_refused_with_the_form_to_use(rule_id: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=r"write area\.rule-name, in lower case"):
        rule(id=rule_id)


@pytest.mark.parametrize(
    ("stages", "ids"),
    [
        ("all", STAGES),
        ("all-but-transformation", STAGES[:4]),
        ("portfolio", ("portfolio",)),
        (["maturing", "coalescing"], ("maturing", "coalescing")),
    ],
)
def test_stage_ids(stages: Any, ids: tuple[str, ...]) -> None:
    assert rule(stages=stages).stage_ids == ids


def test_one_clause_from_on_when_and_at() -> None:
    assert rule(on="session", when={"minutes": 60}, at="minutes").clauses == (
        Clause(on="session", when={"minutes": 60}, at="minutes"),
    )
    assert rule().clauses == (Clause(on="profile", when={"launched": True}),)


def test_match_gives_several_clauses_with_their_messages() -> None:
    match = [{"when": {"launched": True}, "message": "first"}, {"on": "gap", "when": {"days": 1}}]
    clauses = rule(when=None, match=match).clauses
    assert [(c.on, c.message) for c in clauses] == [("profile", "first"), ("gap", None)]


def test_match_and_when_together_or_neither_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="give either `match`"):
        rule(match=[{"when": {"launched": True}}])
    with pytest.raises(pydantic.ValidationError, match="a rule needs a condition"):
        rule(when=None)


def test_examples_need_one_failing_and_one_passing() -> None:
    with pytest.raises(pydantic.ValidationError):
        rule(examples={"fail": [], "pass": [{}]})
    examples = rule().examples
    assert (len(examples.fail), len(examples.pass_), examples.unknown) == (1, 1, [])
    assert str(examples.fail[0].as_of) == "2026-01-01"  # the default as-of date of an example


def test_only_the_known_keep_if_is_accepted() -> None:
    assert rule(keep_if="suppresses-nothing").keep_if == "suppresses-nothing"
    with pytest.raises(pydantic.ValidationError):
        rule(keep_if="suppresses-something")


# The convener's editing instructions, which the sponsors' words must not hold: a dotted field path, a snake_case
# YAML key or value, or "record" (SPEC §5, "Sponsors' report and members' privacy").
EDITING = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*\b|\b[a-z]+_[a-z_]+\b|\brecord\b", re.IGNORECASE)


def test_every_built_in_rule_has_sponsor_words_without_editing_instructions() -> None:
    rules = [loaded.rule for loaded in load_rules([builtin_rules_dir()])]
    assert len(rules) >= 60
    assert [r.id for r in rules if r.sponsor_step is None] == []
    assert [(r.id, m.group()) for r in rules if (m := EDITING.search(r.sponsor_words))] == []
    assert len({r.sponsor_step for r in rules}) >= len(rules) - 5  # each rule says its own


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("Agree hours and record it as convener.dedicated_hours_per_month.", "record"),
        ("Let members decide (decided_by: members).", "decided_by"),
        ("Add them to roles.co_convener.", "roles.co_convener"),
        ("Update governance.acknowledged.", "governance.acknowledged"),
        ("Note external_voice on the meeting.", "external_voice"),
        ("Then Record the outcome.", "Record"),
    ],
)
def test_a_sponsor_step_with_an_editing_instruction_is_refused_naming_it(words: str, found: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        rule(sponsor_step=words)
    assert f"'{found}' is an editing instruction" in str(caught.value)


def test_plain_sponsor_words_are_kept_and_a_rule_without_them_gets_the_fallback() -> None:
    words = "Offer protected time, e.g. two hours a month, i.e. recognised in the job plan; records are theirs."
    assert rule(sponsor_step=words).sponsor_words == words
    assert rule().sponsor_words == SPONSOR_STEP_FALLBACK


def test_a_precondition_list_gives_each_part_its_own_reason() -> None:
    parts = [{"when": {"launched": True}, "not_due": "no launch yet"}, {"when": {"closed": False}, "not_due": "closed"}]
    assert rule(applies_when=parts).preconditions == (
        Precondition(when={"launched": True}, not_due="no launch yet"),
        Precondition(when={"closed": False}, not_due="closed"),
    )
    assert rule(applies_when={"launched": True}, not_due="no launch yet").preconditions == (
        Precondition(when={"launched": True}, not_due="no launch yet"),
    )
    assert rule().preconditions == ()
    with pytest.raises(pydantic.ValidationError, match="its own `not_due`"):
        rule(applies_when=parts, not_due="one reason for both")
    with pytest.raises(pydantic.ValidationError, match="its own `not_due`"):
        rule(applies_when=[])


def test_a_clause_may_give_its_own_next_step() -> None:
    match = [{"when": {"launched": True}, "next_step": "Do this."}, {"when": {"closed": True}}]
    assert [c.next_step for c in rule(when=None, match=match).clauses] == ["Do this.", None]


def test_an_escalation_must_raise_the_severity_above_the_rule_s() -> None:
    raised = {"when": {"meetings_count": {"ge": 3}}, "severity": "high", "because": "Three meetings."}
    assert rule(severity="medium", escalate=[raised]).escalations[0].severity == "high"
    with pytest.raises(pydantic.ValidationError, match=r"above the rule's \(medium\); 'medium' is not above it"):
        rule(severity="medium", escalate=[{**raised, "severity": "medium"}])
    with pytest.raises(pydantic.ValidationError, match=r"'low' is not above it"):
        rule(severity="medium", escalate=[{**raised, "severity": "low"}])

"""The rule pack format (``copadvisor.rulepack.model``): rule ids, one form of condition, stages spelt out."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from copadvisor.rulepack.model import Clause, Precondition, Rule
from copadvisor.terms import STAGES

BASE: dict[str, Any] = {
    "id": "area.rule-name",
    "title": "A title",
    "stages": "all",
    "severity": "low",
    "source": "test",
    "when": {"launched": True},
    "message": "m",
    "rationale": "r",
    "next_step": "n",
    "examples": {"fail": [{}], "pass": [{}]},
}


def rule(**changes: Any) -> Rule:
    data = {**BASE, **changes}
    return Rule.model_validate({k: v for k, v in data.items() if v is not None})


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

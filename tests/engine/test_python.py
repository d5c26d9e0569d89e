"""The pure-Python evaluator."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from copadvisor.engine import EngineError, EngineFact, InvalidRules, RuleSet
from copadvisor.engine.python import PythonEngine


def rules(**clauses: Any) -> RuleSet:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return RuleSet("test-" + repr(sorted(definition.items())), definition)


def evaluate(facts: list[EngineFact], **clauses: Any) -> list[tuple[str, int]]:
    return PythonEngine(rules(**clauses)).evaluate(facts)


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> EngineFact:
    return {"id": fact_id, "kind": kind, **fields}


def test_empty_fact_list() -> None:
    assert evaluate([], c={"kind": "meeting"}) == []


def test_fact_matching_no_clause() -> None:
    assert evaluate([fact(kind="member")], c={"kind": "meeting"}) == []


def test_several_clauses_match_one_fact_sorted() -> None:
    matches = evaluate([fact(size=3)], z={"$gt": {"size": 1}}, a={"size": 3}, m={"$ex": {"size": 1}})
    assert matches == [("a", 1), ("m", 1), ("z", 1)]


def test_many_facts() -> None:
    facts = [fact(i, size=i % 10) for i in range(1, 1001)]
    matches = evaluate(facts, small={"$and": [{"kind": "meeting"}, {"$lt": {"size": 3}}]})
    assert matches == [("small", i) for i in range(1, 1001) if i % 10 < 3]


def test_kind_index_and_clauses_without_kind() -> None:
    facts = [fact(1, "meeting", size=1), fact(2, "member", size=1)]
    matches = evaluate(facts, meetings={"$and": [{"kind": "meeting"}, {"size": 1}]}, any={"size": 1})
    assert matches == [("any", 1), ("any", 2), ("meetings", 1)]


def test_or_matching_twice_is_reported_once() -> None:
    assert evaluate([fact(size=2)], c={"$or": [{"size": 2}, {"$gt": {"size": 1}}]}) == [("c", 1)]


def test_definition_is_not_mutated() -> None:
    compiled = rules(c={"$and": [{"kind": "meeting"}, {"$or": [{"a": 1}, {"$nex": {"b": 1}}]}]})
    before = copy.deepcopy(compiled.definition)
    PythonEngine(compiled).evaluate([fact(a=1)])
    assert compiled.definition == before


def test_the_dialect_checks_definitions_and_facts() -> None:
    # The full tables are in test_dialect.py; here, that this engine asks the dialect at all.
    with pytest.raises(InvalidRules):
        PythonEngine(RuleSet("bad", {"c": {"all": [{"m": {"$in": {"a": 1}}}]}}))
    with pytest.raises(EngineError, match="not unique"):
        evaluate([fact(1), fact(1)], c={"kind": "meeting"})


def test_deeply_nested_expressions() -> None:
    expr: dict[str, Any] = {"a": 1}
    for depth in range(40):
        expr = {"$or" if depth % 2 else "$and": [expr, {"$neq": {"b": depth}}]}
    assert evaluate([fact(a=1, b=-1), fact(2, a=2)], c=expr) == [("c", 1)]


def test_largest_accepted_fact() -> None:
    wide: EngineFact = {"id": 1, "kind": "k", **{f"f{i}": i for i in range(251)}}
    assert evaluate([wide], c={"f250": 250}) == [("c", 1)]

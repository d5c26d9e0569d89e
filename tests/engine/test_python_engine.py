"""The pure-Python evaluator, the shared checks of rules and facts, and choosing an engine."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from copadvisor import engine
from copadvisor.engine import (
    CompiledRules,
    EngineError,
    EngineUnavailable,
    Fact,
    InvalidRules,
    available_engines,
    make_engine,
)
from copadvisor.engine.python import PythonEngine


def rules(**clauses: Any) -> CompiledRules:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return CompiledRules("test-" + repr(sorted(definition.items())), definition)


def evaluate(facts: list[Fact], **clauses: Any) -> list[tuple[str, int]]:
    return PythonEngine(rules(**clauses)).evaluate(facts)


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> Fact:
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


@pytest.mark.parametrize(
    "definition",
    [
        [],
        {"c": {"all": [{"m": {"a": 1}}], "run": print}},
        {"c": {"all": [{"m": {"a": 1}}, {"m": {"b": 1}}]}},
        {"c": {"all": [{"n": {"a": 1}}]}},
        {1: {"all": [{"m": {"a": 1}}]}},
    ],
)
def test_malformed_definitions_are_refused(definition: Any) -> None:
    with pytest.raises(InvalidRules):
        PythonEngine(CompiledRules("bad", definition))


@pytest.mark.parametrize(
    "expr",
    [
        {"a": 1, "b": 2},
        {"$in": {"a": 1}},
        {"$and": []},
        {"$or": {"a": 1}},
        {"$lt": {"a": 1, "b": 2}},
        {"$ex": {"a": 2}},
        {"id": 1},
        {"$neq": {"sid": "x"}},
        {"$x": 1},
        {"a.b": 1},
        {"": 1},
        {"a": [1]},
        {"a": None},
        {"a": {"b": 1}},
        {"a": float("nan")},
        {"a": float("inf")},
        {"a": 1e-05},
        {"a": 1e16},
        {"a": 2**63},
        {"a": "\ud800"},
        {"a": "x" * 70_000},
    ],
)
def test_expressions_outside_the_subset_are_refused(expr: Any) -> None:
    with pytest.raises(InvalidRules):
        PythonEngine(rules(c=expr))


def test_deeply_nested_expressions() -> None:
    expr: dict[str, Any] = {"a": 1}
    for depth in range(40):
        expr = {"$or" if depth % 2 else "$and": [expr, {"$neq": {"b": depth}}]}
    assert evaluate([fact(a=1, b=-1), fact(2, a=2)], c=expr) == [("c", 1)]


def test_accepted_edge_values() -> None:
    expr = {"$and": [{"a": 1.5e-05}, {"b": 2**63 - 1}, {"c": -(2**63)}, {"d": "é" * 10_000}]}
    PythonEngine(rules(c=expr))


@pytest.mark.parametrize(
    ("bad_fact", "message"),
    [
        ({"kind": "k"}, "'id'"),
        ({"id": 0, "kind": "k"}, "'id'"),
        ({"id": True, "kind": "k"}, "'id'"),
        ({"id": 2**63, "kind": "k"}, "'id'"),
        ({"id": 1}, "'kind'"),
        ({"id": 1, "kind": 3}, "'kind'"),
        ({"id": 1, "kind": "k", "sid": "1"}, "reserved"),
        ({"id": 1, "kind": "k", "$s": 1}, "leading"),
        ({"id": 1, "kind": "k", "a.b": 1}, "leading"),
        ({"id": 1, "kind": "k", "a": float("nan")}, "not finite"),
        ({"id": 1, "kind": "k", "a": float("-inf")}, "not finite"),
        ({"id": 1, "kind": "k", "a": 1e-05}, "cannot read"),
        ({"id": 1, "kind": "k", "a": -(2**63) - 1}, "64 bits"),
        ({"id": 1, "kind": "k", "a": [1]}, "not a scalar"),
        ({"id": 1, "kind": "k", "a": None}, "not a scalar"),
        ({"id": 1, "kind": "k", "a": "\udc00"}, "lone surrogate"),
        ({"id": 1, "kind": "k", "a": "\x00" * 11_000}, "longer than"),
        ({"id": 1, "kind": "k", **{f"f{i}": i for i in range(252)}}, "at most"),
    ],
)
def test_facts_either_engine_would_misread_are_refused(bad_fact: Any, message: str) -> None:
    with pytest.raises(EngineError, match=message):
        evaluate([bad_fact], c={"kind": "k"})


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(EngineError, match="not unique"):
        evaluate([fact(1), fact(1)], c={"kind": "meeting"})


def test_largest_accepted_fact() -> None:
    wide: Fact = {"id": 1, "kind": "k", **{f"f{i}": i for i in range(251)}}
    assert evaluate([wide], c={"f250": 250}) == [("c", 1)]


# --- choosing an engine -------------------------------------------------------------------------------


def test_make_engine_python() -> None:
    assert make_engine(rules(c={"kind": "k"}), "python").name == "python"


def test_make_engine_auto_takes_the_first_available() -> None:
    assert make_engine(rules(c={"kind": "k"})).name == available_engines()[0]


def test_make_engine_unknown_name() -> None:
    with pytest.raises(EngineUnavailable, match="unknown engine 'drools'"):
        make_engine(rules(c={"kind": "k"}), "drools")
    assert issubclass(EngineUnavailable, ValueError)


def test_without_durable_auto_falls_back_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    from copadvisor.engine import durable

    monkeypatch.setattr(durable, "AVAILABLE", False)
    assert available_engines() == ("python",)
    assert make_engine(rules(c={"kind": "k"})).name == "python"
    with pytest.raises(EngineUnavailable, match=r"Python < 3\.13"):
        make_engine(rules(c={"kind": "k"}), "durable")


def test_required_kind() -> None:
    assert engine.required_kind({"kind": "k"}) == "k"
    assert engine.required_kind({"$and": [{"kind": "k"}, {"a": 1}]}) == "k"
    assert engine.required_kind({"$and": [{"a": 1}, {"kind": "k"}]}) is None
    assert engine.required_kind({"$or": [{"kind": "k"}]}) is None
    assert engine.required_kind({"kind": 1}) is None

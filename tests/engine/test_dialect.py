"""The compiled form both engines accept: the checks of definitions and of facts."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import pytest

from copadvisor.engine import EngineError, EngineFact, InvalidRules
from copadvisor.engine.dialect import check_facts, clause_expressions, required_kind


def definition(**clauses: Any) -> dict[str, Any]:
    return {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> EngineFact:
    return {"id": fact_id, "kind": kind, **fields}


def test_clause_expressions_are_plain_fresh_copies() -> None:
    expr = MappingProxyType({"$and": (MappingProxyType({"kind": "k"}), {"$or": ({"v": 1}, {"$nex": {"v": 1}})})})
    given = MappingProxyType({"c": MappingProxyType({"all": (MappingProxyType({"m": expr}),)})})
    expressions = clause_expressions(given)
    assert expressions == {"c": {"$and": [{"kind": "k"}, {"$or": [{"v": 1}, {"$nex": {"v": 1}}]}]}}
    assert type(expressions["c"]) is dict
    assert type(expressions["c"]["$and"]) is list


@pytest.mark.parametrize(
    "malformed",
    [
        [],
        {"c": {"all": [{"m": {"a": 1}}], "run": print}},
        {"c": {"all": [{"m": {"a": 1}}, {"m": {"b": 1}}]}},
        {"c": {"all": [{"n": {"a": 1}}]}},
        {1: {"all": [{"m": {"a": 1}}]}},
    ],
)
def test_malformed_definitions_are_refused(malformed: Any) -> None:
    with pytest.raises(InvalidRules):
        clause_expressions(malformed)


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
        clause_expressions(definition(c=expr))


def test_accepted_edge_values() -> None:
    expr = {"$and": [{"a": 1.5e-05}, {"b": 2**63 - 1}, {"c": -(2**63)}, {"d": "é" * 10_000}]}
    assert clause_expressions(definition(c=expr)) == {"c": expr}


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
        check_facts([bad_fact])


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(EngineError, match="not unique"):
        check_facts([fact(1), fact(1)])


def test_largest_accepted_fact() -> None:
    check_facts([{"id": 1, "kind": "k", **{f"f{i}": i for i in range(251)}}])


def test_required_kind() -> None:
    assert required_kind({"kind": "k"}) == "k"
    assert required_kind({"$and": [{"kind": "k"}, {"a": 1}]}) == "k"
    assert required_kind({"$and": [{"a": 1}, {"kind": "k"}]}) is None
    assert required_kind({"$or": [{"kind": "k"}]}) is None
    assert required_kind({"kind": 1}) is None

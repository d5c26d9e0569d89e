"""Both engines on a table of measured durable_rules results, then on generated rules (differential)."""

from __future__ import annotations

import hashlib
import json
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copadvisor.engine import EngineFact, RuleSet, available_engines, make_engine
from copadvisor.engine.dialect import scalar_problem

needs_durable = pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules not importable")

# (EXPR, value of field "v" or MISSING, expected match), as durable_rules 2.0.28 was measured to answer.
MISSING = object()
TABLE: list[tuple[dict[str, Any], Any, bool]] = [
    ({"v": 1}, 1, True),
    ({"v": 1}, 1.0, True),
    ({"v": 1}, True, True),
    ({"v": 0}, False, True),
    ({"v": 1}, 2, False),
    ({"v": 1}, MISSING, False),
    ({"$neq": {"v": 1}}, 2, True),
    ({"$neq": {"v": 1}}, MISSING, False),
    ({"$neq": {"v": True}}, 1, False),
    ({"$lt": {"v": 2}}, 1, True),
    ({"$lt": {"v": 2}}, 2, False),
    ({"$lte": {"v": 2}}, 2, True),
    ({"$gt": {"v": 2}}, 2.5, True),
    ({"$gte": {"v": 2.5}}, 2, False),
    ({"$gt": {"v": 0.5}}, True, True),
    ({"$lt": {"v": 0}}, -(2**63), True),
    ({"$gt": {"v": 2**63 - 2}}, 2**63 - 1, True),
    ({"$gt": {"v": 1}}, MISSING, False),
    # once a float is involved both sides are C doubles: 2**53 + 1 rounds to 2**53
    ({"v": 2.0**53}, 2**53 + 1, True),
    ({"v": 2**53}, 2**53 + 1, False),
    ({"$gt": {"v": False}}, True, True),
    ({"$lt": {"v": True}}, False, True),
    ({"$lte": {"v": False}}, True, False),
    ({"$gte": {"v": True}}, True, True),
    ({"v": "a"}, "a", True),
    ({"v": "a"}, "A", False),
    ({"$neq": {"v": "a"}}, "b", True),
    ({"$lt": {"v": "b"}}, "a", True),
    ({"$lt": {"v": "a"}}, "B", True),
    ({"$lt": {"v": "9"}}, "10", True),
    ({"$gt": {"v": "z"}}, "é", True),
    ({"$lt": {"v": "ab"}}, "a", True),
    # a fact's text that is a prefix of the rule's compares as if followed by '"' (0x22)
    ({"$lt": {"v": "a b"}}, "a", False),
    ({"$gt": {"v": "a b"}}, "a", True),
    ({"$gt": {"v": "a!"}}, "a", True),
    # texts are ordered by their JSON escapes: '"' is written '\\"' and '\\' sorts after '#'
    ({"$lt": {"v": "a#"}}, 'a"', False),
    ({"$gt": {"v": "a "}}, "a\n", True),
    ({"$ex": {"v": 1}}, 0, True),
    ({"$ex": {"v": 1}}, MISSING, False),
    ({"$nex": {"v": 1}}, MISSING, True),
    ({"$nex": {"v": 1}}, "", False),
    ({"$and": [{"$gt": {"v": 1}}, {"$lt": {"v": 3}}]}, 2, True),
    ({"$and": [{"$gt": {"v": 1}}, {"$lt": {"v": 3}}]}, 3, False),
    ({"$or": [{"v": 1}, {"$and": [{"$gt": {"v": 5}}, {"$neq": {"v": 7}}]}]}, 7, False),
    ({"$or": [{"v": 1}, {"$and": [{"$gt": {"v": 5}}, {"$neq": {"v": 7}}]}]}, 6, True),
    ({"$or": [{"$nex": {"v": 1}}, {"v": 0}]}, MISSING, True),
]


@pytest.mark.parametrize("which", available_engines())
@pytest.mark.parametrize(("expr", "value", "expected"), TABLE)
def test_measured_semantics(which: str, expr: dict[str, Any], value: Any, expected: bool) -> None:
    kinded = {"$and": [{"kind": "k"}, expr]}
    definition = {"plain": {"all": [{"m": expr}]}, "kinded": {"all": [{"m": kinded}]}}
    facts: list[EngineFact] = [{"id": 7, "kind": "k"} if value is MISSING else {"id": 7, "kind": "k", "v": value}]
    matches = make_engine(compiled(definition), which).evaluate(facts)
    assert matches == ([("kinded", 7), ("plain", 7)] if expected else [])


KINDS = ("alpha", "beta")
TRICKY_TEXTS = ("", "a", "a b", "a!", "a#", "ab", 'a"', "a\\", "a\n", "A", "é", "😀", "10", "9", "true")
NUMBERS = (0, 1, -1, 2, 0.5, 1.0, -0.0, 2**53, 2**53 + 1, 2**63 - 1, -(2**63), True, False)

texts = st.sampled_from(TRICKY_TEXTS) | st.text(st.characters(codec="utf-8"), max_size=5)
floats = st.floats(allow_nan=False, allow_infinity=False).filter(lambda value: scalar_problem(value) is None)
numbers = st.sampled_from(NUMBERS) | st.integers(-(2**63), 2**63 - 1) | floats | st.booleans()
# Each field holds one family of values, as the rule compiler guarantees.
FAMILIES: dict[str, st.SearchStrategy[Any]] = {
    "n1": numbers,
    "n2": numbers,
    "t1": texts,
    "t2": texts,
    "b1": st.booleans(),
}
OPERATORS = ("$eq", "$neq", "$lt", "$lte", "$gt", "$gte")


@st.composite
def leaves(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(st.sampled_from(sorted(FAMILIES)))
    operator = draw(st.sampled_from((*OPERATORS, "$ex", "$nex")))
    if operator in ("$ex", "$nex"):
        return {operator: {field: 1}}
    value = draw(FAMILIES[field])
    return {field: value} if operator == "$eq" else {operator: {field: value}}


def connectives(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda op, items: {op: items}, st.sampled_from(("$and", "$or")), st.lists(children, min_size=1, max_size=3)
    )


# Up to 12 leaves: enough to pass durable_rules' 15 $and/$or per clause, which the adapter splits around.
expressions = st.recursive(leaves(), connectives, max_leaves=12)


# One draw per leaf keeps the deep trees below cheap to generate.
QUICK_LEAVES: st.SearchStrategy[dict[str, Any]] = st.sampled_from(
    [{"n1": n} for n in (0, 1, 2.5)]
    + [{op: {"n2": 1}} for op in OPERATORS[1:]]
    + [{"t1": "a"}, {"$lt": {"t1": "a b"}}, {"$gte": {"t2": "b"}}, {"b1": True}, {"$neq": {"b1": False}}]
    + [{op: {field: 1}} for op in ("$ex", "$nex") for field in ("n1", "t1", "b1")]
)


@st.composite
def alternating(draw: st.DrawFn, operator: str = "$and", depth: int = 4) -> dict[str, Any]:
    """Deep $and/$or trees that do not flatten: often past durable_rules' 15 per clause, so split."""
    if depth == 0 or draw(st.integers(0, 7)) == 0:
        return draw(QUICK_LEAVES)
    other = "$or" if operator == "$and" else "$and"
    return {operator: [draw(alternating(other, depth - 1)) for _ in range(draw(st.integers(2, 3)))]}


@st.composite
def clauses(draw: st.DrawFn) -> dict[str, Any]:
    expr = draw(expressions | alternating())
    shape = draw(st.sampled_from(("kind-and", "kind-only", "no-kind")))
    kind = {"kind": draw(st.sampled_from(KINDS))}
    m = {"kind-and": {"$and": [kind, expr]}, "kind-only": kind, "no-kind": expr}[shape]
    return {"all": [{"m": m}]}


@st.composite
def fact_lists(draw: st.DrawFn) -> list[EngineFact]:
    facts: list[EngineFact] = []
    for fact_id in range(1, draw(st.integers(0, 6)) + 1):
        fields = draw(st.sets(st.sampled_from(sorted(FAMILIES))))
        values = {name: draw(FAMILIES[name]) for name in sorted(fields)}
        facts.append({"id": fact_id, "kind": draw(st.sampled_from(KINDS)), **values})
    return facts


definitions = st.dictionaries(st.sampled_from([f"c{i}" for i in range(6)]), clauses(), min_size=1, max_size=5)


def compiled(definition: dict[str, Any]) -> RuleSet:
    text = json.dumps(definition, sort_keys=True)
    return RuleSet(hashlib.sha256(text.encode()).hexdigest(), definition)


@pytest.mark.parametrize("which", available_engines())
def test_frozen_definitions_are_read_like_plain_ones(which: str) -> None:
    expr = MappingProxyType({"$and": (MappingProxyType({"kind": "k"}), {"$or": ({"v": 1}, {"$nex": {"v": 1}})})})
    definition = MappingProxyType({"c": MappingProxyType({"all": (MappingProxyType({"m": expr}),)})})
    engine = make_engine(RuleSet(f"frozen-{which}", definition), which)
    assert engine.evaluate([{"id": 1, "kind": "k"}, {"id": 2, "kind": "k", "v": 2}]) == [("c", 1)]


@needs_durable
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(definitions, st.lists(fact_lists(), min_size=1, max_size=3))
def test_durable_and_python_agree(definition: dict[str, Any], fact_sets: list[list[EngineFact]]) -> None:
    rules = compiled(definition)
    durable, python = make_engine(rules, "durable"), make_engine(rules, "python")
    for facts in fact_sets:
        assert durable.evaluate(facts) == python.evaluate(facts)

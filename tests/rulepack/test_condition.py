"""The condition language: checks against the vocabulary, and three-valued compilation for the engines."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copadvisor.engine import RuleSet, make_engine
from copadvisor.facts import FactField
from copadvisor.rulepack.condition import (
    All,
    AnyOf,
    Compare,
    ConditionError,
    Exists,
    Node,
    Not,
    compile_true,
    compile_unknown,
    facts_of,
    parse,
)
from copadvisor.thresholds import Thresholds

FIELDS = {
    "n": FactField("number", "a number"),
    "m": FactField("number", "another number"),
    "flag": FactField("bool", "a flag"),
    "colour": FactField("text", "a colour", ("red", "green", "blue")),
    "name": FactField("text", "free text"),
    "when": FactField("date", "a date"),
}


def check(raw: Any) -> Node:
    return parse(raw, FIELDS, Thresholds())


def test_shorthand_and_tests() -> None:
    assert check({"n": 3}) == Compare("n", "eq", 3)
    assert check({"n": {"lt": 3, "ge": 1}}) == All((Compare("n", "lt", 3), Compare("n", "ge", 1)))
    assert check({"colour": {"in": ["red", "blue"]}}) == AnyOf(
        (Compare("colour", "eq", "red"), Compare("colour", "eq", "blue"))
    )
    assert check({"not": {"flag": True}}) == Not(Compare("flag", "eq", True))
    assert check({"n": {"lt": {"threshold": "meeting_minutes"}}}) == Compare("n", "lt", 120)
    assert check({"n": {"exists": False}, "flag": False}) == All((Exists("n", False), Compare("flag", "eq", False)))
    assert facts_of(check({"any": [{"n": 1}, {"flag": True, "n": 2}]})) == ("n", "flag")


@pytest.mark.parametrize(
    ("raw", "path", "words"),
    [
        ({"nn": 1}, ("nn",), "unknown fact 'nn'; did you mean 'n'?"),
        ({"n": {"lesser": 1}}, ("n", "lesser"), "unknown test 'lesser'"),
        ({"n": {"lt": "ten"}}, ("n", "lt"), "'n' is number; 'ten' is not"),
        ({"n": True}, ("n",), "'n' is number; True is not"),
        ({"flag": {"lt": 1}}, ("flag", "lt"), "`lt` compares numbers"),
        ({"colour": "rde"}, ("colour",), "did you mean 'red'?"),
        ({"when": "2025-01-01"}, ("when",), "is a date"),
        ({"all": []}, ("all",), "non-empty list"),
        ({"any": [{"n": 1}, "n"]}, ("any", 1), "non-empty mapping"),
        ({"n": {"exists": "yes"}}, ("n", "exists"), "true or false"),
        ({"n": {"in": 3}}, ("n", "in"), "non-empty list"),
        ({"n": {"lt": {"threshold": "meeting_minute"}}}, ("n", "lt"), "did you mean 'meeting_minutes'?"),
        ({"n": {"lt": [1]}}, ("n", "lt"), "a value is text, a number"),
        ({}, (), "non-empty mapping"),
    ],
)
def test_problems_are_located_inside_the_condition(raw: Any, path: tuple[Any, ...], words: str) -> None:
    with pytest.raises(ConditionError) as caught:
        check(raw)
    assert caught.value.path == path
    assert words in caught.value.message


# --- three-valued semantics: the compiled expressions against a direct Kleene evaluation ----------------------


def kleene(node: Node, values: dict[str, Any]) -> bool | None:
    """The oracle: True, False, or None (unknown), straight from the definition."""
    if isinstance(node, Exists):
        return (node.fact in values) == node.present
    if isinstance(node, Compare):
        if node.fact not in values:
            return None
        left, right = values[node.fact], node.value
        return {
            "eq": left == right,
            "ne": left != right,
            "lt": left < right,
            "le": left <= right,
            "gt": left > right,
            "ge": left >= right,
        }[node.op]
    if isinstance(node, Not):
        inner = kleene(node.item, values)
        return None if inner is None else not inner
    results = [kleene(child, values) for child in node.items]
    decisive = not isinstance(node, All)
    if decisive in results:
        return decisive
    return None if None in results else not decisive


leaf = st.one_of(
    st.builds(Compare, st.just("n"), st.sampled_from(["eq", "ne", "lt", "le", "gt", "ge"]), st.integers(-2, 2)),
    st.builds(Compare, st.just("m"), st.sampled_from(["eq", "ne", "lt", "ge"]), st.integers(-2, 2)),
    st.builds(Compare, st.just("flag"), st.sampled_from(["eq", "ne"]), st.booleans()),
    st.builds(Compare, st.just("colour"), st.sampled_from(["eq", "ne"]), st.sampled_from(["red", "blue"])),
    st.builds(Exists, st.sampled_from(["n", "flag", "colour"]), st.booleans()),
)
nodes = st.recursive(
    leaf,
    lambda children: st.one_of(
        st.builds(lambda xs: All(tuple(xs)), st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda xs: AnyOf(tuple(xs)), st.lists(children, min_size=1, max_size=3)),
        st.builds(Not, children),
    ),
    max_leaves=8,
)
fact_values = st.fixed_dictionaries(
    {},
    optional={
        "n": st.integers(-2, 2),
        "m": st.integers(-2, 2),
        "flag": st.booleans(),
        "colour": st.sampled_from(["red", "green", "blue"]),
    },
)


def compiled_outcome(node: Node, values: dict[str, Any], engine: str) -> bool | None:
    definition = {}
    for name, expr in (("true", compile_true(node)), ("unknown", compile_unknown(node))):
        if expr is not None:
            definition[name] = {"all": [{"m": {"$and": [{"kind": "x"}, expr]}}]}
    if not definition:
        return False
    rules = RuleSet(f"kleene-{abs(hash(repr(definition)))}", definition)
    matched = {name for name, _ in make_engine(rules, engine).evaluate([{"id": 1, "kind": "x", **values}])}
    assert not matched >= {"true", "unknown"}, "true and unknown at once"
    return True if "true" in matched else (None if "unknown" in matched else False)


@settings(max_examples=300, deadline=None)
@given(nodes, fact_values)
def test_compiled_condition_is_kleene_logic(node: Node, values: dict[str, Any]) -> None:
    assert compiled_outcome(node, values, "python") == kleene(node, values)

"""The pure-Python twin of the durable_rules evaluator.

It compiles each clause's EXPR into a predicate and indexes clauses by the fact kind they require, so a
fact is only tried against the clauses of its own kind (plus any clause that names no kind).

Comparisons follow durable_rules 2.0.28, measured and read from its C source:

- a comparison on a missing field never matches, not even ``$neq``;
- numbers and bools compare as numbers (``True == 1``, ``False < 0.5``); when either side is a float both
  are converted to a C double first, so ``2**53 + 1 == 2.0**53`` holds, as in durable_rules;
- texts compare equal exactly when they are equal; they are ordered by their JSON escapes in UTF-8
  (byte order equals code point order for plain text) and a fact's text that is a proper prefix of the
  rule's text compares as if followed by ``"``: ``"a" < "a b"`` and ``"a" < "a!"`` are false there, as
  is ``"a\\n" < "a "``. This twin reproduces all of that.

Remaining disagreement, never produced by the rule compiler (it only compares a field with a value of
the same family: number/bool with number/bool, text with text): durable_rules compares a text with a
number or bool as text, partly through an uninitialised length (results vary with memory contents);
here such a comparison never matches, whatever the operator.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from copadvisor.engine.base import EngineFact, Expr, Match, RuleSet
from copadvisor.engine.dialect import check_facts, clause_expressions, escaped, required_kind

Predicate = Callable[[EngineFact], bool]
Test = Callable[[Any, Any], bool]

_TESTS: Mapping[str, Test] = {
    "$eq": operator.eq,
    "$neq": operator.ne,
    "$lt": operator.lt,
    "$lte": operator.le,
    "$gt": operator.gt,
    "$gte": operator.ge,
}


class PythonEngine:
    """Evaluates a compiled definition in plain Python; same results as the durable_rules adapter."""

    name = "python"

    def __init__(self, rules: RuleSet) -> None:
        by_kind: dict[str | None, list[tuple[str, Predicate]]] = {}
        for clause, expr in clause_expressions(rules.definition).items():
            by_kind.setdefault(required_kind(expr), []).append((clause, compile_expression(expr)))
        self._any_kind = tuple(by_kind.pop(None, ()))
        self._by_kind = {kind: (*clauses, *self._any_kind) for kind, clauses in by_kind.items()}

    def evaluate(self, facts: Sequence[EngineFact]) -> list[Match]:
        check_facts(facts)
        matches = {
            (clause, cast(int, fact["id"]))
            for fact in facts
            for clause, predicate in self._clauses_for(fact)
            if predicate(fact)
        }
        return sorted(matches)

    def _clauses_for(self, fact: EngineFact) -> Sequence[tuple[str, Predicate]]:
        kind = fact["kind"]
        return self._by_kind.get(kind, self._any_kind) if isinstance(kind, str) else self._any_kind


def compile_expression(expr: Expr) -> Predicate:
    """A predicate for one checked EXPR (see `copadvisor.engine.dialect.clause_expressions`)."""
    ((key, value),) = expr.items()
    if key in ("$and", "$or"):
        parts = tuple(compile_expression(item) for item in value)
        return _every(parts) if key == "$and" else _some(parts)
    if key in ("$ex", "$nex"):
        (field,) = value
        return (lambda fact: field in fact) if key == "$ex" else (lambda fact: field not in fact)
    if key in _TESTS:
        ((field, rule),) = value.items()
        return _comparison(_TESTS[key], field, rule)
    return _comparison(operator.eq, key, value)


def _every(parts: Sequence[Predicate]) -> Predicate:
    def predicate(fact: EngineFact) -> bool:
        return all(part(fact) for part in parts)

    return predicate


def _some(parts: Sequence[Predicate]) -> Predicate:
    def predicate(fact: EngineFact) -> bool:
        return any(part(fact) for part in parts)

    return predicate


def _comparison(test: Test, field: str, rule: Any) -> Predicate:
    if isinstance(rule, str):
        return _text_comparison(test, field, rule)
    return _number_comparison(test, field, rule)


def _number_comparison(test: Test, field: str, rule: float) -> Predicate:
    """Numbers and bools: as C longs, or as doubles once either side is a float."""
    rule_is_float = isinstance(rule, float)

    def predicate(fact: EngineFact) -> bool:
        value = fact.get(field)
        if value is None or isinstance(value, str):
            return False
        if rule_is_float or isinstance(value, float):
            return test(float(value), float(rule))
        return test(value, rule)

    return predicate


def _text_comparison(test: Test, field: str, rule: str) -> Predicate:
    if test in (operator.eq, operator.ne):
        return lambda fact: isinstance(value := fact.get(field), str) and test(value, rule)
    rule_key = escaped(rule)
    return lambda fact: isinstance(value := fact.get(field), str) and test(text_order(value, rule_key), 0)


def text_order(value: str, rule_key: bytes) -> int:
    """-1, 0 or 1 as durable_rules orders a fact's text against a rule's escaped text.

    durable_rules runs strncmp over the longer length on the raw JSON: the fact's text is followed by
    its closing quote, the rule's by a NUL.
    """
    value_key = escaped(value)
    if value_key == rule_key:
        return 0
    return -1 if value_key + b'"' < rule_key else 1

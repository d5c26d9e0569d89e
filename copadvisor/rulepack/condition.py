"""The condition language of rule packs: parse, check against the fact vocabulary, compile for the engines.

A condition is a mapping. ``all: [...]``, ``any: [...]`` and ``not: {...}`` combine conditions; any other
key names a fact of the clause's kind, with a test: ``{lt: 120}``, ``{eq: meeting}``, ``{in: [a, b]}``,
``{exists: false}``, or a bare value meaning ``eq``. Several keys in one mapping must all hold. A value may be
``{threshold: NAME}``. There is no code, no regex and no arithmetic: nothing a pack says can run.

Logic is three-valued (Kleene): a test of a fact that is not recorded is *unknown*, ``exists`` never is.
``compile_true`` gives the engine expression that holds when the condition is definitely true (the rule
fails), ``compile_unknown`` the one that holds when only missing facts keep it from being decided.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from copadvisor.errors import shorten
from copadvisor.facts import FactField
from copadvisor.thresholds import Thresholds

Expr = dict[str, Any]
# Bounds on a condition, checked while it is parsed, before anything is compiled: the compiled form and the
# engines' work grow with the nesting (each level of all/any/not can double it) and with the lists.
MAX_NESTING = 8  # levels of all / any / not (the built-in rules use 3)
MAX_ITEMS = 32  # conditions in one all / any list, values in one in / not_in list
MAX_TESTS = 64  # tests of facts in one condition, each value of an in / not_in list counting as one
OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists")
_DURABLE = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_NEGATED = {"eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "le": "gt", "gt": "le"}
_ORDERED = frozenset({"lt", "le", "gt", "ge"})
Scalar = int | float | str | bool


@dataclass(frozen=True)
class Compare:
    fact: str
    op: str  # eq ne lt le gt ge
    value: Scalar


@dataclass(frozen=True)
class Exists:
    fact: str
    present: bool


@dataclass(frozen=True)
class All:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Compare | Exists | All | AnyOf | Not


class ConditionError(ValueError):
    """A problem at a path inside the condition (relative to the ``when`` mapping)."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def parse(raw: Any, fields: Mapping[str, FactField], thresholds: Thresholds) -> Node:
    """Check ``raw`` against the facts of one kind; raise ``ConditionError`` at the first problem."""
    return _Parser(fields, thresholds).node(raw, ())


class _Parser:
    def __init__(self, fields: Mapping[str, FactField], thresholds: Thresholds) -> None:
        self.fields = fields
        self.thresholds = thresholds
        self.tests = 0

    def node(self, raw: Any, path: tuple[str | int, ...], depth: int = 0) -> Node:
        if not isinstance(raw, dict) or not raw:
            raise ConditionError(path, "a condition is a non-empty mapping (a fact and its test, or all/any/not)")
        _bounded(path, "keys in one condition", len(raw))
        items = [self.entry(str(key), value, (*path, str(key)), depth) for key, value in raw.items()]
        return items[0] if len(items) == 1 else All(tuple(items))

    def entry(self, key: str, value: Any, path: tuple[str | int, ...], depth: int) -> Node:
        if key in ("all", "any", "not") and depth >= MAX_NESTING:
            raise ConditionError(path, f"conditions nested more than {MAX_NESTING} levels deep (all / any / not)")
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(path, f"`{key}` takes a non-empty list of conditions")
            _bounded(path, f"conditions in `{key}`", len(value))
            items = tuple(self.node(item, (*path, i), depth + 1) for i, item in enumerate(value))
            return All(items) if key == "all" else AnyOf(items)
        if key == "not":
            return Not(self.node(value, path, depth + 1))
        return self.test(key, value, path)

    def test(self, fact: str, raw: Any, path: tuple[str | int, ...]) -> Node:
        if fact not in self.fields:
            hint = _did_you_mean(fact, [*self.fields, "all", "any", "not"])
            raise ConditionError(path, f"unknown fact '{fact}'{hint}")
        if not isinstance(raw, dict) or "threshold" in raw:
            return self.compare(fact, "eq", raw, path)
        tests = [self.operator(fact, str(op), value, (*path, str(op))) for op, value in raw.items()]
        if not tests:
            raise ConditionError(path, "give a test, such as {eq: …}, {lt: …} or {exists: true}")
        return tests[0] if len(tests) == 1 else All(tuple(tests))

    def operator(self, fact: str, op: str, raw: Any, path: tuple[str | int, ...]) -> Node:
        if op == "exists":
            if not isinstance(raw, bool):
                raise ConditionError(path, "`exists` takes true or false")
            return Exists(fact, raw)
        if op in ("in", "not_in"):
            if not isinstance(raw, list) or not raw:
                raise ConditionError(path, f"`{op}` takes a non-empty list of values")
            _bounded(path, f"values in `{op}`", len(raw))
            tests = tuple(self.compare(fact, "eq" if op == "in" else "ne", v, (*path, i)) for i, v in enumerate(raw))
            return AnyOf(tests) if op == "in" else All(tests)
        if op not in OPERATORS:
            raise ConditionError(path, f"unknown test '{op}'{_did_you_mean(op, OPERATORS)}")
        return self.compare(fact, op, raw, path)

    def compare(self, fact: str, op: str, raw: Any, path: tuple[str | int, ...]) -> Compare:
        self.tests += 1
        if self.tests > MAX_TESTS:
            raise ConditionError(path, f"more than {MAX_TESTS} tests in one condition: split it into clauses")
        value = self.resolve(raw, path)
        field = self.fields[fact]
        _check_type(fact, field, op, value, path)
        return Compare(fact, op, value)

    def resolve(self, raw: Any, path: tuple[str | int, ...]) -> Scalar:
        if isinstance(raw, dict):
            name = raw.get("threshold")
            if len(raw) != 1 or not isinstance(name, str):
                raise ConditionError(path, "a value is a plain value or {threshold: NAME}")
            if name not in Thresholds.model_fields:
                raise ConditionError(
                    path, f"unknown threshold '{name}'{_did_you_mean(name, list(Thresholds.model_fields))}"
                )
            value: Scalar = getattr(self.thresholds, name)
            return value
        if not isinstance(raw, int | float | str | bool):
            raise ConditionError(path, "a value is text, a number, true or false")
        return raw


def _bounded(path: tuple[str | int, ...], what: str, count: int) -> None:
    if count > MAX_ITEMS:
        raise ConditionError(path, f"{count} {what}: at most {MAX_ITEMS}; split the rule into clauses under `match`")


def _check_type(fact: str, field: FactField, op: str, value: Scalar, path: tuple[str | int, ...]) -> None:
    if field.type == "date":
        raise ConditionError(path, f"'{fact}' is a date: compare the day or month counts instead")
    if op in _ORDERED and field.type != "number":
        raise ConditionError(path, f"`{op}` compares numbers, and '{fact}' is {field.type}")
    ok = {
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "text": isinstance(value, str),
        "bool": isinstance(value, bool),
    }[field.type]
    if not ok:
        raise ConditionError(path, f"'{fact}' is {field.type}; {shorten(repr(value))} is not")
    if field.values and isinstance(value, str) and value not in field.values:
        hint = _did_you_mean(value, field.values)
        raise ConditionError(path, f"'{fact}' is one of {', '.join(field.values)}; not '{shorten(str(value))}'{hint}")


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def facts_of(node: Node) -> tuple[str, ...]:
    """The facts a condition reads, in order of appearance, each once."""
    if isinstance(node, Compare | Exists):
        return (node.fact,)
    children = (node.item,) if isinstance(node, Not) else node.items
    return tuple(dict.fromkeys(name for child in children for name in facts_of(child)))


# --- compilation to durable_rules' JSON dialect --------------------------------------------------------------
# `None` stands for "never": durable has no constant, so a branch that can never hold is dropped.


def compile_true(node: Node) -> Expr | None:
    if isinstance(node, Compare):
        return _compare(node.fact, node.op, node.value)
    if isinstance(node, Exists):
        return {"$ex" if node.present else "$nex": {node.fact: 1}}
    if isinstance(node, Not):
        return compile_false(node.item)
    return _join("$and" if isinstance(node, All) else "$or", [compile_true(c) for c in node.items])


def compile_false(node: Node) -> Expr | None:
    if isinstance(node, Compare):
        return _compare(node.fact, _NEGATED[node.op], node.value)
    if isinstance(node, Exists):
        return {"$nex" if node.present else "$ex": {node.fact: 1}}
    if isinstance(node, Not):
        return compile_true(node.item)
    return _join("$or" if isinstance(node, All) else "$and", [compile_false(c) for c in node.items])


def compile_unknown(node: Node) -> Expr | None:
    """Neither true nor false: some child unknown, and no child that settles it (false in all, true in any)."""
    if isinstance(node, Compare):
        return {"$nex": {node.fact: 1}}
    if isinstance(node, Exists):
        return None
    if isinstance(node, Not):
        return compile_unknown(node.item)
    settled: Callable[[Node], Expr | None] = compile_true if isinstance(node, All) else compile_false
    unknowns = [compile_unknown(c) for c in node.items]
    if all(u is None for u in unknowns):
        return None
    # In `all`, each child true or unknown; in `any`, each child false or unknown; and one child unknown.
    each = [_join("$or", [settled(c), u]) for c, u in zip(node.items, unknowns, strict=True)]
    return _join("$and", [*each, _join("$or", unknowns)])


def _compare(fact: str, op: str, value: Scalar) -> Expr:
    return {fact: value} if op == "eq" else {_DURABLE[op]: {fact: value}}


def _join(op: str, parts: Sequence[Expr | None]) -> Expr | None:
    """``{op: parts}``, flattened (an ``$and`` inside an ``$and`` is spliced in) and without repeats, so
    that clauses stay within the engines' limits on connectives."""
    present = [p for p in parts if p is not None]
    if op == "$and" and len(present) < len(parts):
        return None  # one part can never hold, so neither can the whole
    flat: list[Expr] = []
    for part in present:
        for item in part[op] if set(part) == {op} else [part]:
            if item not in flat:
                flat.append(item)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else {op: flat}

"""The compiled form both engines accept, and the checks that keep it so.

It is durable_rules' JSON dialect, restricted to a subset both evaluators agree on:
``{clause: {"all": [{"m": EXPR}]}}`` where EXPR is one of ``{field: value}``,
``{"$neq"|"$lt"|"$lte"|"$gt"|"$gte": {field: value}}``, ``{"$ex"|"$nex": {field: 1}}``,
``{"$and"|"$or": [EXPR, ...]}``. `clause_expressions` checks a definition against that subset and
`check_facts` checks facts; both engines call them, so they accept and refuse the same inputs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from copadvisor.engine.base import EngineError, EngineFact, Expr, InvalidRules
from copadvisor.engine.limits import (
    INT64_MAX,
    INT64_MIN,
    MAX_FACT_FIELDS,
    MAX_TEXT_BYTES,
    RESERVED_FIELDS,
    SESSION_FIELD,
)

COMPARISONS = frozenset({"$neq", "$lt", "$lte", "$gt", "$gte"})
PRESENCE = frozenset({"$ex", "$nex"})
CONNECTIVES = frozenset({"$and", "$or"})


def required_kind(expr: Expr) -> str | None:
    """The kind a clause requires: a top-level ``{"kind": k}`` or the first conjunct of a top-level $and."""
    if expr.get("$and"):
        expr = expr["$and"][0]
    kind = expr.get("kind")
    return kind if isinstance(kind, str) and len(expr) == 1 else None


# --- the definition -----------------------------------------------------------------------------------


def clause_expressions(definition: Mapping[str, Mapping[str, Any]]) -> dict[str, Expr]:
    """Each clause's EXPR as a fresh copy of plain dicts and lists, once the whole definition is checked
    against the supported subset."""
    if not isinstance(definition, Mapping):
        raise InvalidRules("a rule definition must be a mapping of clause names to clauses")
    expressions = {}
    for name, clause in definition.items():
        try:
            expressions[name] = _clause_expression(name, clause)
        except InvalidRules as error:
            raise InvalidRules(f"clause {name!r}: {error}") from None
    return expressions


def _clause_expression(name: object, clause: object) -> Expr:
    if not isinstance(name, str):
        raise InvalidRules("a clause name must be a string")
    if not isinstance(clause, Mapping) or set(clause) != {"all"}:
        raise InvalidRules('a clause must be {"all": [{"m": EXPR}]}')
    patterns = clause["all"]
    if not isinstance(patterns, list | tuple) or len(patterns) != 1:
        raise InvalidRules('"all" must hold exactly one pattern')
    pattern = patterns[0]
    if not isinstance(pattern, Mapping) or set(pattern) != {"m"}:
        raise InvalidRules('the pattern must be {"m": EXPR}')
    expr: Expr = _copied(pattern["m"])
    _check_expression(expr)
    return expr


def _copied(expr: object) -> Any:
    """A deep copy made of dicts and lists, whatever mappings and sequences the compiler used."""
    if isinstance(expr, Mapping):
        return {key: _copied(value) for key, value in expr.items()}
    if isinstance(expr, list | tuple):
        return [_copied(item) for item in expr]
    return expr


def _check_expression(expr: object) -> None:
    if not isinstance(expr, Mapping) or len(expr) != 1:
        raise InvalidRules(f"an expression must be a mapping with one key, not {expr!r}")
    ((key, value),) = expr.items()
    if key in CONNECTIVES:
        if not isinstance(value, list) or not value:
            raise InvalidRules(f"{key} needs a non-empty list of expressions")
        for item in value:
            _check_expression(item)
    elif key in COMPARISONS or key in PRESENCE:
        _check_test(key, value)
    else:
        _check_term(key, value)


def _check_test(operator: str, test: object) -> None:
    if not isinstance(test, Mapping) or len(test) != 1:
        raise InvalidRules(f"{operator} needs a mapping of one field to a value")
    ((field, value),) = test.items()
    if operator in PRESENCE and value != 1:
        raise InvalidRules(f"{operator} takes {{field: 1}}")
    _check_term(field, value)


def _check_term(field: object, value: object) -> None:
    problem = key_problem(field) if isinstance(field, str) else "a field name must be a string"
    if problem is None and field in RESERVED_FIELDS:
        problem = f"the field {field!r} is reserved by durable_rules"
    problem = problem or scalar_problem(value)
    if problem:
        raise InvalidRules(problem)


# --- values and facts ---------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def key_problem(key: str) -> str | None:
    """Why `key` cannot name a field, or None. Shared by facts and clauses."""
    if not key or key.startswith("$") or "." in key:
        return f"field name {key!r} must be non-empty, without a leading '$' or a '.'"
    if key == SESSION_FIELD:
        return f"the field {SESSION_FIELD!r} is reserved by durable_rules"
    return text_problem(key)


def scalar_problem(value: object) -> str | None:
    """Why `value` cannot be given to both engines unchanged, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if INT64_MIN <= value <= INT64_MAX else f"integer {value} does not fit in 64 bits"
    if isinstance(value, float):
        return _float_problem(value)
    if isinstance(value, str):
        return text_problem(value)
    return f"{type(value).__name__} value {value!r} is not a scalar (int, float, str, bool)"


def _float_problem(value: float) -> str | None:
    if not math.isfinite(value):
        return f"float {value} is not finite"
    text = repr(value)
    # durable_rules' JSON reader only accepts an exponent after a decimal point ("1.5e-05", not "1e-05").
    if "e" in text and "." not in text:
        return f"float {text} is written in a form durable_rules cannot read; round or rescale it"
    return None


def text_problem(text: str) -> str | None:
    """Why `text` cannot be compared identically by both engines, or None."""
    if text.isascii() and len(text) * 6 <= MAX_TEXT_BYTES:
        return None
    try:
        size = len(escaped(text))
    except UnicodeEncodeError:
        return f"text {text[:40]!r} is not valid Unicode (lone surrogate)"
    return None if size <= MAX_TEXT_BYTES else f"text of {size} bytes is longer than {MAX_TEXT_BYTES}"


def escaped(text: str) -> bytes:
    """`text` as durable_rules stores and compares it: its JSON escape, UTF-8, without the quotes."""
    return json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8")


def check_facts(facts: Sequence[EngineFact]) -> None:
    """Refuse (EngineError) facts that either engine would read differently from the other."""
    seen: set[object] = set()
    for position, fact in enumerate(facts):
        problem = _fact_problem(fact, seen)
        if problem:
            raise EngineError(f"fact #{position} ({_describe(fact)}): {problem}")


def _fact_problem(fact: EngineFact, seen: set[object]) -> str | None:
    if not isinstance(fact, Mapping):
        return "a fact must be a mapping"
    fact_id = fact.get("id")
    if isinstance(fact_id, bool) or not isinstance(fact_id, int) or not 1 <= fact_id <= INT64_MAX:
        return "'id' must be a positive 64-bit integer"
    if fact_id in seen:
        return f"id {fact_id} is not unique"
    seen.add(fact_id)
    if not isinstance(fact.get("kind"), str):
        return "'kind' must be a string"
    if len(fact) > MAX_FACT_FIELDS:
        return f"{len(fact)} fields; at most {MAX_FACT_FIELDS}"
    return _fields_problem(fact)


def _fields_problem(fact: EngineFact) -> str | None:
    for key, value in fact.items():
        if key not in _VALID_KEYS:
            problem = key_problem(key) if isinstance(key, str) else f"field name {key!r} is not a string"
            if problem:
                return problem
            if len(_VALID_KEYS) < _MAX_VALID_KEYS:
                _VALID_KEYS.add(key)
        # Bools, in-range ints, short ASCII texts and floats that print without an exponent are the bulk: a
        # quick test (inline: every field of every fact comes through here) spares the full one.
        if type(value) is str:
            if value.isascii() and len(value) <= _QUICK_TEXT:
                continue
        elif type(value) is int or type(value) is bool:
            if INT64_MIN <= value <= INT64_MAX:
                continue
        elif type(value) is float and (value == 0.0 or _PLAIN_FLOATS[0] <= abs(value) < _PLAIN_FLOATS[1]):
            continue
        if problem := scalar_problem(value):
            return f"field {key!r}: {problem}"
    return None


_QUICK_TEXT = MAX_TEXT_BYTES // 6  # an ASCII text this long escapes to at most MAX_TEXT_BYTES
_PLAIN_FLOATS = (1e-4, 1e16)  # repr() writes floats in this range (by magnitude) without an exponent
_VALID_KEYS: set[str] = set()  # field names already found valid: the fact vocabulary's few
_MAX_VALID_KEYS = 4096


def _describe(fact: object) -> str:
    if isinstance(fact, Mapping):
        return f"id {fact.get('id')!r}, kind {fact.get('kind')!r}"
    return type(fact).__name__

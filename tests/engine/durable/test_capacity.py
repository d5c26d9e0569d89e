"""Fitting clauses into durable_rules' limits (`copadvisor.engine.durable.capacity`)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

# On Python 3.13+ durable_rules installs but fails to import with an ImportError, not ModuleNotFoundError.
pytest.importorskip("durable.engine", exc_type=ImportError)

from copadvisor.engine import EngineError, EngineUnavailable, RuleSet, limits, make_engine
from copadvisor.engine.durable import DurableEngine
from copadvisor.engine.durable.capacity import check_clause, clause, name_hash

_names = itertools.count()


def rules(**clauses: Any) -> RuleSet:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return RuleSet(f"capacity-test-{next(_names)}", definition)


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> dict[str, Any]:
    return {"id": fact_id, "kind": kind, **fields}


def test_clauses_naming_no_kind_are_guarded_against_durable_state() -> None:
    # Unguarded, {"$nex": ...} also matches durable_rules' state document and loops forever.
    assert clause("c", {"$nex": {"size": 1}}).parts == ({"$and": [{"$ex": {"kind": 1}}, {"$nex": {"size": 1}}]},)
    engine = DurableEngine(rules(absent={"$nex": {"size": 1}}, unequal={"$neq": {"size": 1}}))
    assert engine.evaluate([fact(1), fact(2, size=2)]) == [("absent", 1), ("unequal", 2)]


def test_wide_rule_sets_are_split_below_durable_stack_limit() -> None:
    wide = {f"c{i:03}": {"$and": [{"kind": "meeting"}, {"$gte": {"size": -i}}]} for i in range(300)}
    engine = DurableEngine(rules(**wide))
    assert len(engine._rulesets._members) > 1
    assert engine.evaluate([fact(1, size=1)]) == [(name, 1) for name in sorted(wide)]


def test_without_splitting_durable_overflows_its_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "STACK_BUDGET", 10**6)
    wide = {f"c{i:03}": {"$and": [{"kind": "meeting"}, {"$gte": {"size": -i}}]} for i in range(70)}
    engine = DurableEngine(rules(**wide))
    with pytest.raises(EngineError, match="more conditions at once"):
        engine.evaluate([fact(1, size=1)])


def test_a_clause_too_wide_for_durable_is_unavailable() -> None:
    wide = {"$and": [{"kind": "meeting"}, {"$or": [{"$gte": {"size": -i}} for i in range(80)]}]}
    with pytest.raises(EngineUnavailable, match="more conditions at once"):
        DurableEngine(rules(c=wide))


def test_clauses_beyond_durable_connective_limit_are_split() -> None:
    # durable_rules refuses a clause with more than 15 $and/$or; the adapter splits it into alternatives.
    tests = [
        {"$or": [{f"a{i}": 1}, {"$and": [{f"b{i}": 1}, {"$or": [{f"c{i}": 1}, {"$nex": {f"d{i}": 1}}]}]}]}
        for i in range(6)
    ]
    expr = {"$and": [{"kind": "meeting"}, *tests]}
    assert len(clause("c", expr).parts) > 1

    def each(letter: str, value: int, count: int = 6) -> dict[str, Any]:
        return {f"{letter}{i}": value for i in range(count)}

    facts = [
        fact(1) | each("a", 1),
        fact(2) | each("b", 1),
        fact(3) | each("a", 1, 5),
        fact(4) | each("b", 1) | each("c", 1) | each("d", 1),
        fact(5) | each("b", 1) | each("c", 0) | each("d", 1),
    ]
    assert DurableEngine(rules(c=expr)).evaluate(facts) == [("c", 1), ("c", 2), ("c", 4)]


def test_a_clause_too_deep_to_split_is_unavailable() -> None:
    expr = {"$and": [{"kind": "meeting"}, *({"$or": [{"a": i}, {"b": i}, {"c": i}]} for i in range(20))]}
    with pytest.raises(EngineUnavailable, match="too many to split"):
        DurableEngine(rules(c=expr))
    with pytest.raises(EngineUnavailable, match="clause 'c': more than 15"):
        check_clause("c", expr)
    assert make_engine(rules(c=expr), "python").evaluate([fact(a=1)]) == []


def test_name_hash_reads_bytes_as_signed_chars() -> None:
    assert name_hash("é828918") == name_hash("é1212600")

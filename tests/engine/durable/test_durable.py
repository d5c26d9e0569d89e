"""The durable_rules adapter (`copadvisor.engine.durable`): the import guard, the compilation cache and
`DurableEngine`, one test per pitfall it is built against."""

from __future__ import annotations

import copy
import itertools
import json
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest

# On Python 3.13+ durable_rules installs but fails to import with an ImportError, not ModuleNotFoundError.
durable_engine = pytest.importorskip("durable.engine", exc_type=ImportError)

from copadvisor import cache  # noqa: E402
from copadvisor.engine import (  # noqa: E402 - imported once durable_rules is known to import
    EngineError,
    EngineUnavailable,
    InvalidRules,
    RuleSet,
    available_engines,
    make_engine,
)
from copadvisor.engine.durable import CACHE_NAME, DurableEngine, _chunked  # noqa: E402
from copadvisor.engine.durable.capacity import chunks, clause, name_hash  # noqa: E402

_names = itertools.count()


def rules(**clauses: Any) -> RuleSet:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return RuleSet(f"adapter-test-{next(_names)}", definition)


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> dict[str, Any]:
    return {"id": fact_id, "kind": kind, **fields}


def test_available_and_named() -> None:
    assert available_engines() == ("durable", "python")
    assert make_engine(rules(c={"kind": "k"})).name == "durable"


def test_no_background_threads() -> None:
    # durable_rules' Host and durable.lang start timer threads that run actions; the adapter uses neither.
    before = threading.active_count()
    assert DurableEngine(rules(c={"kind": "meeting"})).evaluate([fact()]) == [("c", 1)]
    assert threading.active_count() == before
    assert "durable.lang" not in sys.modules


def test_operators_missing_fields_and_nesting() -> None:
    engine = DurableEngine(
        rules(
            big={"$and": [{"kind": "meeting"}, {"$gte": {"size": 10}}]},
            small={"$and": [{"kind": "meeting"}, {"$or": [{"$lt": {"size": 3}}, {"$nex": {"size": 1}}]}]},
            other={"$neq": {"size": 5}},
        )
    )
    facts = [fact(1, size=12), fact(2, size=1), fact(3), fact(4, "member", size=5)]
    assert engine.evaluate(facts) == [("big", 1), ("other", 1), ("other", 2), ("small", 2), ("small", 3)]


def test_facts_only_visit_rulesets_of_their_kind(deletions: list[str]) -> None:
    engine = DurableEngine(rules(c={"$and": [{"kind": "meeting"}, {"a": 1}]}))
    assert engine.evaluate([fact(kind="member", a=1)]) == []
    assert deletions == []


def test_several_clauses_one_fact_and_repeated_ids_across_calls() -> None:
    engine = DurableEngine(rules(b={"$ex": {"a": 1}}, a={"a": 1}, c={"$gt": {"a": 0}}))
    for _ in range(2):
        assert engine.evaluate([fact(1, a=1)]) == [("a", 1), ("b", 1), ("c", 1)]


def test_many_facts() -> None:
    engine = DurableEngine(rules(odd={"$and": [{"kind": "meeting"}, {"odd": True}]}))
    facts = [fact(i, odd=i % 2 == 1) for i in range(1, 2001)]
    assert engine.evaluate(facts) == [("odd", i) for i in range(1, 2001, 2)]


def test_compiled_once_per_name_and_definition_not_mutated() -> None:
    compiled = rules(c={"$and": [{"kind": "meeting"}, {"$or": [{"a": 1}, {"$nex": {"b": 1}}]}]})
    before = copy.deepcopy(compiled.definition)
    first, second = DurableEngine(compiled), DurableEngine(compiled)
    assert first._rulesets is second._rulesets
    assert first.evaluate([fact(a=1)]) == [("c", 1)]
    assert compiled.definition == before


def test_one_name_two_definitions_is_refused() -> None:
    compiled = rules(c={"kind": "meeting"})
    DurableEngine(compiled)
    with pytest.raises(InvalidRules, match="both named"):
        DurableEngine(RuleSet(compiled.name, {"c": {"all": [{"m": {"kind": "member"}}]}}))


def test_python_312_deprecation_warning_is_silenced_here_only(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(rules(c={"kind": "meeting"}))
    clock = durable_engine._unix_now

    def deprecated_clock() -> float:
        warnings.warn_explicit(
            "utcfromtimestamp() is deprecated", DeprecationWarning, "engine.py", 17, "durable.engine"
        )
        return float(clock())

    monkeypatch.setattr(durable_engine, "_unix_now", deprecated_clock)
    filters = list(warnings.filters)
    assert engine.evaluate([fact()]) == [("c", 1)]
    assert warnings.filters == filters
    with pytest.raises(DeprecationWarning):
        deprecated_clock()


def test_largest_fact_fits() -> None:
    engine = DurableEngine(rules(c={"f250": 250}))
    assert engine.evaluate([{"id": 1, "kind": "k", **{f"f{i}": i for i in range(251)}}]) == [("c", 1)]


def test_field_names_durable_would_confuse() -> None:
    # "f6059" and "f264602" share durable_rules' 32-bit name hash: it reads one for the other.
    assert name_hash("f6059") == name_hash("f264602")
    engine = DurableEngine(rules(c={"f6059": 1}))
    with pytest.raises(EngineError, match="'f264602' as 'f6059'"):
        engine.evaluate([fact(f264602=1)])
    with pytest.raises(EngineUnavailable, match="apart"):
        DurableEngine(rules(c={"$and": [{"f6059": 1}, {"f264602": 1}]}))


def test_the_rulesets_cut_are_kept_on_disk_and_read_back_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPADVISOR_CACHE_DIR", str(tmp_path))
    expressions = {f"c{i}": {"$and": [{"kind": "meeting"}, {"$gte": {f"f{i}": i}}]} for i in range(40)}
    fingerprint = json.dumps(expressions, sort_keys=True)
    made = chunks([clause(name, expr) for name, expr in expressions.items()])
    assert _chunked(expressions, fingerprint) == made
    assert [p.name.startswith(CACHE_NAME) for p in tmp_path.iterdir()] == [True]
    assert cache.load(CACHE_NAME, [fingerprint]) == made
    [entry] = tmp_path.iterdir()
    entry.write_bytes(b"broken")
    assert _chunked(expressions, fingerprint) == made  # worked out again, and stored again
    assert cache.load(CACHE_NAME, [fingerprint]) == made

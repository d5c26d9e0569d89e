"""The durable_rules adapter, one test per pitfall it is built against."""

from __future__ import annotations

import copy
import inspect
import itertools
import os
import subprocess
import sys
import textwrap
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest

# On Python 3.13+ durable_rules installs but fails to import with an ImportError, not ModuleNotFoundError.
durable_engine = pytest.importorskip("durable.engine", exc_type=ImportError)

from copadvisor.engine import (  # noqa: E402 - imported once durable_rules is known to import
    CompiledRules,
    EngineError,
    EngineUnavailable,
    InvalidRules,
    available_engines,
    durable,
    make_engine,
)
from copadvisor.engine.durable import DurableEngine  # noqa: E402

_names = itertools.count()


def rules(**clauses: Any) -> CompiledRules:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return CompiledRules(f"adapter-test-{next(_names)}", definition)


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> dict[str, Any]:
    return {"id": fact_id, "kind": kind, **fields}


@pytest.fixture
def deletions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sids durable_rules is asked to delete."""
    deleted: list[str] = []
    original = durable_engine.Ruleset.delete_state

    def spy(self: Any, sid: str) -> None:
        deleted.append(sid)
        original(self, sid)

    monkeypatch.setattr(durable_engine.Ruleset, "delete_state", spy)
    return deleted


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


def test_empty_fact_list_opens_no_session(deletions: list[str]) -> None:
    assert DurableEngine(rules(c={"kind": "meeting"})).evaluate([]) == []
    assert deletions == []


def test_facts_matching_nothing_still_close_their_session(deletions: list[str]) -> None:
    engine = DurableEngine(rules(c={"$and": [{"kind": "meeting"}, {"size": 99}]}))
    assert engine.evaluate([fact(1, size=1), fact(2, size=2)]) == []
    assert len(deletions) == 1


def test_a_fresh_sid_per_evaluation_each_deleted(deletions: list[str]) -> None:
    engine = DurableEngine(rules(c={"kind": "meeting"}))
    for _ in range(3):
        assert engine.evaluate([fact()]) == [("c", 1)]
    assert len(set(deletions)) == 3
    assert all(sid.isdigit() for sid in deletions)


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


def test_clauses_naming_no_kind_are_guarded_against_durable_state() -> None:
    # Unguarded, {"$nex": ...} also matches durable_rules' state document and loops forever.
    engine = DurableEngine(rules(absent={"$nex": {"size": 1}}, unequal={"$neq": {"size": 1}}))
    assert engine.evaluate([fact(1), fact(2, size=2)]) == [("absent", 1), ("unequal", 2)]


def test_compiled_once_per_name_and_definition_not_mutated() -> None:
    compiled = rules(c={"$and": [{"kind": "meeting"}, {"$or": [{"a": 1}, {"$nex": {"b": 1}}]}]})
    before = copy.deepcopy(compiled.definition)
    first, second = DurableEngine(compiled), DurableEngine(compiled)
    assert first._compiled is second._compiled
    assert first.evaluate([fact(a=1)]) == [("c", 1)]
    assert compiled.definition == before


def test_one_name_two_definitions_is_refused() -> None:
    compiled = rules(c={"kind": "meeting"})
    DurableEngine(compiled)
    with pytest.raises(InvalidRules, match="both named"):
        DurableEngine(CompiledRules(compiled.name, {"c": {"all": [{"m": {"kind": "member"}}]}}))


def test_actions_take_exactly_one_parameter() -> None:
    action = durable._Action("c", durable._Recorder()).fire
    assert inspect.ismethod(action)
    assert action.__code__.co_argcount - 1 == 1


def test_exception_in_an_action_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(rules(c={"kind": "meeting"}))

    def broken(self: Any, clause: str | None, fact_id: int) -> None:
        raise RuntimeError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(durable._Recorder, "record", broken)
        with pytest.raises(EngineError, match="boom"):
            engine.evaluate([fact()])
    assert engine.evaluate([fact()]) == [("c", 1)]


def test_exception_in_the_state_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(rules(c={"kind": "meeting"}))
    monkeypatch.setattr(durable_engine.Ruleset, "get_state", lambda self, sid: {"exception": "lost"})
    with pytest.raises(EngineError, match="lost"):
        engine.evaluate([fact()])


def test_actions_durable_abandons_are_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # durable_rules silently drops the completion of an action that ran for more than 10 s.
    engine = DurableEngine(rules(c={"kind": "meeting"}))
    ticks = itertools.count(step=20)
    with monkeypatch.context() as patch:
        patch.setattr(durable_engine, "_unix_now", lambda: float(next(ticks)))
        with pytest.raises(EngineError, match="abandoned the actions of fact id 1"):
            engine.evaluate([fact()])
    assert engine.evaluate([fact()]) == [("c", 1)]


def test_fact_taken_for_a_duplicate_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(rules(c={"kind": "meeting"}))
    original = durable_engine.Ruleset.assert_fact

    def observed(self: Any, payload: dict[str, Any]) -> Any:
        if payload["id"] == 2:
            raise durable_engine.MessageObservedException(payload)
        return original(self, payload)

    monkeypatch.setattr(durable_engine.Ruleset, "assert_fact", observed)
    with pytest.raises(EngineError, match="fact id 2 for a duplicate"):
        engine.evaluate([fact(1), fact(2)])


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


def test_wide_rule_sets_are_split_below_durable_stack_limit() -> None:
    wide = {f"c{i:03}": {"$and": [{"kind": "meeting"}, {"$gte": {"size": -i}}]} for i in range(300)}
    engine = DurableEngine(rules(**wide))
    assert len(engine._compiled._rulesets) > 1
    assert engine.evaluate([fact(1, size=1)]) == [(name, 1) for name in sorted(wide)]


def test_without_splitting_durable_overflows_its_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable, "STACK_BUDGET", 10**6)
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
    assert len(durable._clause("c", expr).parts) > 1

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
    assert make_engine(rules(c=expr), "python").evaluate([fact(a=1)]) == []


def test_largest_fact_fits() -> None:
    engine = DurableEngine(rules(c={"f250": 250}))
    assert engine.evaluate([{"id": 1, "kind": "k", **{f"f{i}": i for i in range(251)}}]) == [("c", 1)]


def test_field_names_durable_would_confuse() -> None:
    # "f6059" and "f264602" share durable_rules' 32-bit name hash: it reads one for the other.
    assert durable.name_hash("f6059") == durable.name_hash("f264602")
    engine = DurableEngine(rules(c={"f6059": 1}))
    with pytest.raises(EngineError, match="'f264602' as 'f6059'"):
        engine.evaluate([fact(f264602=1)])
    with pytest.raises(EngineUnavailable, match="apart"):
        DurableEngine(rules(c={"$and": [{"f6059": 1}, {"f264602": 1}]}))


def test_name_hash_reads_bytes_as_signed_chars() -> None:
    assert durable.name_hash("é828918") == durable.name_hash("é1212600")


STRESS = """
    from copadvisor.engine import CompiledRules, make_engine
    definition = {
        "big": {"all": [{"m": {"$and": [{"kind": "meeting"}, {"$gte": {"size": 10}}]}}]},
        "named": {"all": [{"m": {"$and": [{"kind": "member"}, {"$lt": {"name": "m"}}]}}]},
        "absent": {"all": [{"m": {"$nex": {"size": 1}}}]},
    }
    engine = make_engine(CompiledRules("stress", definition), "durable")
    found = 0
    for i in range(6000):
        facts = [{"id": j, "kind": "meeting", "size": (i + j) % 20} for j in range(1, i % 7 + 1)]
        if i % 3 == 0:  # facts matching no clause at all
            facts = [{"id": 1, "kind": "meeting", "size": 1}]
        elif i % 3 == 1:
            facts.append({"id": 99, "kind": "member", "name": "abc"[i % 3], "size": 0})
        found += len(engine.evaluate(facts))
    print("ok", found)
"""


def test_thousands_of_sessions_under_malloc_perturb() -> None:
    env = {**os.environ, "MALLOC_PERTURB_": "165"}
    command = [sys.executable, "-W", "error", "-c", textwrap.dedent(STRESS)]
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")

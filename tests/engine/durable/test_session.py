"""Running one durable_rules ruleset (`copadvisor.engine.durable.session`): sessions, the sentinel, the
actions and the hand-driven action loop."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

# On Python 3.13+ durable_rules installs but fails to import with an ImportError, not ModuleNotFoundError.
durable_engine = pytest.importorskip("durable.engine", exc_type=ImportError)

from copadvisor.engine import EngineError, RuleSet  # noqa: E402 - imported once durable_rules is known to import
from copadvisor.engine.durable import DurableEngine, session  # noqa: E402

_names = itertools.count()


def rules(**clauses: Any) -> RuleSet:
    definition = {name: {"all": [{"m": expr}]} for name, expr in clauses.items()}
    return RuleSet(f"session-test-{next(_names)}", definition)


def fact(fact_id: int = 1, kind: str = "meeting", **fields: Any) -> dict[str, Any]:
    return {"id": fact_id, "kind": kind, **fields}


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


def test_actions_take_exactly_one_parameter() -> None:
    # durable_rules treats an action with two parameters as asynchronous and silently stalls the ones after it.
    action = session.never_run
    assert action.__code__.co_argcount == 1
    engine = DurableEngine(rules(c={"kind": "meeting"}, d={"$and": [{"kind": "member"}, {"a": 1}]}))
    promises = [p for ruleset in engine._rulesets._members for p in ruleset._ruleset._actions.values()]
    assert len(promises) == 2 + len(engine._rulesets._members)  # two clauses, and each ruleset's sentinel
    assert all(promise._sync for promise in promises)


def test_durable_rules_own_action_loop_is_never_used() -> None:
    # Our loop records the matches; durable_rules' `run` is a placeholder that refuses to run.
    with pytest.raises(RuntimeError, match="action loop"):
        session.never_run(None)
    assert DurableEngine(rules(c={"kind": "meeting"})).evaluate([fact()]) == [("c", 1)]


def test_exception_in_an_action_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(rules(c={"kind": "meeting"}))

    def broken(self: Any, clause: str | None, fact_id: int) -> None:
        raise RuntimeError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(session.Recorder, "record", broken)
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
    # durable_rules answers "already observed" (code 2) for a fact whose 32-bit content hash it has seen.
    engine = DurableEngine(rules(c={"kind": "meeting"}))
    extension = durable_engine.durable_rules_engine

    class Observing:
        def __getattr__(self, name: str) -> Any:
            return getattr(extension, name)

        def assert_fact(self, handle: int, text: str) -> Any:
            return (2, 0) if '"id": 2,' in text else extension.assert_fact(handle, text)

    monkeypatch.setattr(durable_engine, "durable_rules_engine", Observing())
    with pytest.raises(EngineError, match="fact id 2 for a duplicate"):
        engine.evaluate([fact(1), fact(2)])
    monkeypatch.undo()
    assert engine.evaluate([fact(1), fact(2)]) == [("c", 1), ("c", 2)]


def test_facts_matching_no_clause_are_passed_over_and_the_others_recorded() -> None:
    engine = DurableEngine(rules(c={"$and": [{"kind": "meeting"}, {"size": 2}]}))
    facts = [fact(1, size=1), fact(2, size=2), fact(3, kind="member", size=2), fact(4, size=2, note='"id": 9,')]
    assert engine.evaluate(facts) == [("c", 2), ("c", 4)]


def test_a_fact_is_sent_with_only_the_fields_the_rulesets_clauses_read(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(rules(c={"$and": [{"kind": "meeting"}, {"$gte": {"size": 2}}]}))
    extension = durable_engine.durable_rules_engine
    sent: list[str] = []

    class Spying:
        def __getattr__(self, name: str) -> Any:
            return getattr(extension, name)

        def assert_fact(self, handle: int, text: str) -> Any:
            sent.append(text)
            return extension.assert_fact(handle, text)

    monkeypatch.setattr(durable_engine, "durable_rules_engine", Spying())
    assert engine.evaluate([fact(7, size=3, note="unread", weight=1.5)]) == [("c", 7)]
    sid = sent[0].rsplit('"sid": ', 1)[1].rstrip("}")
    assert sent == [
        f'{{"id": 7, "kind": "meeting", "size": 3, "sid": {sid}}}',
        f'{{"id": 0, "sid": {sid}, "copadvisor_sentinel": 1}}',
    ]


def test_an_action_message_not_in_the_expected_form_is_parsed_whole() -> None:
    # A fact whose first field is not its id (never built so by copadvisor) still reports the right id.
    assert session._MESSAGE.match('{"r0":{"m":{"kind": "meeting", "id": 3}}}') is None
    found = session._MESSAGE.match('{"r12":{"m":{"id": 35, "kind": "m", "sid": "1"}}}')
    assert found is not None
    assert (found[1], found[2]) == ("r12", "35")
    recorder = session.Recorder()
    recorder.act("c", {"m": {"kind": "meeting", "id": 3}})
    recorder.act("d", 4)
    assert recorder.result() == [("c", 3), ("d", 4)]


STRESS = """
    from copadvisor.engine import RuleSet, make_engine
    definition = {
        "big": {"all": [{"m": {"$and": [{"kind": "meeting"}, {"$gte": {"size": 10}}]}}]},
        "named": {"all": [{"m": {"$and": [{"kind": "member"}, {"$lt": {"name": "m"}}]}}]},
        "absent": {"all": [{"m": {"$nex": {"size": 1}}}]},
    }
    engine = make_engine(RuleSet("stress", definition), "durable")
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
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")

"""One durable_rules ruleset and the sessions run on it, built around the measured pitfalls of 2.0.28.

- `durable.engine.Ruleset` is used directly, without `Host` or `durable.lang` (they start timer threads that
  run actions off the caller's thread), with a definition built here (it mutates what it is given).
- Facts are asserted one by one (batches misattribute actions), each with its own `id`, in one fresh session
  `sid`; "not handled" is normal; "already observed" and every other engine error become `EngineError`.
- `delete_state` crashes on a sid where no action ran, so a sentinel fact, matched by a sentinel clause, is
  asserted before it; the sid is only deleted once some action has run.
- Exceptions in actions are caught and recorded (durable_rules would swallow them) and raised as
  `EngineError` after the run; the state's `exception` field is checked too.
- The actions are run by our own loop (`Ruleset._do_actions`), a measured speed-up.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from copadvisor.engine import limits
from copadvisor.engine.base import EngineError, EngineFact, EngineUnavailable, Expr, Match
from copadvisor.engine.durable.capacity import SENTINEL, Clause, fields_read

_RULESET_NAMES = itertools.count(1)  # durable_rules refuses a ruleset name registered before
# The start of an action's message as the extension writes it, `{"r12":{"m":{"id": 5, …`: the rule, then the
# fact as we serialised it, whose first field is its `id` (see `Ruleset.run`). Inside a JSON string every `"`
# is escaped, so this prefix is the structure, never text; a message that does not start so is parsed whole.
_MESSAGE = re.compile(r'\{"(r\d+)":\{"m":\{"id": ?(-?\d+)[,}]')
# `_handle_result` of `durable.engine.Ruleset`: what the extension's first return value means.
_NOT_HANDLED, _OBSERVED, _NO_HANDLE = 1, 2, 3


class Recorder:
    """What the actions report during one evaluation, over all the rulesets of a definition."""

    def __init__(self) -> None:
        self.matches: list[Match] = []
        self.problems: list[str] = []
        self.fired = False

    def begin(self) -> None:
        self.matches, self.problems, self.fired = [], [], False

    def act(self, clause: str | None, message: Mapping[str, Any] | int) -> None:
        """The action of `clause` (None: the sentinel) on the parsed message durable_rules hands over,
        ``{"m": fact}``, or on the fact id read from the start of that message."""
        self.fired = True  # an action ran on this sid: delete_state is safe from now on
        try:
            self.record(clause, message if isinstance(message, int) else message["m"]["id"])
        except Exception as error:  # durable_rules would swallow it: keep it
            self.problems.append(f"action of clause {clause!r} failed: {error!r}")

    def record(self, clause: str | None, fact_id: int) -> None:
        if clause is not None:
            self.matches.append((clause, fact_id))

    def failed(self, error: object) -> None:
        """durable_rules failed while running the actions of a fact."""
        self.problems.append(f"durable_rules: {error}")

    def result(self) -> list[Match]:
        if self.problems:
            raise EngineError("; ".join(self.problems))
        return sorted(set(self.matches))


def never_run(c: object) -> None:
    """The ``run`` durable_rules requires of every rule; our loop calls `Recorder.act` instead, so this never
    runs. It takes exactly one parameter: durable_rules treats an action with two as asynchronous and
    silently stalls the actions after it. Should durable_rules' own loop ever call it, the error lands in the
    state's ``exception`` field, which `Ruleset` reports."""
    raise RuntimeError("durable_rules ran an action itself; copadvisor's action loop should have")


class Ruleset:
    """One durable_rules ruleset: some clauses plus the sentinel clause. `dr` is the `durable.engine` module."""

    def __init__(self, clauses: Sequence[Clause], recorder: Recorder, dr: Any) -> None:
        kinds = [clause.kind for clause in clauses]
        self._kinds = None if None in kinds else frozenset(kinds)
        self._recorder = recorder
        self._dr = dr
        # durable_rules' rule names are internal: each maps to the clause it reports.
        parts: list[tuple[Expr, str | None]] = [(part, clause.name) for clause in clauses for part in clause.parts]
        parts.append((SENTINEL, None))
        # What a fact brings that no clause here reads cannot change a match (a fact is known by its `id`):
        # it is left out, and the profile fact's hundred values are not serialised and parsed six times.
        self._fields = limits.RESERVED_FIELDS | {"kind"} | fields_read(part for part, _ in parts)
        self._clauses = {f"r{n}": name for n, (_, name) in enumerate(parts)}
        definition = {f"r{n}": {"all": [{"m": m}], "run": never_run} for n, (m, _) in enumerate(parts)}
        try:
            self._ruleset = dr.Ruleset(f"copadvisor-{next(_RULESET_NAMES)}", None, definition)
        except Exception as error:
            raise EngineUnavailable(f"durable_rules refused the rules: {error}") from error

    def accepts(self, kind: object) -> bool:
        return self._kinds is None or kind in self._kinds

    def run(self, facts: Sequence[EngineFact], sid: str) -> None:
        """Assert `facts` one by one in a fresh session `sid`, then close it."""
        self._recorder.fired = False
        fields = self._fields
        try:
            for fact in facts:  # `id` first, as `_MESSAGE` reads it
                payload: dict[str, object] = {"id": fact["id"], **{n: v for n, v in fact.items() if n in fields}}
                payload[limits.SESSION_FIELD] = sid
                self._assert(payload)
        finally:
            self._close(sid)

    def _assert(self, payload: dict[str, object]) -> None:
        """What `durable.engine.Ruleset.assert_fact` does, without its exception for a fact that matches no
        clause (most facts), which serialises the fact a second time to build its message."""
        try:
            text = json.dumps(payload, ensure_ascii=False)
            result = self._dr.durable_rules_engine.assert_fact(self._ruleset._handle, text)
        except Exception as error:  # the C extension's errors carry a numeric code
            raise EngineError(_explain(error)) from error
        if result[0] == _NOT_HANDLED:
            return  # no clause matches this fact
        if result[0] == _OBSERVED:
            raise EngineError(f"durable_rules took fact id {payload['id']} for a duplicate")
        handle = 0 if result[0] == _NO_HANDLE else result[1]
        if not self._do_actions(handle):  # durable_rules drops, unreported, actions that ran too long
            self._recorder.problems.append(f"durable_rules abandoned the actions of fact id {payload['id']}")

    def _do_actions(self, state: int) -> bool:
        """What durable_rules' `Ruleset.do_actions` does, for actions that are synchronous and leave the
        session's state as it is (ours only record a match); False when it would drop the actions.

        Its own loop (`_flush_actions`) builds a `Closure` and a `Promise` per action and parses, then
        re-serialises, the state for each: a third of the engine's time (docs/benchmarks.md). This one makes
        the same calls into the C extension, in the same order, hands the state back as the extension gave
        it, and keeps the cut-off of `limits.ACTION_SECONDS`. The durable_rules internals it uses:

        - `durable.engine.durable_rules_engine`, the C extension, and its `assert_fact` (see `_assert`),
          `start_action_for_state`, `update_state`, `complete_and_start_action` and `abandon_action`;
        - `Ruleset._handle`, the extension's handle of the ruleset (no public accessor exists);
        - `durable.engine._unix_now`, the clock of its own cut-off (the tests stop it to reach that path).

        They cannot move: durable_rules is pinned (2.0.28, its last release, 2020) and unmaintained.
        """
        engine, handle = self._dr.durable_rules_engine, self._ruleset._handle
        try:
            started = engine.start_action_for_state(handle, state)
        except Exception as error:
            self._recorder.failed(error)
            return True
        if not started:
            return True
        state_json, message_json = started
        while message_json:
            found = _MESSAGE.match(message_json)
            if found:  # parsing the whole fact only to read its id was most of this loop's time
                rule, message = found[1], int(found[2])
            else:
                rule, message = next(iter(json.loads(message_json).items()))
            began = self._dr._unix_now()
            self._recorder.act(self._clauses[rule], message)
            if self._dr._unix_now() - began > limits.ACTION_SECONDS:
                return False
            try:
                engine.update_state(handle, state_json)
                message_json = engine.complete_and_start_action(handle, state)
            except Exception as error:
                engine.abandon_action(handle, state)
                self._recorder.failed(error)
                return True
        return True

    def _close(self, sid: str) -> None:
        try:
            self._assert({"id": 0, limits.SESSION_FIELD: sid, limits.SENTINEL_FIELD: 1})
            exception = self._ruleset.get_state(sid).get("exception")
            if exception:
                self._recorder.problems.append(f"durable_rules: {exception}")
        finally:
            if self._recorder.fired:  # delete_state crashes on a sid where no action ran
                self._ruleset.delete_state(sid)


def _explain(error: Exception) -> str:
    found = re.search(r"error code: (\d+)", str(error))
    meaning = limits.ERROR_CODES.get(int(found.group(1))) if found else None
    return f"durable_rules failed: {error}" + (f" ({meaning})" if meaning else "")

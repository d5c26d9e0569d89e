"""The durable_rules evaluator, built around the measured pitfalls of durable_rules 2.0.28.

How each pitfall is met:

- No `Host` and no `durable.lang` (they start timer threads that run actions): `durable.engine.Ruleset`
  is used directly, with a copy of the definition (it mutates what it is given) and, per clause, an
  action that is a bound method with exactly one parameter (two would make it asynchronous).
- Each `CompiledRules` is compiled once per process (cache keyed by its name; a name reused for another
  definition is refused). durable_rules' rulesets get unique names from a process-wide counter.
- One live session id at a time (a process-wide lock), a fresh sid per evaluation, deleted afterwards.
  `delete_state` crashes on a sid where no action ran, so a sentinel fact, matched by a sentinel clause,
  is asserted before it; the sid is only deleted once some action has run.
- Facts are asserted one by one (batches misattribute actions) with their own `id`; "not handled" is
  normal; "already observed" and every other engine error become `EngineError`.
- Exceptions in actions are caught inside the action (durable_rules would swallow them) and raised as
  `EngineError` after the loop; the state's `exception` field is checked too.
- Python 3.12's `DeprecationWarning` from every action is silenced here only.
- Facts are checked before the engine (`copadvisor.engine.check_facts`: non-scalars, NaN and infinities,
  floats durable_rules cannot parse, integers beyond 64 bits, over-long or invalid texts, too many fields
  are refused). Field names whose 32-bit hash durable_rules would confuse with a rule's field are refused.
- A clause that names no kind is guarded by ``{"$ex": {"kind": 1}}``: durable_rules also matches clauses
  against its own state document, and a clause matching that loops forever.
- durable_rules walks matching conditions with a 64-entry stack ("error 303", findings lost) and hangs on a
  node with 512 children. The clauses are split into several rulesets, each proven (by rebuilding
  durable_rules' condition network) to stay within that stack; facts only visit the rulesets holding
  clauses of their kind.
- durable_rules refuses a clause with more than 15 $and/$or: such a clause is simplified, then split into
  alternatives (durable_rules rules that all report the clause).

Rules durable_rules cannot hold even so raise `EngineUnavailable`; the python engine takes them.
"""

from __future__ import annotations

import importlib
import itertools
import json
import re
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from copadvisor.engine import (
    CompiledRules,
    EngineError,
    EngineUnavailable,
    Expr,
    Fact,
    InvalidRules,
    Match,
    check_facts,
    clause_expressions,
    escaped,
    required_kind,
)


def _import_durable() -> Any:
    try:
        return importlib.import_module("durable.engine")
    except ImportError:  # durable_rules does not import on Python 3.13+
        return None


_dr: Any = _import_durable()
AVAILABLE = _dr is not None

SENTINEL_FIELD = "copadvisor_sentinel"
# Stays below durable_rules' 64-entry stack with a margin for what the network model may not see.
STACK_BUDGET = 56
# Well below the 255 clauses one condition may lead to and the 511 children a condition may have.
MAX_CLAUSES_PER_RULESET = 200
# Each $and/$or takes two of the 32 expression slots durable_rules gives a clause.
MAX_CONNECTIVES = 15
MAX_PARTS = 64
_ERROR_CODES = {
    202: "a value durable_rules cannot parse",
    204: "a value durable_rules cannot parse",
    302: "a fact with more fields than durable_rules holds",
    303: "a fact matching more conditions at once than durable_rules can follow",
}

_ACCEPTED_NAMES = 4096  # fact field names remembered as accepted

_LOCK = threading.Lock()
_SIDS = itertools.count(1)
_RULESET_NAMES = itertools.count(1)


class DurableEngine:
    """Evaluates compiled rules with durable_rules; same results as `copadvisor.engine.python`."""

    name = "durable"

    def __init__(self, rules: CompiledRules) -> None:
        if not AVAILABLE:
            raise EngineUnavailable("durable_rules does not import here (it needs Python < 3.13)")
        with _LOCK:
            self._compiled = _compiled(rules)

    def evaluate(self, facts: Sequence[Fact]) -> list[Match]:
        check_facts(facts)
        self._compiled.check_names(facts)
        with _LOCK, _quiet_durable():
            try:
                return self._compiled.run(facts)
            except EngineError:
                raise
            except Exception as error:
                raise EngineError(f"durable_rules failed: {error!r}") from error


@contextmanager
def _quiet_durable() -> Iterator[None]:
    with warnings.catch_warnings():
        # Python 3.12 deprecates datetime.utcfromtimestamp, which durable_rules calls for every action.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"durable\.")
        yield


# --- compiling ----------------------------------------------------------------------------------------

_CACHE: dict[str, _Compiled] = {}


def _compiled(rules: CompiledRules) -> _Compiled:
    """The process-wide compilation of `rules`, made on first use."""
    expressions = clause_expressions(rules.definition)  # fresh copies: durable_rules mutates its input
    fingerprint = json.dumps(expressions, sort_keys=True)
    found = _CACHE.get(rules.name)
    if found is None:
        found = _CACHE[rules.name] = _Compiled(expressions, fingerprint)
    elif found.fingerprint != fingerprint:
        raise InvalidRules(f"two different rule definitions are both named {rules.name!r}")
    return found


@dataclass(frozen=True)
class _Clause:
    name: str
    parts: tuple[Expr, ...]  # as given to durable_rules: a fact matches the clause if it matches a part
    kind: str | None


def check_clause(name: str, expr: Expr) -> None:
    """Raise ``EngineUnavailable`` when durable_rules could not hold this one clause, however it is split:
    rule packs call this on load, so that such a condition is a located error, not a failure at run time."""
    _clause(name, expr)


def _clause(name: str, expr: Expr) -> _Clause:
    kind = required_kind(expr)
    guarded = expr if kind is not None else {"$and": [{"$ex": {"kind": 1}}, expr]}
    try:
        return _Clause(name, tuple(_parts(guarded)), kind)
    except EngineUnavailable as error:
        raise EngineUnavailable(f"clause {name!r}: {error}") from None


def _parts(expr: Expr) -> list[Expr]:
    """`expr` as alternatives that each have at most MAX_CONNECTIVES $and/$or (durable_rules' limit):
    simplified first, then split on its top $or or distributed over the largest $or under its top $and."""
    expr = _simplified(expr)
    if _connectives(expr) <= MAX_CONNECTIVES:
        return [expr]
    ((key, items),) = expr.items()
    alternatives = items if key == "$or" else _distributed(items)
    parts: list[Expr] = []
    for alternative in alternatives:
        parts += _parts(alternative)
        if len(parts) > MAX_PARTS:  # splitting can grow exponentially: give up early
            raise EngineUnavailable(f"more than {MAX_CONNECTIVES} $and/$or, too many to split for durable_rules")
    return parts


def _distributed(conjuncts: Sequence[Expr]) -> list[Expr]:
    """``A and (B or C)`` as ``[A and B, A and C]``, over the $or with the most $and/$or."""
    widest = max((item for item in conjuncts if "$or" in item), key=_connectives)
    rest = [item for item in conjuncts if item is not widest]
    return [{"$and": [*rest, choice]} for choice in widest["$or"]]


def _simplified(expr: Expr) -> Expr:
    """The same test with $and in $and and $or in $or flattened, and one-item $and/$or unwrapped."""
    ((key, value),) = expr.items()
    if key not in ("$and", "$or"):
        return expr
    items: list[Expr] = []
    for item in map(_simplified, value):
        items.extend(item.get(key, [item]))
    return items[0] if len(items) == 1 else {key: items}


def _connectives(expr: Expr) -> int:
    ((key, value),) = expr.items()
    return 1 + sum(map(_connectives, value)) if key in ("$and", "$or") else 0


class _Compiled:
    """All durable_rules rulesets of one definition, and what the actions report back."""

    def __init__(self, expressions: Mapping[str, Expr], fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self._fields = _field_owners(expressions)
        self._accepted: set[str] = set()
        self._recorder = _Recorder()
        clauses = [_clause(name, expr) for name, expr in expressions.items()]
        self._rulesets = [_Ruleset(chunk, self._recorder) for chunk in _chunks(clauses)]

    def check_names(self, facts: Sequence[Fact]) -> None:
        """Refuse fact fields that durable_rules, hashing names to 32 bits, would take for another."""
        for fact in facts:
            for key in fact.keys() - self._accepted:  # the fact vocabulary's few names, checked once
                owner = self._fields.get(name_hash(key), key)
                if owner != key:
                    raise EngineError(f"durable_rules would read fact field {key!r} as {owner!r}")
                if len(self._accepted) < _ACCEPTED_NAMES:
                    self._accepted.add(key)

    def run(self, facts: Sequence[Fact]) -> list[Match]:
        self._recorder.begin()
        for ruleset in self._rulesets:
            chosen = [fact for fact in facts if ruleset.accepts(fact["kind"])]
            if chosen:
                ruleset.run(chosen, str(next(_SIDS)))
        return self._recorder.result()


def _field_owners(expressions: Mapping[str, Expr]) -> dict[int, str]:
    """Every field name durable_rules will see, by its hash; refuse two names with one hash."""
    owners: dict[int, str] = {}
    names = {"id", "sid", "kind", SENTINEL_FIELD}.union(*map(_fields_of, expressions.values()))
    for name in sorted(names):
        other = owners.setdefault(name_hash(name), name)
        if other != name:
            raise EngineUnavailable(f"durable_rules cannot tell fields {other!r} and {name!r} apart")
    return owners


def _fields_of(expr: Expr) -> set[str]:
    ((key, value),) = expr.items()
    if key in ("$and", "$or"):
        return set().union(*map(_fields_of, value))
    return set(value) if key.startswith("$") else {key}


@lru_cache(maxsize=4096)
def name_hash(name: str) -> int:
    """durable_rules' 32-bit FNV-1a hash of a property name; its C code reads bytes as signed chars."""
    value = 0x811C9DC5
    for byte in escaped(name):
        value = ((value ^ (byte | 0xFFFFFF00 if byte > 127 else byte)) * 0x01000193) & 0xFFFFFFFF
    return value


# --- splitting clauses so that durable_rules' condition stack never overflows -------------------------


def _chunks(clauses: Sequence[_Clause]) -> list[list[_Clause]]:
    """Clauses grouped by kind, then cut into runs that each fit one durable_rules ruleset."""
    chunks: list[list[_Clause]] = []
    for clause in sorted(clauses, key=lambda clause: (clause.kind is None, clause.kind or "")):
        if not _fits([clause]):
            raise EngineUnavailable(f"clause {clause.name!r} tests more conditions at once than durable_rules can")
        if chunks and _fits([*chunks[-1], clause]):
            chunks[-1].append(clause)
        else:
            chunks.append([clause])
    return chunks


def _fits(clauses: Sequence[_Clause]) -> bool:
    if sum(len(clause.parts) for clause in clauses) > MAX_CLAUSES_PER_RULESET:
        return False
    root = _Node()
    for expr in [part for clause in clauses for part in clause.parts] + [{SENTINEL_FIELD: 1}]:
        root.add(expr)
    return root.stack_bound({}) <= STACK_BUDGET


@dataclass(eq=False)
class _Node:
    """A condition of durable_rules' network (rete.c): conditions are shared between clauses when they
    test the same field with the same operator and value; each $or ends in a join node of its own."""

    children: dict[tuple[object, ...], _Node] = field(default_factory=dict)
    joins: list[_Node] = field(default_factory=list)

    def add(self, expr: Expr) -> _Node:
        """Link `expr` below this node; return the node its matches leave from."""
        ((key, value),) = expr.items()
        if key == "$and":
            node = self
            for item in value:
                node = node.add(item)
            return node
        if key == "$or":
            join = _Node()
            for item in value:
                self.add(item).joins.append(join)
            return join
        ((name, rule),) = value.items() if key.startswith("$") else [(key, value)]
        operator = key if key.startswith("$") else "$eq"
        return self.children.setdefault((operator, name, type(rule), rule), _Node())

    def stack_bound(self, memo: dict[int, int]) -> int:
        """Most entries durable_rules' depth-first walk can hold below this node (every test passing)."""
        if id(self) not in memo:
            below = [child.stack_bound(memo) for child in (*self.children.values(), *self.joins)]
            memo[id(self)] = self.width() - 1 + max(1, *below) if below else 0
        return memo[id(self)]

    def width(self) -> int:
        """Children that can match one fact together: of several kinds, a fact has one."""
        kinds = sum(1 for op, name, kind, _ in self.children if (op, name, kind) == ("$eq", "kind", str))
        return len(self.children) + len(self.joins) - kinds + min(kinds, 1)


# --- running ------------------------------------------------------------------------------------------


class _Recorder:
    """What the actions report during one evaluation."""

    def __init__(self) -> None:
        self.matches: list[Match] = []
        self.problems: list[str] = []
        self.fired = False

    def begin(self) -> None:
        self.matches, self.problems, self.fired = [], [], False

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


class _Action:
    """The `run` of one clause (None: the sentinel). A bound method with exactly one parameter:
    durable_rules treats an action with two as asynchronous and silently stalls the actions after it."""

    def __init__(self, clause: str | None, recorder: _Recorder) -> None:
        self._clause = clause
        self._recorder = recorder

    def fire(self, c: Any) -> None:
        """The action as durable_rules' own loop would call it, with its `Closure`."""
        self._report(lambda: c.m.id)

    def fire_on(self, message: Mapping[str, Any]) -> None:
        """The action on the parsed message durable_rules hands over: ``{"m": fact}`` (see `_do_actions`)."""
        self._report(lambda: message["m"]["id"])

    def _report(self, fact_id: Callable[[], Any]) -> None:
        self._recorder.fired = True  # an action ran on this sid: delete_state is safe from now on
        try:
            self._recorder.record(self._clause, fact_id())
        except Exception as error:  # durable_rules would swallow it: keep it
            self._recorder.problems.append(f"action of clause {self._clause!r} failed: {error!r}")


class _Ruleset:
    """One durable_rules ruleset: some clauses plus the sentinel clause."""

    def __init__(self, clauses: Sequence[_Clause], recorder: _Recorder) -> None:
        kinds = [clause.kind for clause in clauses]
        self._kinds = None if None in kinds else frozenset(kinds)
        self._recorder = recorder
        # durable_rules' rule names are internal: each action knows the clause it reports.
        parts: list[tuple[Expr, str | None]] = [(part, clause.name) for clause in clauses for part in clause.parts]
        parts.append(({SENTINEL_FIELD: 1}, None))
        self._actions = {f"r{n}": _Action(name, recorder) for n, (_, name) in enumerate(parts)}
        definition = {
            rule: {"all": [{"m": m}], "run": action.fire}
            for (rule, action), (m, _) in zip(self._actions.items(), parts, strict=True)
        }
        try:
            self._ruleset = _dr.Ruleset(f"copadvisor-{next(_RULESET_NAMES)}", None, definition)
        except Exception as error:
            raise EngineUnavailable(f"durable_rules refused the rules: {error}") from error

    def accepts(self, kind: object) -> bool:
        return self._kinds is None or kind in self._kinds

    def run(self, facts: Sequence[Fact], sid: str) -> None:
        """Assert `facts` one by one in a fresh session `sid`, then close it."""
        self._recorder.fired = False
        try:
            for fact in facts:
                self._assert({**fact, "sid": sid})
        finally:
            self._close(sid)

    def _assert(self, payload: dict[str, object]) -> None:
        try:
            handle = self._ruleset.assert_fact(payload)
        except _dr.MessageNotHandledException:
            return  # no clause matches this fact
        except _dr.MessageObservedException:
            raise EngineError(f"durable_rules took fact id {payload['id']} for a duplicate") from None
        except Exception as error:  # the C extension's errors carry a numeric code
            raise EngineError(_explain(error)) from error
        if not self._do_actions(handle):  # durable_rules drops, unreported, actions that ran over 10 s
            self._recorder.problems.append(f"durable_rules abandoned the actions of fact id {payload['id']}")

    def _do_actions(self, state: int) -> bool:
        """What durable_rules' `Ruleset.do_actions` does, for actions that are synchronous and leave the
        session's state as it is (ours only record a match); False when it would drop the actions.

        Its own loop builds a `Closure` and a `Promise` run per action and parses, then re-serialises, the
        state for each: a third of the engine's time. This one makes the same calls into the C extension, in
        the same order, with the state's JSON as the extension gave it, and keeps its 10-second cut-off.
        durable_rules is pinned (2.0.28, unmaintained): these internals will not move.
        """
        engine, handle = _dr.durable_rules_engine, self._ruleset._handle
        try:
            started = engine.start_action_for_state(handle, state)
        except Exception as error:
            self._recorder.failed(error)
            return True
        if not started:
            return True
        state_json, message_json = started
        while message_json:
            rule, message = next(iter(json.loads(message_json).items()))
            began = _dr._unix_now()
            self._actions[rule].fire_on(message)
            if _dr._unix_now() - began > 10:
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
            self._assert({"id": 0, "sid": sid, SENTINEL_FIELD: 1})
            exception = self._ruleset.get_state(sid).get("exception")
            if exception:
                self._recorder.problems.append(f"durable_rules: {exception}")
        finally:
            if self._recorder.fired:  # delete_state crashes on a sid where no action ran
                self._ruleset.delete_state(sid)


def _explain(error: Exception) -> str:
    found = re.search(r"error code: (\d+)", str(error))
    meaning = _ERROR_CODES.get(int(found.group(1))) if found else None
    return f"durable_rules failed: {error}" + (f" ({meaning})" if meaning else "")

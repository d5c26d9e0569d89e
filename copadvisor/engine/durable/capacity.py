"""Fitting clauses into durable_rules' limits (`copadvisor.engine.limits`), proven before any ruleset exists.

- A clause that names no kind is guarded by ``{"$ex": {"kind": 1}}``: durable_rules also matches clauses
  against its own state document, and a clause matching that loops forever.
- durable_rules refuses a clause with more than 15 $and/$or: such a clause is simplified, then split into
  parts (alternatives, durable_rules rules that all report the clause).
- durable_rules walks matching conditions with a 64-entry stack ("error 303", findings lost) and hangs on a
  node with 512 children: the clauses are grouped by kind and cut into chunks, one ruleset each, each proven
  by rebuilding durable_rules' condition network (`_Node`) to stay within that stack.
- durable_rules tells property names apart by a 32-bit hash (`name_hash`): two fields of the rules with one
  hash are refused here, and the adapter refuses a fact field taken for a rule's (`field_owners`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from copadvisor.engine import limits
from copadvisor.engine.base import EngineUnavailable, Expr
from copadvisor.engine.dialect import escaped, required_kind

# The sentinel clause every ruleset holds (see `session`).
SENTINEL: Expr = {limits.SENTINEL_FIELD: 1}


@dataclass(frozen=True)
class Clause:
    name: str
    parts: tuple[Expr, ...]  # as given to durable_rules: a fact matches the clause if it matches a part
    kind: str | None


def check_clause(name: str, expr: Expr) -> None:
    """Raise ``EngineUnavailable`` when durable_rules could not hold this one clause, however it is split
    (asked through `copadvisor.engine.capacity_problem` when rule packs load).

    The same model `chunks` applies to a whole rule set: the connective limit, then the condition stack of a
    ruleset holding this clause alone. A clause that passes here always finds a chunk of its own, so the
    engine can never refuse a rule set whose every clause was checked."""
    checked = clause(name, expr)
    if not _fits([checked]):
        raise EngineUnavailable(f"clause {name!r} tests more conditions at once than durable_rules can")


def clause(name: str, expr: Expr) -> Clause:
    """`expr` guarded against durable_rules' state document and split below its connective limit."""
    kind = required_kind(expr)
    guarded = expr if kind is not None else {"$and": [{"$ex": {"kind": 1}}, expr]}
    try:
        return Clause(name, tuple(_parts(guarded)), kind)
    except EngineUnavailable as error:
        raise EngineUnavailable(f"clause {name!r}: {error}") from None


# --- splitting one clause below durable_rules' 15 $and/$or --------------------------------------------


def _parts(expr: Expr) -> list[Expr]:
    """`expr` as alternatives that each have at most MAX_CONNECTIVES $and/$or (durable_rules' limit):
    simplified first, then split on its top $or or distributed over the largest $or under its top $and."""
    expr = _simplified(expr)
    if _connectives(expr) <= limits.MAX_CONNECTIVES:
        return [expr]
    ((key, items),) = expr.items()
    alternatives = items if key == "$or" else _distributed(items)
    parts: list[Expr] = []
    for alternative in alternatives:
        parts += _parts(alternative)
        if len(parts) > limits.MAX_PARTS:  # splitting can grow exponentially: give up early
            raise EngineUnavailable(f"more than {limits.MAX_CONNECTIVES} $and/$or, too many to split for durable_rules")
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


# --- cutting clauses into rulesets so that durable_rules' condition stack never overflows -------------


def chunks(clauses: Sequence[Clause]) -> list[list[Clause]]:
    """Clauses grouped by kind, then cut into runs that each fit one durable_rules ruleset: each run the
    longest that fits, from the first clause not yet placed.

    Adding a clause never lowers the bound a run needs (its conditions only add nodes and children), so the
    longest fitting run is found by galloping then halving instead of rebuilding the run for every clause
    (the same runs as adding clauses one by one, in a tenth of the time)."""
    ordered = sorted(clauses, key=lambda clause: (clause.kind is None, clause.kind or ""))
    for clause in ordered:
        if not _fits([clause]):
            raise EngineUnavailable(f"clause {clause.name!r} tests more conditions at once than durable_rules can")
    found: list[list[Clause]] = []
    start = 0
    while start < len(ordered):
        end = start + _longest_run(ordered[start:])
        found.append(list(ordered[start:end]))
        start = end
    return found


def _longest_run(clauses: Sequence[Clause]) -> int:
    """How many of the first clauses fit one ruleset together (at least one: each fits alone)."""
    good, step = 1, 1
    while good < len(clauses) and _fits(clauses[: min(good + step, len(clauses))]):
        good = min(good + step, len(clauses))
        step *= 2
    bad = min(good + step, len(clauses) + 1)  # the first length known not to fit (or past the end)
    while bad - good > 1:
        middle = (good + bad) // 2
        if _fits(clauses[:middle]):
            good = middle
        else:
            bad = middle
    return good


def _fits(clauses: Sequence[Clause]) -> bool:
    if sum(len(clause.parts) for clause in clauses) > limits.MAX_CLAUSES_PER_RULESET:
        return False
    root = _Node()
    for expr in [part for clause in clauses for part in clause.parts] + [SENTINEL]:
        root.add(expr)
    return root.stack_bound({}) <= limits.STACK_BUDGET


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


# --- field names --------------------------------------------------------------------------------------


def field_owners(expressions: Mapping[str, Expr]) -> dict[int, str]:
    """Every field name durable_rules will see, by its hash; refuse two names with one hash."""
    owners: dict[int, str] = {}
    names = {*limits.RESERVED_FIELDS, "kind", limits.SENTINEL_FIELD}.union(*map(_fields_of, expressions.values()))
    for name in sorted(names):
        other = owners.setdefault(name_hash(name), name)
        if other != name:
            raise EngineUnavailable(f"durable_rules cannot tell fields {other!r} and {name!r} apart")
    return owners


def fields_read(exprs: Iterable[Expr]) -> frozenset[str]:
    """The fact fields some of ``exprs`` reads."""
    return frozenset().union(*map(_fields_of, exprs))


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

"""Rule packs: YAML files of rules, loaded with located errors and compiled for the engines.

The built-in packs are the top-level ``rules/`` folder (inside the installed package, ``copadvisor/rules``);
users add folders with ``--rules DIR`` or the config.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copadvisor import cache
from copadvisor.engine import RuleSet, capacity_problem
from copadvisor.errors import InputError, Location, Problem
from copadvisor.facts import VOCABULARY
from copadvisor.files import read_regular
from copadvisor.load.discover import walk
from copadvisor.load.validate import validate_model
from copadvisor.load.yamlsource import MAX_BYTES, SourceMap, decode, parse
from copadvisor.rulepack.condition import ConditionError, Node, compile_true, compile_unknown, facts_of
from copadvisor.rulepack.condition import parse as parse_condition
from copadvisor.rulepack.model import Clause, Rule, RulePack, Variant, group_names
from copadvisor.thresholds import Thresholds

__all__ = [
    "ClauseInfo",
    "Compiled",
    "LoadedRule",
    "builtin_rules_dir",
    "compile_rules",
    "load_rules",
    "load_rules_leniently",
    "pack_files",
]

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CACHE_NAME = "rule-packs"  # the rules of packs that loaded clean, by the packs' paths and bytes
_DEFAULTS = Thresholds()


class Positions:
    """Where everything in one pack stands: parsed when first asked for, since a pack read back from the cache
    (`copadvisor.cache`) is not parsed at all, and only `rules test` asks (for the rules' examples)."""

    def __init__(self, path: str, source: SourceMap | None = None) -> None:
        self.path = path
        self._source = source

    @property
    def source(self) -> SourceMap:
        if self._source is None:
            self._source = parse(decode(read_regular(self.path, MAX_BYTES, "rule pack"), self.path), self.path).source
        return self._source

    def __reduce__(self) -> tuple[type[Positions], tuple[str]]:
        return Positions, (self.path,)  # cached without the positions: they are parsed again when needed


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    location: Location  # the rule's entry in its pack
    positions: Positions  # in the pack, for the rule's examples
    index: int  # the rule's place in the pack's list

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def source(self) -> SourceMap:
        return self.positions.source


def builtin_rules_dir() -> str:
    """Inside the installed package; in a source checkout, the top-level ``rules/`` beside the package."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "rules"
    return str(shipped if shipped.is_dir() else package.parent / "rules")


def load_rules(folders: Sequence[str]) -> tuple[LoadedRule, ...]:
    """Every rule of every pack in ``folders``; all problems of all packs are raised together."""
    rules, problems = load_rules_leniently(folders)
    if problems:
        raise InputError(problems)
    return rules


def load_rules_leniently(folders: Sequence[str]) -> tuple[tuple[LoadedRule, ...], tuple[Problem, ...]]:
    """The rules of every pack that loads, and the problems of those that do not (a bad pack is left out
    whole; of two rules with one id, the first is kept)."""
    rules: list[LoadedRule] = []
    problems: list[Problem] = []
    packs: list[tuple[str, bytes | InputError]] = []
    for path in _pack_files(folders, problems):
        try:
            packs.append((path, read_regular(path, MAX_BYTES, "rule pack")))
        except InputError as exc:
            packs.append((path, exc))
    parts = [part for path, data in packs if isinstance(data, bytes) for part in (path, data)]
    clean = not problems and len(parts) == 2 * len(packs)
    found = cache.load(CACHE_NAME, parts) if clean else None
    if isinstance(found, tuple) and all(isinstance(rule, LoadedRule) for rule in found):
        return found, ()  # the packs as loaded, checked and found clean before, from the same bytes
    for path, data in packs:
        try:
            if isinstance(data, InputError):
                raise data
            rules.extend(_load_pack(path, data))
        except InputError as exc:
            problems.extend(exc.problems)
    first: dict[str, LoadedRule] = {}
    for rule in rules:
        first.setdefault(rule.id, rule)
    loaded = tuple(first.values())
    found_problems = tuple(sorted({*problems, *_duplicates(rules), *_shown_with(loaded)}))
    if clean and not found_problems:
        cache.store(CACHE_NAME, parts, loaded)
    return loaded, found_problems


def pack_files(folders: Sequence[str]) -> list[str]:
    """The rule pack files under ``folders``, as the loader reads them (the inputs a run must never overwrite)."""
    return list(_pack_files(folders, []))


def _pack_files(folders: Sequence[str], problems: list[Problem]) -> Iterator[str]:
    for folder in folders:
        if not os.path.isdir(folder):
            problems.append(Problem(Location(folder), "no such rule folder"))
            continue
        for root, _, files in walk(folder, problems):
            # Any letter case, as profiles are found: a pack named `Bad.YAML` is read, never passed over.
            yield from (os.path.join(root, f) for f in sorted(files) if f.lower().endswith((".yaml", ".yml")))


def _load_pack(path: str, data: bytes) -> list[LoadedRule]:
    document = parse(decode(data, path), path)
    if document.problems:
        raise InputError(document.problems)
    if not isinstance(document.value, dict):
        raise InputError([Problem(Location(path), "a rule pack is a mapping: `copadvisor-rules: 1` and `rules:`")])
    pack = validate_model(RulePack, document.value, document.source)
    source = document.source
    positions = Positions(path, source)
    loaded = [LoadedRule(r, source.of_value(("rules", i)), positions, i) for i, r in enumerate(pack.rules)]
    problems = [p for rule in loaded for p in _check(rule)]
    if problems:
        raise InputError(problems)
    return loaded


def _check(loaded: LoadedRule) -> Iterator[Problem]:
    """What the schema cannot see: fact kinds and names, tests, placeholders."""
    rule = loaded.rule
    listed = isinstance(rule.applies_when, list)
    for i, part in enumerate(rule.preconditions):
        path = ("applies_when", i, "when") if listed else ("applies_when",)
        where = loaded.source.of_key(("rules", loaded.index, *path))
        yield from _check_condition(loaded, rule.precondition_kind, part.when, path, where)
        for name in _unknown_placeholders(part.not_due, VOCABULARY[rule.precondition_kind]):
            reason = ("applies_when", i, "not_due") if listed else ("not_due",)
            where = loaded.source.of_value(("rules", loaded.index, *reason))
            yield Problem(where, f"{rule.id}: unknown placeholder '{{{name}}}' in the not-due reason")
    for i, escalation in enumerate(rule.escalations):
        path = ("escalate", i, "when")
        where = loaded.source.of_key(("rules", loaded.index, *path))
        kind = rule.escalation_kind(escalation)
        kinds = {rule.precondition_kind, *(c.on for c in rule.clauses)}
        if kind not in kinds:
            where = loaded.source.of_value(("rules", loaded.index, "escalate", i, "on"))
            yield Problem(where, f"{rule.id}: an escalation is on the {' or '.join(sorted(kinds))} fact, not '{kind}'")
            continue
        yield from _check_condition(loaded, kind, escalation.when, path, where)
        for name in _unknown_placeholders(escalation.because, VOCABULARY[kind]):
            where = loaded.source.of_value(("rules", loaded.index, "escalate", i, "because"))
            yield Problem(where, f"{rule.id}: unknown placeholder '{{{name}}}'")
    for k, clause in enumerate(rule.clauses):
        base = ("rules", loaded.index, *(("match", k) if rule.match is not None else ()))
        fields = VOCABULARY.get(clause.on)
        if fields is None:
            where = loaded.source.of_value((*base, "on"))
            yield Problem(where, f"unknown fact kind '{clause.on}' (one of {', '.join(VOCABULARY)})")
            continue
        try:
            node = parse_condition(clause.when, fields, _DEFAULTS)
        except ConditionError as exc:
            yield Problem(loaded.source.of_key((*base, "when", *exc.path)), f"{rule.id}: {exc.message}")
        else:
            yield from _engine_capacity(rule.id, clause.on, node, loaded.source.of_key((*base, "when")))
        if clause.at is not None and clause.at not in fields:
            yield Problem(loaded.source.of_value((*base, "at")), f"{rule.id}: unknown fact '{clause.at}'")
        message_path = (*base, "message") if clause.message else ("rules", loaded.index, "message")
        for name in _unknown_placeholders(clause.message or rule.message, fields):
            yield Problem(loaded.source.of_value(message_path), f"{rule.id}: unknown placeholder '{{{name}}}'")
    yield from _check_many(loaded)


def _check_many(loaded: LoadedRule) -> Iterator[Problem]:
    """`message_many` and `next_step_many`: placeholders and `when` keys the group can fill."""
    rule = loaded.rule
    kinds = [c.on for c in rule.clauses if c.on in VOCABULARY]
    fields = [name for kind in kinds for name in VOCABULARY[kind]]
    allowed = group_names(kinds, fields)
    for key in ("message_many", "next_step_many"):
        value = getattr(rule, key)
        variants: list[Variant] = [Variant(message=value)] if isinstance(value, str) else list(value or [])
        for j, variant in enumerate(variants):
            path = ("rules", loaded.index, key, *(() if isinstance(value, str) else (j,)))
            message_path = path if isinstance(value, str) else (*path, "message")
            for name in _unknown_placeholders(variant.message, allowed):
                where = loaded.source.of_value(message_path)
                yield Problem(where, f"{rule.id}: unknown placeholder '{{{name}}}' in {key}")
            for name in variant.when or {}:
                if name not in allowed:
                    where = loaded.source.of_key((*path, "when", name))
                    yield Problem(where, f"{rule.id}: unknown placeholder '{name}' under {key}'s `when`")


def _shown_with(rules: Sequence[LoadedRule]) -> Iterator[Problem]:
    """`shown_with` names rules that exist, never the rule itself, and never comes back round to it."""
    ids = {r.id: r for r in rules}
    for loaded in rules:
        for j, other in enumerate(loaded.rule.shown_with):
            where = loaded.source.of_value(("rules", loaded.index, "shown_with", j))
            if other not in ids:
                yield Problem(where, f"{loaded.id}: shown_with names '{other}', which is no rule")
            elif _reaches(ids, other, loaded.id):
                yield Problem(where, f"{loaded.id}: shown_with '{other}' comes back round to {loaded.id}")


def _reaches(ids: dict[str, LoadedRule], start: str, target: str) -> bool:
    seen: set[str] = set()
    todo = [start]
    while todo:
        current = todo.pop()
        if current == target:
            return True
        if current in seen or current not in ids:
            continue
        seen.add(current)
        todo.extend(ids[current].rule.shown_with)
    return False


def _check_condition(
    loaded: LoadedRule, kind: str, when: dict[str, Any], path: tuple[str | int, ...], where: Location
) -> Iterator[Problem]:
    """A precondition: a condition on the profile (or portfolio) fact, within the engine's capacity."""
    try:
        node = parse_condition(when, VOCABULARY[kind], _DEFAULTS)
    except ConditionError as exc:
        key = loaded.source.of_key(("rules", loaded.index, *path, *exc.path))
        yield Problem(key, f"{loaded.id}: {exc.message}")
    else:
        yield from _engine_capacity(loaded.id, kind, node, where)


def _engine_capacity(rule_id: str, kind: str, node: Node, where: Location) -> Iterator[Problem]:
    """Both engines must be able to hold the compiled condition (durable_rules limits its size)."""
    for expr in (compile_true(node), compile_unknown(node)):
        if expr is None:
            continue
        problem = capacity_problem(rule_id, {"$and": [{"kind": kind}, expr]})
        if problem:
            yield Problem(
                where,
                f"{rule_id}: the condition is too complex for the rules engine ({problem}); "
                "split it into several clauses under `match`",
            )
            return


def _unknown_placeholders(message: str, fields: Iterable[str]) -> list[str]:
    allowed = {*fields, "stage", *(f"threshold.{t}" for t in Thresholds.model_fields)}
    return [name for name in PLACEHOLDER.findall(message) if name not in allowed]


def _duplicates(rules: Sequence[LoadedRule]) -> Iterator[Problem]:
    first: dict[str, LoadedRule] = {}
    for rule in rules:
        if rule.id in first:
            where = first[rule.id].location
            yield Problem(rule.location, f"duplicate rule id '{rule.id}' (first defined at {where})")
        else:
            first[rule.id] = rule


# --- compilation -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClauseInfo:
    """What the decision step needs to turn an engine match back into a finding or an unknown."""

    rule: str
    index: int
    kind: str
    facts: tuple[str, ...]  # the facts the condition reads
    at: str | None
    message: str
    unknown: bool  # this clause holds when the condition is undecided for lack of data
    precondition: bool = False  # this clause holds when part `index` of the rule's `applies_when` does
    escalation: bool = False  # this clause holds when the rule's escalation `index` does
    next_step: str = ""  # the clause's own next step, else the rule's


@dataclass(frozen=True)
class Compiled:
    ruleset: RuleSet
    clauses: dict[str, ClauseInfo]


def compile_rules(rules: Sequence[Rule], thresholds: Thresholds) -> Compiled:
    """One engine ruleset for all rules: per clause, a 'true' and (where it can arise) an 'unknown' entry."""
    definition: dict[str, dict[str, object]] = {}
    clauses: dict[str, ClauseInfo] = {}
    for rule in rules:
        kind = rule.precondition_kind
        for i, part in enumerate(rule.preconditions):
            expr = compile_true(parse_condition(part.when, VOCABULARY[kind], thresholds))
            if expr is not None:
                name = f"{rule.id}@applies" + (f"{i}" if i else "")
                definition[name] = {"all": [{"m": {"$and": [{"kind": kind}, expr]}}]}
                clauses[name] = ClauseInfo(rule.id, i, kind, (), None, rule.message, False, precondition=True)
        for i, escalation in enumerate(rule.escalations):
            on = rule.escalation_kind(escalation)
            expr = compile_true(parse_condition(escalation.when, VOCABULARY[on], thresholds))
            if expr is not None:
                name = f"{rule.id}@escalate{i}"
                definition[name] = {"all": [{"m": {"$and": [{"kind": on}, expr]}}]}
                clauses[name] = ClauseInfo(rule.id, i, on, (), None, escalation.because, False, escalation=True)
        for k, clause in enumerate(rule.clauses):
            node = parse_condition(clause.when, VOCABULARY[clause.on], thresholds)
            for unknown, expr in ((False, compile_true(node)), (True, compile_unknown(node))):
                if expr is None:
                    continue
                name = f"{rule.id}#{k}" + ("?" if unknown else "")
                definition[name] = {"all": [{"m": {"$and": [{"kind": clause.on}, expr]}}]}
                clauses[name] = _info(rule, k, clause, facts_of(node), unknown)
    digest = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()[:16]
    return Compiled(RuleSet(f"copadvisor-{digest}", definition), clauses)


def _info(rule: Rule, k: int, clause: Clause, facts: tuple[str, ...], unknown: bool) -> ClauseInfo:
    message = clause.message or rule.message
    return ClauseInfo(rule.id, k, clause.on, facts, clause.at, message, unknown, next_step=clause.next_step or "")

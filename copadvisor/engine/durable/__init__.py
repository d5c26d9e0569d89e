"""The durable_rules evaluator, built around the measured pitfalls of durable_rules 2.0.28.

This module is the adapter: the import guard, the compilation cache and `DurableEngine`. Its two helpers:

- `capacity`: fitting clauses into durable_rules' limits (splitting, chunking into rulesets, field names);
- `session`: running one of those rulesets (facts one by one, the sentinel, the actions, the sid's end).

The pitfalls met in this module, and how:

- durable_rules is an optional extra, and does not import on Python 3.13+: then `AVAILABLE` is false, the
  python engine runs, and `unavailable_reason` says which of the two it is.
- Each `RuleSet` is compiled once per process (cache keyed by its name; a name reused for another
  definition is refused): durable_rules cannot redefine a ruleset.
- One live session id at a time (a process-wide lock), a fresh sid per evaluation, deleted afterwards.
- Facts are checked before the engine (`copadvisor.engine.dialect.check_facts`: non-scalars, NaN and
  infinities, floats durable_rules cannot parse, integers beyond 64 bits, over-long or invalid texts, too many
  fields are refused). Field names whose 32-bit hash durable_rules would confuse with a rule's field are
  refused; facts only visit the rulesets holding clauses of their kind.
- Python 3.12's `DeprecationWarning` from every action is silenced here only.

Rules durable_rules cannot hold even so raise `EngineUnavailable`; the python engine takes them.
"""

from __future__ import annotations

import importlib
import itertools
import json
import sys
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from copadvisor import cache
from copadvisor.engine.base import EngineError, EngineFact, EngineUnavailable, Expr, InvalidRules, Match, RuleSet
from copadvisor.engine.dialect import check_facts, clause_expressions
from copadvisor.engine.durable.capacity import Clause, chunks, clause, field_owners, name_hash
from copadvisor.engine.durable.session import Recorder, Ruleset


def _import_durable() -> tuple[Any, ImportError | None]:
    try:
        return importlib.import_module("durable.engine"), None
    except ImportError as error:  # not installed (an optional extra), or it does not import on Python 3.13+
        return None, error


_dr, _IMPORT_ERROR = _import_durable()
AVAILABLE = _dr is not None

EXTRA = "pip install 'copadvisor[durable]'"
SAME_RESULTS = "--engine python (or auto) gives the same results"


def unavailable_reason(error: ImportError | None = None, version: tuple[int, ...] | None = None) -> str:
    """Why durable_rules cannot run here, in the user's terms: the Python version only when that is the cause;
    else the optional extra that is not installed; else the import error of an installed but broken build."""
    error = _IMPORT_ERROR if error is None else error
    version = sys.version_info[:2] if version is None else version
    if version >= (3, 13):
        return f"durable_rules does not run on Python 3.13 or newer (this is {version[0]}.{version[1]}): {SAME_RESULTS}"
    if error is None or (isinstance(error, ModuleNotFoundError) and error.name in ("durable", "durable.engine")):
        return (
            f"durable_rules is not installed: it is the optional `durable` extra ({EXTRA}, which needs a C "
            f"compiler); {SAME_RESULTS}"
        )
    return f"durable_rules is installed but does not import ({error}): reinstall it with {EXTRA}; {SAME_RESULTS}"


CACHE_NAME = "durable-rulesets"  # the clauses cut into rulesets, by the definition
_ACCEPTED_NAMES = 4096  # fact field names remembered as accepted

_LOCK = threading.Lock()
_SIDS = itertools.count(1)


class DurableEngine:
    """Evaluates compiled rules with durable_rules; same results as `copadvisor.engine.python`."""

    name = "durable"

    def __init__(self, rules: RuleSet) -> None:
        if not AVAILABLE:
            raise EngineUnavailable(unavailable_reason())
        with _LOCK:
            self._rulesets = _rulesets_of(rules)

    def evaluate(self, facts: Sequence[EngineFact]) -> list[Match]:
        check_facts(facts)
        self._rulesets.check_names(facts)
        with _LOCK, _quiet_durable():
            try:
                return self._rulesets.run(facts)
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

_CACHE: dict[str, _Rulesets] = {}


def _rulesets_of(rules: RuleSet) -> _Rulesets:
    """The process-wide compilation of `rules`, made on first use."""
    expressions = clause_expressions(rules.definition)  # fresh copies: durable_rules mutates its input
    fingerprint = json.dumps(expressions, sort_keys=True)
    found = _CACHE.get(rules.name)
    if found is None:
        found = _CACHE[rules.name] = _Rulesets(expressions, fingerprint)
    elif found.fingerprint != fingerprint:
        raise InvalidRules(f"two different rule definitions are both named {rules.name!r}")
    return found


def _chunked(expressions: Mapping[str, Expr], fingerprint: str) -> list[list[Clause]]:
    """The clauses split and cut into rulesets (`capacity`): a pure function of the definition, and most of the
    time of building the rulesets, so kept in the cache on disk (`copadvisor.cache`) by the definition."""
    found = cache.load(CACHE_NAME, [fingerprint])
    if isinstance(found, list) and all(isinstance(c, Clause) for chunk in found for c in chunk):
        return found
    made = chunks([clause(name, expr) for name, expr in expressions.items()])
    cache.store(CACHE_NAME, [fingerprint], made)
    return made


class _Rulesets:
    """All durable_rules rulesets of one definition, and what their actions report back."""

    def __init__(self, expressions: Mapping[str, Expr], fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self._fields = field_owners(expressions)
        self._accepted: set[str] = set()
        self._recorder = Recorder()
        self._members = [Ruleset(chunk, self._recorder, _dr) for chunk in _chunked(expressions, fingerprint)]

    def check_names(self, facts: Sequence[EngineFact]) -> None:
        """Refuse fact fields that durable_rules, hashing names to 32 bits, would take for another."""
        for fact in facts:
            for key in fact.keys() - self._accepted:  # the fact vocabulary's few names, checked once
                owner = self._fields.get(name_hash(key), key)
                if owner != key:
                    raise EngineError(f"durable_rules would read fact field {key!r} as {owner!r}")
                if len(self._accepted) < _ACCEPTED_NAMES:
                    self._accepted.add(key)

    def run(self, facts: Sequence[EngineFact]) -> list[Match]:
        self._recorder.begin()
        for ruleset in self._members:
            chosen = [fact for fact in facts if ruleset.accepts(fact["kind"])]
            if chosen:
                ruleset.run(chosen, str(next(_SIDS)))
        return self._recorder.result()

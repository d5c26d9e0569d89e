"""The engine step: evaluate compiled rules against one profile's facts.

Two evaluators of the same compiled form sit behind the `Engine` protocol: durable_rules (`durable`) and a
pure-Python twin (`python`). Nothing above this package knows which one ran, and nothing above it imports
either of them: callers build an engine with `make_engine` and ask `capacity_problem` whether a clause fits.

The package, one job per module:

- `base`: the records and errors shared by all (re-exported here);
- `limits`: every measured limit of durable_rules 2.0.28;
- `dialect`: the compiled form both engines accept, and the checks of definitions and facts;
- `python`: the pure-Python evaluator;
- `durable`: the durable_rules adapter (`capacity`: fitting clauses into its limits; `session`: running one
  of its rulesets).

Both engines accept and refuse the same definitions and facts (`dialect`). Only durable_rules' own limits
differ: a definition too large for it raises `EngineUnavailable` (rare), and a fact field whose name it
would confuse with a rule's field (32-bit hash) raises `EngineError`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol

from copadvisor.engine import durable
from copadvisor.engine.base import (
    EngineError,
    EngineFact,
    EngineUnavailable,
    Expr,
    InvalidRules,
    Match,
    RuleSet,
    Scalar,
)
from copadvisor.engine.dialect import clause_expressions
from copadvisor.engine.durable.capacity import check_clause
from copadvisor.engine.python import PythonEngine

__all__ = [
    "ENGINES",
    "Engine",
    "EngineError",
    "EngineFact",
    "EngineUnavailable",
    "Expr",
    "InvalidRules",
    "Match",
    "RuleSet",
    "Scalar",
    "available_engines",
    "capacity_problem",
    "fallback_note",
    "make_engine",
]

ENGINES = ("durable", "python")


class Engine(Protocol):
    """Evaluates one compiled rule set; `evaluate` returns sorted, deduplicated (clause, fact id) pairs."""

    name: str

    def evaluate(self, facts: Sequence[EngineFact]) -> list[Match]: ...


def available_engines() -> tuple[str, ...]:
    """The engines that work in this interpreter, preferred first."""
    return ENGINES if durable.AVAILABLE else ("python",)


def fallback_note(which: str) -> str | None:
    """The one line to tell a user that ``auto`` fell back to the pure-Python engine because durable_rules is
    not installed (it is an optional extra: it builds from source, with a C compiler), or ``None``. On Python
    3.13+ durable_rules cannot run at all, so the pure-Python engine is simply the engine there: no note. The CLI
    shows it to a person at a terminal only (``copadvisor.cli.output.noted``)."""
    if which != "auto" or durable.AVAILABLE or sys.version_info >= (3, 13):
        return None
    return (
        "copadvisor: the pure-Python engine ran (same results): durable_rules is an optional extra;"
        ' engine = "python" in the config silences this note'
    )


def make_engine(rules: RuleSet, which: str = "auto") -> Engine:
    """Build an engine for `rules`: "durable", "python", or "auto" (durable where it imports).

    Raises EngineUnavailable for an unknown or unimportable engine and for rules durable_rules cannot
    hold (the python engine can); InvalidRules for a definition outside the supported subset.
    """
    if which not in (*ENGINES, "auto"):
        raise EngineUnavailable(f"unknown engine {which!r}; choose one of auto, {', '.join(ENGINES)}")
    if which == "auto":
        which = available_engines()[0]
    if which == "durable":
        return durable.DurableEngine(rules)
    return PythonEngine(rules)


def capacity_problem(name: str, expr: Expr) -> str | None:
    """Why some engine available here could not hold the one clause `expr` named `name`, or None.

    The rule-pack loader asks this on load, so that such a condition is a located error, not a failure at
    run time: the dialect's checks apply everywhere, durable_rules' size limits where it imports.
    """
    try:
        clause_expressions({name: {"all": [{"m": expr}]}})
        if durable.AVAILABLE:
            check_clause(name, expr)
    except (InvalidRules, EngineUnavailable) as error:
        return str(error)
    return None

"""The records and errors every engine module shares; the face (`copadvisor.engine`) re-exports them.

They sit here, below every other module of the package, so that the face, the dialect and both engines
can import them without an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Scalar = int | float | str | bool
# One fact as the engines take it: flat, scalar fields, with an "id" and a "kind". Not `copadvisor.facts.Fact`,
# the derived fact with its source positions, which the pipeline turns into these.
EngineFact = Mapping[str, Scalar]
# An engine's answer: (clause name, fact id).
Match = tuple[str, int]
# One clause's condition in the dialect (`copadvisor.engine.dialect`).
Expr = Mapping[str, Any]


class EngineError(Exception):
    """The engine failed for this set of facts; the caller reports it as an error of that one profile."""


class EngineUnavailable(ValueError):
    """The requested engine is unknown, cannot be imported here, or cannot hold these rules."""


class InvalidRules(ValueError):
    """The compiled definition is outside the dialect subset both engines evaluate identically."""


@dataclass(frozen=True)
class RuleSet:
    """A compiled rule set: a stable name (e.g. a content hash) and its definition in the dialect."""

    name: str
    definition: Mapping[str, Mapping[str, Any]]

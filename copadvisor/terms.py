"""The words every step shares, each spelt once: stages, severities, outcomes and statuses (SPEC §2, §4, §5)."""

from __future__ import annotations

from typing import Literal

STAGES: tuple[str, ...] = ("potential", "coalescing", "maturing", "stewardship", "transformation")
StageId = Literal["potential", "coalescing", "maturing", "stewardship", "transformation"]
PORTFOLIO = "portfolio"  # the pseudo-stage of rules about the CoPs evaluated together

# Ascending: ``info`` < ``low`` < ``medium`` < ``high``.
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high")
SEVERITIES_WORST_FIRST: tuple[str, ...] = tuple(reversed(SEVERITIES))
Severity = Literal["info", "low", "medium", "high"]
NEVER = "none"  # the --fail-on value that never fails
FAIL_ON: tuple[str, ...] = (*SEVERITIES, NEVER)

OUTCOMES: tuple[str, ...] = ("fail", "unknown", "suppressed", "pass", "not_applicable", "not_due")
# A profile's status for sponsors (SPEC §5), the most in need of support first.
STATUSES: tuple[str, ...] = ("red", "amber", "ending", "green", "error")
# In a CoP's status history: a date before its first event, when there was nothing to judge yet.
NOT_STARTED = "not_started"
# The rule whose finding means the CoP may be coming to a natural end (SPEC §4): not a failure.
NATURAL_END = "ending.natural-candidate"


def severity_rank(severity: str) -> int:
    """The place of ``severity`` in SEVERITIES; ``none`` (a --fail-on value) ranks above them all."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def worst_first(severity: str) -> int:
    """A sort key: ``high`` first, ``info`` last."""
    return -severity_rank(severity)

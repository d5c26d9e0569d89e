"""Process-wide state, in one place: the garbage collector's tuning for a batch, and the sharing of equal
checks between the sections a run keeps. Everything else in the library is a pure function of its arguments,
except the engines' compiled rule sets (``copadvisor.engine``), which are built once per process and rule set.

Nothing here changes a result: only how fast it comes and how much memory it takes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from copadvisor.report import Check, Section

# Evaluating a profile allocates tens of thousands of short-lived, acyclic objects, and the sections kept for
# the output grow the heap: with the default thresholds the collector ran ~3,000 times over 1,000 profiles
# and its full passes took 15-20 % of the time. It runs after this many net allocations instead of 700.
GC_THRESHOLD = 20_000
# Equal checks kept for sharing, at most (a new run of rules fills it again).
MAX_SHARED_CHECKS = 50_000

_checks: dict[Check, Check] = {}


@contextmanager
def batch_gc() -> Iterator[None]:
    """The cyclic garbage collector tuned for a batch of profiles, then restored. What exists before the batch
    (modules, the compiled rules) is frozen out of its scans."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def tune_worker_gc() -> None:
    """For a worker process: its imports and rules live as long as it does, so no collection need scan them."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def with_shared_checks(section: Section) -> Section:
    """``section`` with each check replaced by an equal one already kept, if any.

    The sections are held until they are rendered, and a profile's checks (one per rule: 60 objects) are
    mostly equal to other profiles' (same rule, outcome and count): sharing them halves the memory a large
    corpus needs. Checks are frozen, so nothing can tell the difference."""
    if len(_checks) > MAX_SHARED_CHECKS:
        _checks.clear()
    return replace(section, checks=tuple(_checks.setdefault(check, check) for check in section.checks))

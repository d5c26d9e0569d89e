"""Profiles evaluated in worker processes, in the order they were found: output is byte-identical whatever
the number of jobs.

durable_rules never releases the GIL, so threads would not help: each worker is a process whose initializer
loads and compiles the rules once. Workers are spawned, not forked, so that no engine state is shared.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence

from copadvisor.load import ProfileSource, load_source
from copadvisor.pipeline import Evaluated, Options, Prepared, evaluate, prepare
from copadvisor.runtime import batch_gc, tune_worker_gc

# Below this many profiles, starting workers costs more than it saves.
MIN_PROFILES_PER_JOB = 25
# Profiles sent to a worker at a time: small enough that the last chunks leave no worker idle for long (at
# ~4 ms a profile, 16 profiles are 0.06 s), large enough that dispatching them costs nothing measurable.
MAX_CHUNK = 16

_worker: tuple[Prepared, Options] | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def evaluate_sources(
    sources: Sequence[ProfileSource], options: Options, prepared: Prepared, jobs: int
) -> Iterator[Evaluated]:
    """Each source loaded and evaluated, in order; with ``jobs`` > 1 and enough profiles, in worker processes."""
    jobs = min(jobs, max(1, len(sources) // MIN_PROFILES_PER_JOB))
    with batch_gc():
        if jobs <= 1:
            yield from (evaluate(load_source(source), prepared, options) for source in sources)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, initializer=_start_worker, initargs=(options,)) as pool:
            yield from pool.imap(_work, sources, chunksize=max(1, min(MAX_CHUNK, len(sources) // (jobs * 8))))


def _start_worker(options: Options) -> None:
    global _worker
    _worker = (prepare(options), options)
    tune_worker_gc()


def _work(source: ProfileSource) -> Evaluated:
    assert _worker is not None, "the pool's initializer did not run"
    prepared, options = _worker
    return evaluate(load_source(source), prepared, options)

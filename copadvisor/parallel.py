"""Profiles evaluated in worker processes, in the order they were found: output is byte-identical whatever
the number of jobs.

durable_rules never releases the GIL, so threads would not help: each worker is a process that loads and
compiles the rules once. Workers are spawned, not forked, so that no engine state is shared.

The parent hands out explicit chunks of profiles, one at a time per worker, and always knows which worker
holds which chunk. So a worker that dies (``kill -9``, the OOM killer, a crash inside durable_rules) or that
runs past ``CHUNK_SECONDS`` costs only the profiles it held: each becomes a located error section, a fresh
worker takes the rest, and every other profile is reported in its place. Workers never see SIGINT (it is
blocked while they start, and ignored once they run): Ctrl-C reaches the parent alone, which stops them and
says "Aborted." once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from copadvisor.errors import Location, Problem
from copadvisor.facts import Fact
from copadvisor.load import ProfileSource, load_source
from copadvisor.pipeline import Evaluated, Options, Prepared, evaluate, prepare
from copadvisor.report import Check, Section
from copadvisor.runtime import batch_gc, tune_worker_gc

if TYPE_CHECKING:  # multiprocessing is imported when workers start: `check` of one profile never needs it
    from multiprocessing.connection import Connection

# Below this many profiles, starting workers costs more than it saves.
MIN_PROFILES_PER_JOB = 25
# Profiles sent to a worker at a time: small enough that the last chunks leave no worker idle for long (at
# ~4 ms a profile, 16 profiles are 0.06 s), large enough that dispatching them costs nothing measurable.
MAX_CHUNK = 16
# A chunk not reported within this time (its worker hangs) is given up: generous, as the first chunk of each
# worker includes starting Python and compiling the rules on a shared CI machine.
CHUNK_SECONDS = 300.0
# How long stopped workers get to exit before they are killed.
STOP_SECONDS = 5.0


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def job_count(jobs: int, profiles: int) -> int:
    """Workers for ``profiles``: at most ``jobs``, the cores there are, and one per MIN_PROFILES_PER_JOB."""
    return max(1, min(jobs, default_jobs(), profiles // MIN_PROFILES_PER_JOB))


def evaluate_sources(
    sources: Sequence[ProfileSource], options: Options, prepared: Prepared, jobs: int
) -> Iterator[Evaluated]:
    """Each source loaded and evaluated, in order; with ``jobs`` > 1 and enough profiles, in worker processes."""
    jobs = job_count(jobs, len(sources))
    with batch_gc():
        if jobs <= 1:
            yield from (evaluate(load_source(source), prepared, options) for source in sources)
            return
        size = max(1, min(MAX_CHUNK, len(sources) // (jobs * 8)))
        chunks = [tuple(sources[i : i + size]) for i in range(0, len(sources), size)]
        yield from _Workers(options, jobs).run(chunks)


@dataclass
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    connection: Connection
    chunk: int | None = None  # the index of the chunk it holds
    deadline: float = 0.0
    checks: list[Check] = field(default_factory=list)  # every distinct check it has sent, by number


# What a worker sends back for a chunk: the checks it has not sent before (numbered on from those it has),
# then each profile's section without its checks, the numbers of its checks, and its portfolio fact. A
# profile's 60 checks were ~85 % of what was sent (20 of 24 KB pickled), and are mostly the same as other
# profiles': each is now sent once per worker.
_Reply = tuple[list[Check], list[tuple[Section, tuple[int, ...], Fact | None]]]


class _Numbering:
    """A worker's side of the check numbering: each distinct check gets the next number the first time."""

    def __init__(self) -> None:
        self.numbers: dict[Check, int] = {}
        self.new: list[Check] = []

    def compact(self, evaluated: Evaluated) -> tuple[Section, tuple[int, ...], Fact | None]:
        section, fact = evaluated
        numbers = tuple(self._number(check) for check in section.checks)
        return replace(section, checks=()), numbers, fact

    def _number(self, check: Check) -> int:
        number = self.numbers.get(check)
        if number is None:
            number = self.numbers[check] = len(self.numbers)
            self.new.append(check)
        return number

    def sent(self) -> list[Check]:
        new, self.new = self.new, []
        return new


def _expanded(worker: _Worker, reply: _Reply) -> list[Evaluated]:
    new, compact = reply
    worker.checks.extend(new)
    table = worker.checks
    return [(replace(section, checks=tuple(table[n] for n in numbers)), fact) for section, numbers, fact in compact]


class _Workers:
    def __init__(self, options: Options, jobs: int) -> None:
        self.options = options
        self.jobs = jobs
        import multiprocessing

        self.context = multiprocessing.get_context("spawn")

    def run(self, chunks: Sequence[tuple[ProfileSource, ...]]) -> Iterator[Evaluated]:
        results: dict[int, list[Evaluated]] = {}
        waiting = deque(range(len(chunks)))
        workers: list[_Worker] = []
        done = 0
        try:
            for _ in range(min(self.jobs, len(chunks))):
                self._start(workers)
            while done < len(chunks):
                for worker in workers:
                    if worker.chunk is None and waiting:
                        self._give(worker, waiting.popleft(), chunks)
                self._collect(workers, chunks, results)
                while done in results:
                    yield from results.pop(done)
                    done += 1
        except BaseException:  # Ctrl-C, a bug, or the caller stopped reading: no worker outlives the run
            _kill(workers)
            raise
        _stop(workers)

    def _start(self, workers: list[_Worker]) -> None:
        """A new worker, added to ``workers`` before a Ctrl-C held meanwhile is delivered (so it is stopped)."""
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.options), daemon=True)
        with _sigint_held():
            process.start()
            child.close()
            workers.append(_Worker(process, parent))

    def _give(self, worker: _Worker, index: int, chunks: Sequence[tuple[ProfileSource, ...]]) -> None:
        worker.chunk = index
        worker.deadline = time.monotonic() + CHUNK_SECONDS
        with contextlib.suppress(OSError):  # a worker that died already: its sentinel says so
            worker.connection.send(chunks[index])

    def _collect(
        self, workers: list[_Worker], chunks: Sequence[tuple[ProfileSource, ...]], results: dict[int, list[Evaluated]]
    ) -> None:
        """Wait for one event (a result, a death, a deadline); a lost worker is replaced in ``workers``."""
        busy = [w for w in workers if w.chunk is not None]
        if not busy:
            return
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        from multiprocessing.connection import wait

        wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in list(workers):
            index = worker.chunk
            outcome = None if index is None else _outcome(worker)
            if index is None or outcome is None:
                continue
            results[index] = outcome if isinstance(outcome, list) else _lost(chunks[index], outcome)
            worker.chunk = None
            if not isinstance(outcome, list):
                workers.remove(worker)
                _stop([worker])
                self._start(workers)


def _outcome(worker: _Worker) -> list[Evaluated] | str | None:
    """The worker's result, or why it has none (it died, it ran out of time), or None: not yet."""
    try:
        if worker.connection.poll():
            reply = worker.connection.recv()
            if isinstance(reply, str):
                raise RuntimeError(f"a worker process failed: {reply}")
            return _expanded(worker, reply)
    except (EOFError, OSError):
        pass
    if not worker.process.is_alive():
        worker.process.join(0)
        return _death(worker.process.exitcode)
    if time.monotonic() > worker.deadline:
        return f"its evaluation took longer than {CHUNK_SECONDS:.0f} s and was stopped"
    return None


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process evaluating it was killed ({name})"
    return f"the worker process evaluating it stopped (exit code {code})"


def _lost(chunk: tuple[ProfileSource, ...], why: str) -> list[Evaluated]:
    """Error sections for the profiles a worker held when it was lost, each naming the others."""
    sections: list[Evaluated] = []
    for source in chunk:
        others = [s.path for s in chunk if s is not source]
        held = f"; it also held {', '.join(others)}" if others else ""
        problem = Problem(Location(source.path), f"not evaluated: {why}{held}")
        sections.append((Section(source.path, source.slug, None, None, errors=(problem,)), None))
    return sections


def _stop(workers: Sequence[_Worker]) -> None:
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.connection.send(None)
    deadline = time.monotonic() + STOP_SECONDS
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()


def _kill(workers: Sequence[_Worker]) -> None:
    for worker in workers:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT blocked while a worker starts: the worker inherits the blocked signal through exec (it never sees
    Ctrl-C, even before its first instruction), and a Ctrl-C meanwhile reaches the parent once it is unblocked."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    # Ignored as well: an ignored signal stays ignored across exec, and Python installs no handler of its own
    # for it at start-up, so the worker never raises KeyboardInterrupt while it imports (a mask alone was not
    # enough: the interpreter's start-up could still be interrupted). Blocked, a Ctrl-C stays pending for the
    # parent, whose handler is back before the mask is lifted.
    handler = _ignore_sigint()
    try:
        yield
    finally:
        if handler is not None:
            signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _ignore_sigint() -> Any:  # what signal.signal returns: a handler, SIG_DFL or SIG_IGN; None off the main thread
    try:
        return signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: the mask alone
        return None


def _serve(connection: Connection, options: Options) -> None:
    """A worker: prepare the rules once, then evaluate each chunk it is sent until it is sent None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepared = prepare(options)
    tune_worker_gc()
    numbering = _Numbering()
    while True:
        try:
            chunk = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if chunk is None:
            return
        try:
            compact = [numbering.compact(evaluate(load_source(source), prepared, options)) for source in chunk]
            reply: object = (numbering.sent(), compact)
        except Exception as error:  # a bug: the parent reports it as an internal error
            reply = f"{type(error).__name__}: {error}"
        connection.send(reply)

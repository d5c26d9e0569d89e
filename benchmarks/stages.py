"""Where the time of `copadvisor lint` goes, step by step, in one process (a script, not a test).

    python benchmarks/stages.py CORPUS [--repeat 3] [--engine auto|durable|python]

Runs the serial pipeline (jobs=1) over every profile under CORPUS with each step timed by wrapping the
functions that do it: read + compose (libyaml), our node walk (positions, duplicate keys, bounds), pydantic
validation, facts, the rules engine, the decision step (judge + decide) and rendering of the lint text. The
best of ``--repeat`` runs counts for each step; the floor (``yaml.load`` with CSafeLoader on the same
files) is timed in the same process for the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import yaml

import copadvisor.load as load_module
import copadvisor.load.yamlsource as yamlsource
import copadvisor.pipeline as pipeline
from copadvisor.render import FORMATS
from copadvisor.runner import run

AS_OF = dt.date(2026, 11, 1)
Timings = defaultdict[str, float]


def _timed(timings: Timings, step: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[step] += time.perf_counter() - started

    return wrapper


@contextmanager
def _patched(timings: Timings, engine: Any) -> Iterator[None]:
    """Wrap each step's function where the pipeline looks it up; undo afterwards."""
    patches = [
        (yamlsource.yaml, "compose", "1 compose (libyaml)"),
        (load_module, "parse", "2 parse (compose + node walk)"),
        (load_module, "validate_profile", "3 validate (pydantic)"),
        (pipeline, "derive", "4 facts"),
        (engine, "evaluate", "5 engine"),
        (pipeline, "engine_facts", "5 engine"),
        (pipeline, "judge", "6 decide (judge + decide)"),
        (pipeline, "decide", "6 decide (judge + decide)"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    try:
        for owner, name, step in patches:
            setattr(owner, name, _timed(timings, step, getattr(owner, name)))
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def one_run(corpus: str, engine: str) -> Timings:
    options = pipeline.Options(as_of=AS_OF, fail_on="medium", engine=engine, activity=False)
    timings: Timings = defaultdict(float)
    started = time.perf_counter()
    prepared = pipeline.prepare(options)
    timings["0 prepare (rules)"] = time.perf_counter() - started
    with _patched(timings, prepared.engine):
        started = time.perf_counter()
        report = run([corpus], options, prepared, jobs=1)
        timings["total run"] = time.perf_counter() - started
    started = time.perf_counter()
    FORMATS["lint"]["text"](report)
    timings["7 render (lint text)"] = time.perf_counter() - started
    return timings


def floor(corpus: str) -> float:
    started = time.perf_counter()
    for folder, _, files in os.walk(corpus):
        for name in files:
            if name.endswith((".yaml", ".yml")):
                with open(os.path.join(folder, name), "rb") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engine", default="auto")
    args = parser.parse_args()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for step, seconds in one_run(args.corpus, args.engine).items():
            best[step] = min(seconds, best.get(step, seconds))
    floor_s = min(floor(args.corpus) for _ in range(args.repeat))
    # compose is inside parse: show the node walk on its own.
    best["2 parse (compose + node walk)"] -= best.get("1 compose (libyaml)", 0.0)
    walk = best.pop("2 parse (compose + node walk)")
    best["2 node walk (ours)"] = walk
    total = best.pop("total run")
    accounted = sum(v for k, v in best.items() if not k.startswith(("0", "7")))
    best["8 discover + rest"] = total - accounted
    print(f"{args.corpus}: serial, best of {args.repeat} per step, engine={args.engine}")
    print(f"{'step':<30} {'seconds':>8} {'share':>6} {'x floor':>8}")
    for step in sorted(best):
        seconds = best[step]
        print(f"{step:<30} {seconds:>8.3f} {seconds / total:>6.1%} {seconds / floor_s:>8.2f}")
    print(f"{'run (load → decide)':<30} {total:>8.3f} {1:>6.0%} {total / floor_s:>8.2f}")
    print(f"{'floor: yaml.load CSafeLoader':<30} {floor_s:>8.3f}")


if __name__ == "__main__":
    main()

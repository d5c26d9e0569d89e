"""How much refusing hostile input and loading a real profile cost (a script, not a test).

    python benchmarks/load_bounds.py [--repeat N]

The issue's bounds: an alias bomb and a 50 MB file are refused in under 1 s and under 200 MB; loading a profile
of 50 events costs little more than parsing it. Each hostile case runs in a fresh interpreter so that its peak
RSS is its own; the baseline is that interpreter's peak after importing copadvisor and loading a tiny profile.
Exits 1 when a bound is not met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from copadvisor.load import LoadedProfile, load_paths

SECONDS_BOUND = 1.0
MEGABYTES_BOUND = 200.0
EXAMPLE = Path(__file__).resolve().parents[1] / "profiles" / "aaot-north" / "cop.yaml"

# Runs in a fresh interpreter: load one path, report time, peak RSS and the first problem as JSON.
CHILD = r"""
import json, resource, sys, time, tracemalloc
from copadvisor.load import LoadFailure, load_paths

def peak_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1048576 if sys.platform == "darwin" else peak / 1024

load_paths([sys.argv[2]])  # warm up: imports, pydantic's validators
baseline = peak_mb()
start = time.perf_counter()
(result,) = load_paths([sys.argv[1]])
seconds = time.perf_counter() - start
peak = peak_mb()
tracemalloc.start()
load_paths([sys.argv[1]])
python_peak = tracemalloc.get_traced_memory()[1] / 1048576
problem = str(result.problems[0]) if isinstance(result, LoadFailure) else None
print(json.dumps({"seconds": seconds, "peak_mb": peak, "baseline_mb": baseline,
                  "python_peak_mb": python_peak, "problem": problem}))
"""


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "copadvisor: 1\nname: bomb\n" + "\n".join(lines) + "\n"


def nested_billion_laughs(depth: int = 50) -> str:
    """The same bomb inside 50 lists: every expanded value has a long path (the costliest form found)."""
    anchors = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    anchors += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    return "x: " + "[" * depth + "{" + ", ".join(anchors) + "}" + "]" * depth + "\n"


def big_file(path: Path, megabytes: int) -> None:
    line = b"# " + b"x" * 1021 + b"\n"  # 1 KiB a line
    with path.open("wb") as handle:
        handle.write(b"copadvisor: 1\nname: big\n")
        for _ in range(megabytes * 1024):
            handle.write(line)


def tiny_nodes(limit_bytes: int) -> str:
    """A file just under the size cap made of the smallest nodes YAML has: [0,0,0,…]."""
    count = (limit_bytes - 40) // 2
    return "copadvisor: 1\nname: tiny\nx: [" + "0," * (count - 1) + "0]\n"


def fifty_events() -> str:
    """The example profile with 50 events of several types, inline."""
    events: list[dict[str, Any]] = []
    day = dt.date(2024, 1, 8)
    for n in range(50):
        date = day + dt.timedelta(days=14 * n)
        if n % 5 == 4:
            events.append({"date": date, "type": "contact", "channel": "email list", "notes": f"note {n}"})
        elif n % 7 == 6:
            events.append({"date": date, "type": "funding", "for": "venue", "outcome": "granted", "amount": 250.5})
        else:
            events.append(
                {
                    "date": date,
                    "type": "launch" if n == 0 else "meeting",
                    "minutes": 120,
                    "attendance": {"practitioner": 12 + n % 5, "manager": 2, "expert_by_experience": 1},
                    "convened_by": ["AK", "JC"],
                    "planning_offer": True,
                    "principles_revisited": n % 2 == 0,
                    "themes": ["caseload capacity", "difficult closures"],
                    "feedback_responses": n % 9,
                }
            )
    events[0].pop("convened_by")
    events[0].pop("planning_offer")
    events[0].pop("principles_revisited")
    events[0].pop("themes")
    events[0].pop("feedback_responses")
    events[0]["principles_introduced"] = True
    return EXAMPLE.read_text(encoding="utf-8") + "\n" + yaml.safe_dump({"events": events}, sort_keys=False)


def refuse(label: str, path: Path, tiny: Path) -> bool:
    """Load ``path`` in a fresh interpreter; print its cost; whether it was refused within the bounds."""
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tiny)], capture_output=True, text=True, check=True
    )
    report = json.loads(completed.stdout)
    within = report["problem"] is not None and report["seconds"] < SECONDS_BOUND
    within = within and report["peak_mb"] < MEGABYTES_BOUND
    size = path.stat().st_size / 1048576
    print(f"{label} ({size:.1f} MB on disk)")
    print(
        f"  {report['seconds'] * 1000:8.1f} ms   peak RSS {report['peak_mb']:6.1f} MB "
        f"(baseline {report['baseline_mb']:.1f} MB, +{report['peak_mb'] - report['baseline_mb']:.1f} MB)   "
        f"Python allocations peak {report['python_peak_mb']:.1f} MB   {'ok' if within else 'OVER THE BOUND'}"
    )
    print(f"  refused with: {report['problem']}")
    return within


def best_of(repeat: int, function: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def fifty_event_ratio(path: Path, repeat: int) -> None:
    (result,) = load_paths([str(path)])
    assert isinstance(result, LoadedProfile), getattr(result, "problems", result)
    assert len(result.profile.events or []) == 50
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    load = best_of(repeat, lambda: load_paths([str(path)]))
    compose = best_of(repeat, lambda: yaml.compose(path.read_text(encoding="utf-8"), Loader=loader))
    construct = best_of(repeat, lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
    print(f"a profile with 50 events ({path.stat().st_size / 1024:.1f} KB), best of {repeat}")
    print(f"  load_paths                          {load * 1000:7.2f} ms")
    print(f"  yaml.compose, {loader.__name__:<21} {compose * 1000:7.2f} ms   load / compose = {load / compose:.2f}")
    print(f"  yaml.load, {loader.__name__:<24} {construct * 1000:7.2f} ms   load / yaml.load = {load / construct:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs of the 50-event timing; the best counts")
    args = parser.parse_args(argv)
    print(f"bounds: refused in under {SECONDS_BOUND:g} s and {MEGABYTES_BOUND:g} MB (peak RSS of the process)\n")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        tiny = root / "tiny.yaml"
        tiny.write_text("copadvisor: 1\nname: tiny\n", encoding="utf-8")
        big = root / "big.yaml"
        big_file(big, 50)
        texts = {
            "(a) billion laughs, 9 levels x 10": billion_laughs(),
            "(a') the same bomb nested 50 lists deep": nested_billion_laughs(),
            "(b) a 50 MB file": None,
            "(b') a file just under the 4 MiB cap, of 2 million tiny nodes": tiny_nodes(4 * 1024 * 1024),
        }
        ok = True
        for number, (label, text) in enumerate(texts.items()):
            path = big if text is None else root / f"case{number}.yaml"
            if text is not None:
                path.write_text(text, encoding="utf-8")
            ok = refuse(label, path, tiny) and ok
        print()
        events = root / "fifty.yaml"
        events.write_text(fifty_events(), encoding="utf-8")
        fifty_event_ratio(events, args.repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

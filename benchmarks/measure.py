"""`copadvisor lint` against its floor and its neighbours, on the same generated files (a script, not a test).

    python benchmarks/measure.py [--repeat 5] [--work /tmp/copadvisor-bench] [--quick] [--json FILE]
                                 [--only report]

Generates (once, cached in --work) deterministic corpora with benchmarks/corpus.py and measures, each command
in a fresh process, best of --repeat for wall time (the spread is printed too):

- `copadvisor lint` with every core (--jobs 0) and with one (--jobs 1);
- the floor: a bare libyaml parse of the same files (`yaml.load` with `CSafeLoader`, one process);
- yamllint (default configuration) and check-jsonschema with copadvisor's own schemas (validation only);
- the cold start of `copadvisor --version` and of `copadvisor check` on one profile;
- peak memory: the resident set of the whole process tree (the workers included), sampled every 50 ms;
- scaling: 1,000 and 10,000 profiles of 50 events; 1,000 profiles of 10, 50 and 200 events;
- the sponsors' report against lint: `report --html` (and with `--since`) at 1,000 and 5,000 profiles
  (`--only report` measures just this part).

yamllint and check-jsonschema come with `pip install -e '.[bench]'`; a tool that is missing is skipped.
--quick: 200 profiles and fewer repeats, to try the script out. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-01"
SINCE = "2026-06-01"  # report --since: five months before
FLOOR = r"""
import os, sys, yaml
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
# The targets.
LINT_VS_FLOOR = 2.0
LINT_VS_YAMLLINT = 0.5
COLD_START_S = 0.5
MEMORY_MB_AT_10K = 250.0
REPORT_VS_LINT = 1.5  # issue 14 (issue 8's was 2.0)
MEMORY_MB = 200  # peak of the process tree at 10,000 profiles, for lint, check and report, on either corpus


@dataclass
class Timing:
    label: str
    best_s: float
    median_s: float
    worst_s: float
    cpu_s: float  # user + system of the process and its children, best run
    peak_mb: float  # resident set of the process tree, largest over the runs
    runs: int

    def spread(self) -> str:
        return f"{self.best_s:.2f} (median {self.median_s:.2f}, worst {self.worst_s:.2f})"


def corpus(work: Path, profiles: int, events: int, heavy: bool = False) -> Path:
    """The corpus of ``profiles`` × ``events``, generated once (benchmarks/corpus.py, seed 2026); ``heavy``:
    the findings-heavy one."""
    out = work / f"corpus-{profiles}x{events}{'-heavy' if heavy else ''}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        spec = importlib.util.spec_from_file_location("corpus", HERE / "corpus.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        started = time.perf_counter()
        module.write_corpus(out, profiles, events, heavy=heavy)
        done.write_text("")
        print(f"  generated {out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return out


def _tree_rss_mb(root: int) -> float:
    """Resident set of ``root`` and every descendant (the pool's workers), from /proc (~1 ms a sample)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue  # it ended meanwhile
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * PAGE
    members, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current and pid not in members]
        members.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in members) / 1048576


PAGE = os.sysconf("SC_PAGE_SIZE")


def run_once(command: Sequence[str], cwd: Path | None = None) -> tuple[float, float, float, int]:
    """(wall seconds, cpu seconds of the tree, peak tree RSS in MB, exit code) of one run."""
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {stderr.decode()[-2000:]}")
    return wall, cpu, peak[0], process.returncode


def measure(label: str, command: Sequence[str], repeat: int, cwd: Path | None = None) -> Timing:
    runs = [run_once(command, cwd) for _ in range(repeat)]
    walls = [wall for wall, _, _, _ in runs]
    best = min(range(repeat), key=lambda i: walls[i])
    peak = max(run[2] for run in runs)
    timing = Timing(label, walls[best], statistics.median(walls), max(walls), runs[best][1], peak, repeat)
    print(f"  {label:<46} {timing.spread()} s  cpu {timing.cpu_s:.2f} s  peak {peak:.0f} MB", file=sys.stderr)
    return timing


def copadvisor(*args: str) -> list[str]:
    """The console script, as users and CI run it (spawned workers re-import its module, unlike `-m`)."""
    script = Path(sys.executable).with_name("copadvisor")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "copadvisor", *args]


def lint(folder: Path, jobs: int) -> list[str]:
    return copadvisor("lint", "--as-of", AS_OF, "--jobs", str(jobs), str(folder))


def tool(name: str) -> str | None:
    found = shutil.which(name, path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    return found


def schema_files(work: Path) -> tuple[Path, Path]:
    profile, events = work / "cop.schema.json", work / "events.schema.json"
    for which, path in (("profile", profile), ("events", events)):
        done = subprocess.run(copadvisor("schema", which), capture_output=True, text=True, check=True)
        path.write_text(done.stdout, encoding="utf-8")
    return profile, events


def jsonschema_command(folder: Path, work: Path) -> list[str] | None:
    """One shell command validating every cop.yaml and every events.yaml against copadvisor's schemas."""
    found = tool("check-jsonschema")
    if found is None:
        return None
    profile, events = schema_files(work)
    script = (
        f'"{found}" --schemafile "{profile}" "{folder}"/*/cop.yaml'
        f' && "{found}" --schemafile "{events}" "{folder}"/*/events.yaml'
    )
    return ["bash", "-c", script]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "copadvisor-bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument(
        "--only",
        choices=["report", "memory"],
        help="measure only the sponsors' report against lint, or only the peak memory (benchmarks/memory.py)",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    repeat = 2 if args.quick else args.repeat
    profiles, large = (200, 2000) if args.quick else (1000, 10000)
    if args.only == "memory":
        return memory_targets(args.work, (profiles, large), args.json)
    if args.only == "report":
        rows = report_vs_lint(args.work, (profiles, profiles * 5), repeat)
        met = print_report_vs_lint(rows)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        return 0 if met else 1
    results: dict[str, Any] = {"cores": len(os.sched_getaffinity(0)), "python": sys.version.split()[0]}
    load = os.getloadavg()
    results["load_before"] = load
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", file=sys.stderr)

    main_corpus = corpus(args.work, profiles, 50)
    print(f"\n{main_corpus.name}", file=sys.stderr)
    timings = {
        "floor": measure(
            "floor: yaml.load CSafeLoader, 1 process", [sys.executable, "-c", FLOOR, str(main_corpus)], repeat
        ),
        "lint": measure("copadvisor lint --jobs 0 (all cores)", lint(main_corpus, 0), repeat),
        "lint1": measure("copadvisor lint --jobs 1", lint(main_corpus, 1), repeat),
        "lint_heavy": measure(
            "copadvisor lint --jobs 0, findings-heavy corpus", lint(corpus(args.work, profiles, 50, True), 0), repeat
        ),
    }
    yamllint = tool("yamllint")
    if yamllint:
        command = [yamllint, "-f", "parsable", str(main_corpus)]
        timings["yamllint"] = measure("yamllint (default config), 1 process", command, min(repeat, 3))
    schema_command = jsonschema_command(main_corpus, args.work)
    if schema_command:
        timings["jsonschema"] = measure("check-jsonschema, copadvisor's schemas", schema_command, min(repeat, 3))

    print("\ncold start", file=sys.stderr)
    one = main_corpus / "cop-00000"
    cold = max(repeat, 10)
    timings["python"] = measure("python -c pass", [sys.executable, "-c", "pass"], cold)
    timings["version"] = measure("copadvisor --version", copadvisor("--version"), cold)
    timings["check_one"] = measure(
        "copadvisor check (one profile)", copadvisor("check", "--as-of", AS_OF, str(one)), cold
    )

    print("\nscaling", file=sys.stderr)
    scaling: dict[str, dict[str, Any]] = {}
    for count, events in ((profiles, 10), (profiles, 50), (profiles, 200), (large, 50)):
        folder = corpus(args.work, count, events)
        runs = 1 if count == large else repeat
        key = f"{count}x{events}"
        floor = (
            timings["floor"]
            if key == f"{profiles}x50"
            else measure(f"floor {key}", [sys.executable, "-c", FLOOR, str(folder)], runs)
        )
        both = timings["lint"] if key == f"{profiles}x50" else measure(f"lint --jobs 0 {key}", lint(folder, 0), runs)
        single = timings["lint1"] if key == f"{profiles}x50" else measure(f"lint --jobs 1 {key}", lint(folder, 1), runs)
        scaling[key] = {
            "profiles": count,
            "events": events,
            "floor": asdict(floor),
            "lint": asdict(both),
            "lint1": asdict(single),
        }

    results["timings"] = {key: asdict(value) for key, value in timings.items()}
    results["scaling"] = scaling
    results["load_after"] = os.getloadavg()
    verdicts = report(results, profiles, large)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if all(verdicts.values()) else 1


def memory_targets(work: Path, counts: Sequence[int], out: Path | None) -> int:
    """Peak memory of lint, check and report on both corpora at each size (``benchmarks/memory.py``), against
    the target: at most MEMORY_MB at the largest size, and flat (the largest within 25 % of the smallest)."""
    spec = importlib.util.spec_from_file_location("memory", HERE / "memory.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows: list[dict[str, Any]] = module.measure_all(work, counts, 50, 0)
    peaks = {(r["corpus"], r["command"], r["profiles"]): r["peak_mb"] for r in rows}
    met = True
    for (kind, command, count), peak in sorted(peaks.items()):
        if count == max(counts):
            smallest = peaks.get((kind, command, min(counts)), peak)
            ok = peak <= MEMORY_MB and peak <= 1.25 * smallest
            met = met and ok
            print(f"{kind} {command}: {smallest} → {peak} MB {'met' if ok else 'NOT met'}")
    if out:
        out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0 if met else 1


def report_vs_lint(work: Path, counts: Sequence[int], repeat: int) -> list[dict[str, Any]]:
    """`report --html` (with and without --since) and `lint`, both with every core, on the same corpora."""
    rows = []
    for count in counts:
        folder = corpus(work, count, 50)
        html = str(work / "report.html")
        print(f"\n{folder.name}", file=sys.stderr)
        timings = {
            "lint": measure("copadvisor lint --jobs 0", lint(folder, 0), repeat),
            "report": measure(
                "copadvisor report --html", copadvisor("report", "--as-of", AS_OF, str(folder), "--html", html), repeat
            ),
            "since": measure(
                "copadvisor report --since --html",
                copadvisor("report", "--as-of", AS_OF, "--since", SINCE, str(folder), "--html", html),
                repeat,
            ),
        }
        rows.append({"profiles": count, **{key: asdict(value) for key, value in timings.items()}})
    return rows


def print_report_vs_lint(rows: Sequence[dict[str, Any]]) -> bool:
    print("\n## The sponsors' report against lint (50 events a profile, every core)\n")
    # CPU seconds (the process and its workers) beside the wall time: on a shared machine they move less.
    print("| profiles | lint s | report s | ÷ lint | report --since s | ÷ lint | report ms per profile | CPU ÷ lint |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    met = True
    for row in rows:
        lint_s, report_s, since_s = (row[key]["best_s"] for key in ("lint", "report", "since"))
        cpu = row["report"]["cpu_s"] / row["lint"]["cpu_s"]
        per_profile = report_s / row["profiles"] * 1000
        print(
            f"| {row['profiles']} | {lint_s:.2f} | {report_s:.2f} | {report_s / lint_s:.2f} | {since_s:.2f} "
            f"| {since_s / lint_s:.2f} | {per_profile:.2f} | {cpu:.2f} |"
        )
        met = met and report_s <= REPORT_VS_LINT * lint_s
    print(f"\n- {'met' if met else 'NOT met'}: report ≤ {REPORT_VS_LINT}× lint (wall time, best run)")
    return met


def report(results: dict[str, Any], profiles: int, large: int) -> dict[str, bool]:
    """Print the tables of docs/benchmarks.md and which targets are met."""
    t = results["timings"]
    s = results["scaling"]
    floor, lint = t["floor"]["best_s"], t["lint"]["best_s"]
    print(f"\n## {profiles} profiles × 50 events ({results['cores']} cores, Python {results['python']})\n")
    print("| command | best s | median s | worst s | CPU s | peak MB | ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key in ("floor", "lint", "lint1", "yamllint", "jsonschema"):
        if key in t:
            row = t[key]
            print(
                f"| {row['label']} | {row['best_s']:.2f} | {row['median_s']:.2f} | {row['worst_s']:.2f} "
                f"| {row['cpu_s']:.2f} | {row['peak_mb']:.0f} | {row['best_s'] / floor:.2f} |"
            )
    print("\n## Cold start\n")
    print("| command | best s | median s | worst s | peak MB |")
    print("|---|---:|---:|---:|---:|")
    for key in ("python", "version", "check_one"):
        row = t[key]
        spread = f"{row['best_s']:.3f} | {row['median_s']:.3f} | {row['worst_s']:.3f}"
        print(f"| {row['label']} | {spread} | {row['peak_mb']:.0f} |")
    print("\n## Scaling\n")
    print("| profiles × events | floor s | lint -j0 s | ÷ floor | lint -j1 s | ms per profile (-j1) ", end="")
    print("| peak MB -j0 | peak MB -j1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, row in s.items():
        per_profile = row["lint1"]["best_s"] / row["profiles"] * 1000
        print(
            f"| {key} | {row['floor']['best_s']:.2f} | {row['lint']['best_s']:.2f} "
            f"| {row['lint']['best_s'] / row['floor']['best_s']:.2f} | {row['lint1']['best_s']:.2f} "
            f"| {per_profile:.2f} | {row['lint']['peak_mb']:.0f} | {row['lint1']['peak_mb']:.0f} |"
        )
    verdicts = {
        f"lint ≤ {LINT_VS_FLOOR}× floor": lint <= LINT_VS_FLOOR * floor,
        f"cold start --version ≤ {COLD_START_S} s": t["version"]["best_s"] <= COLD_START_S,
        f"cold start check one ≤ {COLD_START_S} s": t["check_one"]["best_s"] <= COLD_START_S,
        f"memory at {large} ≤ {MEMORY_MB_AT_10K:.0f} MB": s[f"{large}x50"]["lint"]["peak_mb"] <= MEMORY_MB_AT_10K,
    }
    if "yamllint" in t:
        verdicts[f"lint ≤ {LINT_VS_YAMLLINT}× yamllint"] = lint <= LINT_VS_YAMLLINT * t["yamllint"]["best_s"]
    print("\n## Targets\n")
    for name, met in verdicts.items():
        print(f"- {'met' if met else 'NOT met'}: {name}")
    return verdicts


if __name__ == "__main__":
    sys.exit(main())

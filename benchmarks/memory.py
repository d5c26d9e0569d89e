"""Peak memory of the whole process tree (the main process and its workers) of lint, check and report.

python benchmarks/memory.py [--profiles 1000 10000] [--events 50] [--jobs 0] [--work /tmp/copadvisor-bench]

For each corpus (findings-light and findings-heavy) and each size, each command runs once in a fresh process
with its output to a file, from the work folder (so that no `rules/` folder of the current directory is read
as a local rule pack); /proc is sampled every 50 ms for the resident set of the process and every
descendant, summed (``/usr/bin/time -v`` gives the largest single process, not the tree). Wall seconds are
printed too, but the machine may be shared: read them as ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import AS_OF, copadvisor, corpus, run_once

COMMANDS = ("lint", "check", "report")


def command(name: str, folder: Path, jobs: int, out: Path, exe: str | None) -> list[str]:
    common = ["--as-of", AS_OF, "--jobs", str(jobs), str(folder)]
    if name == "report":
        args = ["report", *common, "--html", str(out.with_suffix(".html")), "--output", str(out)]
    else:
        args = [name, *common, "--output", str(out)]
    return [exe, *args] if exe else copadvisor(*args)


def measure_all(
    work: Path,
    counts: Sequence[int],
    events: int,
    jobs: int,
    commands: Sequence[str] = COMMANDS,
    corpora: Sequence[str] = ("light", "heavy"),
    exe: str | None = None,
) -> list[dict[str, Any]]:
    """Each command on each corpus at each size, once; a row each (printed as it comes)."""
    rows: list[dict[str, Any]] = []
    print("corpus  profiles  command  peak MB  wall s  output MB", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for kind in corpora:
            for profiles in counts:
                folder = corpus(work, profiles, events, heavy=kind == "heavy")
                for name in commands:
                    out = Path(scratch) / f"{name}.out"
                    try:
                        wall, _, peak, _ = run_once(command(name, folder, jobs, out, exe), cwd=work)
                    except RuntimeError as error:  # exit 2 or worse: show why, go on
                        print(f"{kind:<7} {profiles:>8}  {name:<7} failed: {error}", flush=True)
                        continue
                    size = out.stat().st_size / 1048576
                    rows.append({"corpus": kind, "profiles": profiles, "command": name, "peak_mb": round(peak),
                                 "wall_s": round(wall, 2), "output_mb": round(size, 1)})  # fmt: skip
                    print(f"{kind:<7} {profiles:>8}  {name:<7} {peak:>8.0f} {wall:>7.2f} {size:>10.1f}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--commands", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    parser.add_argument("--corpora", nargs="+", choices=["light", "heavy"], default=["light", "heavy"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/copadvisor-bench"))
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    parser.add_argument("--exe", help="the copadvisor console script to measure (default: this environment's)")
    args = parser.parse_args(argv)
    rows = measure_all(args.work, args.profiles, args.events, args.jobs, args.commands, args.corpora, args.exe)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

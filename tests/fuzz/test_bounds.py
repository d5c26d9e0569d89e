"""Hostile and outsized inputs are handled or refused with a clear message, bounded in time and memory."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from copadvisor.cli.main import run

pytestmark = pytest.mark.fuzz

REPO = Path(__file__).resolve().parents[2]
SECONDS = 5.0  # generous: CI shares its two cores; load_bounds.py measures the real costs (well under 1 s)
MEGABYTES = 300.0


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["check", "--as-of", "2026-11-01", *args])
    return code, out.getvalue(), err.getvalue()


def test_a_profile_of_5000_events_is_evaluated(tmp_path: Path) -> None:
    script("corpus").write_corpus(tmp_path, profiles=1, events=5000)
    started = time.perf_counter()
    code, out, err = check(str(tmp_path), "--format", "json")
    assert time.perf_counter() - started < 4 * SECONDS
    assert code in (0, 1), err
    assert '"findings"' in out


def test_a_profile_of_20000_events_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    script("corpus").write_corpus(tmp_path, profiles=1, events=20000)
    code, out, err = check(str(tmp_path))
    assert code == 2
    assert "the document is too large" in out + err


@pytest.mark.parametrize("where", ["profile", "event"])
def test_hundreds_of_fields_are_refused_field_by_field(tmp_path: Path, where: str) -> None:
    fields = {f"field_{number:03}": number for number in range(300)}
    profile = {"copadvisor": 1, "name": "Wide"}
    if where == "profile":
        profile.update(fields)
    else:
        profile["events"] = [{"date": "2026-01-05", "type": "meeting", **fields}]
    path = tmp_path / "wide.yaml"
    path.write_text(yaml.safe_dump(profile), encoding="utf-8")
    code, out, err = check(str(path))
    assert code == 2
    assert (out + err).count("unknown key") == 300


def _bounded(path: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB and the output of `copadvisor check PATH` in a fresh interpreter."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "copadvisor", "check", "--as-of", "2026-11-01", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    with process.stdout:
        output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # wait4: the child's own peak RSS
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 2, output.decode()[-2000:]
    return time.perf_counter() - started, usage.ru_maxrss / 1024, output.decode()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("billion_laughs", "once aliases are expanded"),
        ("nested_billion_laughs", "the document is too large"),
        ("tiny_nodes", "the document is too large"),
        ("big_file", "larger than the 4 MiB limit"),
    ],
)
def test_bombs_and_oversized_files_are_refused_within_bounds(tmp_path: Path, case: str, message: str) -> None:
    bounds = script("load_bounds")
    path = tmp_path / f"{case}.yaml"
    if case == "big_file":
        bounds.big_file(path, 50)
    elif case == "tiny_nodes":
        path.write_text(bounds.tiny_nodes(4 * 1024 * 1024), encoding="utf-8")
    else:
        path.write_text(getattr(bounds, case)(), encoding="utf-8")
    seconds, megabytes, output = _bounded(path)
    assert message in output
    assert seconds < SECONDS, f"{case}: {seconds:.1f} s"
    assert megabytes < MEGABYTES, f"{case}: {megabytes:.0f} MB"

"""Class 2 of issue 12: a run never hangs. A FIFO anywhere is a located error; a worker killed with SIGKILL is
an error naming the profiles it held, the others still reported in order; Ctrl-C during `lint -j4` prints one
line. Every run here is a subprocess with a timeout: a hang fails the test instead of blocking the suite."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .support import AS_OF, MINIMAL, copadvisor, corpus_module, example

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need POSIX")


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("where", "args"),
    [
        ("p/x.yaml", ["check", "p"]),  # the red-team's reproduction: a FIFO beside a profile
        ("p/cop.yaml", ["check", "p"]),  # the profile itself
        ("q.yaml", ["check", "q.yaml"]),  # a single-file profile named on the command line
        ("p/events.yaml", ["check", "p"]),  # the event log
        ("rules/pack.yaml", ["lint", "p"]),  # a local rule pack
        ("extra/pack.yaml", ["check", "p", "--rules", "extra"]),
        ("cfg.toml", ["check", "p", "--config", "cfg.toml"]),
        ("copadvisor.toml", ["check", "p"]),  # a config found by walking up
    ],
)
def test_a_fifo_is_a_located_error_never_a_block(tmp_path: Path, where: str, args: list[str]) -> None:
    if where != "p/cop.yaml" and where != "p/events.yaml":
        example(tmp_path)
    else:
        (tmp_path / "p").mkdir()
        (tmp_path / "p" / ("events.yaml" if where == "p/cop.yaml" else "cop.yaml")).write_bytes(
            b"[]\n" if where == "p/cop.yaml" else MINIMAL
        )
    fifo(tmp_path / where)
    result = copadvisor(*args, "--as-of", AS_OF, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    output = (result.stdout + result.stderr).decode()
    located = [line for line in output.splitlines() if f"{where}:1:1:" in line]
    assert located, output
    assert "cannot read the file: it is a FIFO (named pipe), and only regular files are read" in located[0]
    assert "Traceback" not in output


def test_other_profiles_are_still_reported_beside_a_fifo(tmp_path: Path) -> None:
    example(tmp_path, "a")
    example(tmp_path, "b")
    fifo(tmp_path / "a" / "events.yaml.yaml")
    result = copadvisor("check", ".", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.decode().count('"slug": "a"') == 1
    assert result.stdout.decode().count('"slug": "b"') == 1


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "/dev/tty", "."])
def test_a_device_or_a_folder_as_the_config_is_refused(tmp_path: Path, special: str) -> None:
    example(tmp_path)
    result = copadvisor("check", "p", "--config", special, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert b"only regular files are read" in result.stderr or b"cannot read" in result.stderr


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_a_device_as_a_profile_is_refused(tmp_path: Path, special: str) -> None:
    result = copadvisor("check", special, "--as-of", AS_OF, cwd=tmp_path)
    assert result.returncode == 2
    assert f"{special}:1:1: cannot read the file: it is a character device".encode() in result.stdout


# --- parallel lint ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hangs") / "corpus"
    corpus_module().write_corpus(root, profiles=120, events=10)
    return root


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def workers(pid: int) -> list[int]:
    """The spawned worker processes of ``pid`` (not multiprocessing's resource tracker)."""
    found = []
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(child)
    return found


def start_lint(corpus: Path, jobs: int, *args: str, stdout: int = subprocess.PIPE) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "copadvisor", "lint", str(corpus), "--as-of", AS_OF, "-j", str(jobs), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job is
    )


def wait_for_workers(process: subprocess.Popen[bytes], count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = workers(process.pid)
        if len(found) >= count:
            return found
        time.sleep(0.01)
    process.kill()
    pytest.fail("the workers never started")


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/task").exists() or (os.cpu_count() or 1) < 2, reason="needs /proc and two cores"
)


@needs_proc
def test_a_worker_killed_with_sigkill_is_an_error_and_the_others_are_reported(corpus: Path) -> None:
    process = start_lint(corpus, 2, "--format", "json")
    victim = wait_for_workers(process, 1)[0]
    os.kill(victim, signal.SIGKILL)  # as the OOM killer or a crash inside durable_rules would
    out, err = process.communicate(timeout=120)
    assert process.returncode == 2, err
    report = json.loads(out)
    slugs = [p["slug"] for p in report["profiles"]]
    assert slugs == sorted(slugs)  # every profile, in order
    assert len(slugs) == 120
    lost = [p for p in report["profiles"] if p["errors"]]
    assert lost, "the killed worker's profiles are errors"
    assert len(lost) < 120
    for profile in lost:
        (error,) = profile["errors"]
        assert error["message"].startswith("not evaluated: the worker process evaluating it was killed (SIGKILL)")
        others = [p["path"] for p in lost if p is not profile]
        if others:
            assert all(path in error["message"] for path in others)  # it names the profiles it held
    assert all(p["stage"]["inferred"] for p in report["profiles"] if not p["errors"])
    assert b"Traceback" not in err


@needs_proc
@pytest.mark.parametrize("delay", [0.3, 1.0])  # see docs/promises.md: not within a worker's first milliseconds
def test_ctrl_c_during_parallel_lint_prints_one_line(corpus: Path, delay: float) -> None:
    process = start_lint(corpus, 4)
    wait_for_workers(process, 1)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: every process of the group
    _, err = process.communicate(timeout=60)
    if process.returncode in (0, 1, 2) and not err.strip():
        pytest.skip("the run ended before the interrupt arrived")
    assert err.decode().strip() == "Aborted."  # click ends the line the terminal echoed ^C on, then one line
    assert not workers(process.pid)


def test_jobs_is_capped_at_the_cores_and_the_work() -> None:
    from copadvisor.parallel import MIN_PROFILES_PER_JOB, default_jobs, job_count

    assert job_count(1000, 10_000) == min(default_jobs(), 10_000 // MIN_PROFILES_PER_JOB)
    assert job_count(1000, 30) == 1
    assert job_count(4, 0) == 1


@needs_proc
def test_jobs_1000_starts_no_more_workers_than_cores(corpus: Path) -> None:
    process = start_lint(corpus, 1000, stdout=subprocess.DEVNULL)
    most = 0
    while process.poll() is None:
        most = max(most, len(workers(process.pid)))
        time.sleep(0.02)
    process.communicate(timeout=120)
    assert most <= (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def test_one_two_and_four_jobs_give_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    outputs = set()
    for jobs in (1, 2, 4):
        result = copadvisor("lint", corpus, "--as-of", AS_OF, "-j", str(jobs), "--format", "sarif")
        outputs.add(result.stdout)
    assert len(outputs) == 1

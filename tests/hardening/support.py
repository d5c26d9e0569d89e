"""What the hardening tests share: the CLI in a fresh interpreter, bounded in time, and small profiles."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from copadvisor.cli.main import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "aaot-north"
AS_OF = "2026-11-01"
# A hang guard, not a speed test: a run that blocks for ever is killed and fails the test.
TIMEOUT = 90


def copadvisor(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    """``python -m copadvisor ARGS`` in a subprocess, with its output as bytes; killed after ``timeout``."""
    environment = {**os.environ, **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "copadvisor", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def example(folder: Path, slug: str = "p") -> Path:
    """A copy of the example profile aaot-north (cop.yaml and events.yaml) at ``folder/slug``."""
    target = folder / slug
    target.mkdir(parents=True, exist_ok=True)
    for name in ("cop.yaml", "events.yaml"):
        (target / name).write_bytes((EXAMPLE / name).read_bytes())
    return target


def corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MINIMAL = b"copadvisor: 1\nname: Minimal\n"


# A small, valid user rule pack: an input that no output may overwrite.
PACK = """\
copadvisor-rules: 1
rules:
  - id: local.short
    title: Short
    stages: all
    severity: low
    source: tests
    on: session
    when: {minutes: {lt: 1}}
    message: A short session.
    rationale: Tests.
    next_step: None.
    examples:
      fail: [{profile: {}}]
      pass: [{profile: {}}]
"""


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err

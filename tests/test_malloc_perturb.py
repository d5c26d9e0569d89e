"""durable_rules crashes on some memory states (SPEC notes: `delete_state` on an untouched session segfaults
with MALLOC_PERTURB_=165). The whole pipeline, over many generated profiles, must survive that setting."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from copadvisor.engine import available_engines

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here")


def test_check_survives_malloc_perturb(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    assert spec
    assert spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.write_corpus(tmp_path / "corpus", profiles=150, events=30)
    (tmp_path / "corpus" / "empty-one").mkdir()
    (tmp_path / "corpus" / "empty-one" / "cop.yaml").write_text("copadvisor: 1\nname: Nothing recorded\n")
    env = {**os.environ, "MALLOC_PERTURB_": "165"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "copadvisor",
            "check",
            str(tmp_path / "corpus"),
            "--engine",
            "durable",
            "--jobs",
            "1",
            "--as-of",
            "2026-11-01",
            "--format",
            "json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert len(report["profiles"]) == 151
    assert not any(p["errors"] for p in report["profiles"])

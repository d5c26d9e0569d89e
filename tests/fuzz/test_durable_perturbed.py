"""The durable_rules adapter fuzzed in a process started with MALLOC_PERTURB_=165 (see perturbed_durable.py):
durable_rules reads uninitialised memory on some paths, which that setting turns into crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from copadvisor.engine import available_engines

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here"),
]

TARGET = Path(__file__).with_name("perturbed_durable.py")
EXAMPLES = os.environ.get("COPADVISOR_PERTURBED_EXAMPLES", "500")


def test_the_durable_adapter_survives_malloc_perturb() -> None:
    env = {**os.environ, "MALLOC_PERTURB_": "165", "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [sys.executable, str(TARGET), EXAMPLES], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"exit {done.returncode} (a negative code is a signal)\n{done.stderr[-4000:]}"
    assert done.stdout.startswith("ok:"), done.stdout

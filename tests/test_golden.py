"""Golden reports: `check --format json` on each example profile, reviewed by hand once and kept.

A change of wording or logic shows up here as a diff to review. To accept the new output after reviewing it:
``COPADVISOR_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from copadvisor.cli.main import run

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = "2026-11-01"
# Folders (cop.yaml + events.yaml) and single-file profiles (`<slug>.yaml`) alike.
EXAMPLES = sorted(
    p.stem if p.is_file() else p.name for p in (REPO / "profiles").iterdir() if p.is_dir() or p.suffix == ".yaml"
)


@pytest.mark.parametrize("slug", EXAMPLES)
@pytest.mark.parametrize("engine", ["python", "auto"])
def test_example_profile_report(
    slug: str, engine: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    target = f"profiles/{slug}" if (REPO / "profiles" / slug).is_dir() else f"profiles/{slug}.yaml"
    code = run(["check", target, "--as-of", AS_OF, "--format", "json", "--engine", engine])
    report = json.loads(capsys.readouterr().out)
    report.pop("engine")  # the one field that may differ between engines
    golden = GOLDEN / f"{slug}.json"
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("COPADVISOR_UPDATE_GOLDEN") and engine == "python":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden report for {slug}: review the output and create {golden}"
    assert text == golden.read_text(encoding="utf-8")
    assert code == report["summary"]["exit_code"]


def test_every_golden_report_has_its_profile() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == EXAMPLES

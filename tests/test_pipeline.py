"""One profile through the straight line (``copadvisor.pipeline``): rules prepared once, a bad pack left out and
reported, facts flattened for the engines, what changed since an earlier date, the portfolio's section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cop_testing import write_repo

from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of two profiles: one with findings (one suppressed), one broken."""
    return write_repo(tmp_path)


def test_bad_local_rule_pack_is_reported_and_the_rest_runs(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "local").mkdir()
    (repo / "local" / "pack.yaml").write_text("copadvisor-rules: 1\nrules:\n  - id: local.x\n    titel: x\n")
    code, out = cli(capsys, "lint", "profiles/good", *AS_OF, "--rules", "local", "--format", "json")
    report = json.loads(out)
    assert code == 2
    assert any(e["location"]["path"].endswith("pack.yaml") and e["location"]["line"] == 4 for e in report["errors"])
    assert report["profiles"][0]["findings"]  # the built-in rules still ran

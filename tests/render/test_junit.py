"""JUnit XML (``copadvisor.render.junit``): suites, cases, and failures only at or above --fail-on."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

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


def test_junit_parses_and_fails_at_fail_on(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _code, out = cli(capsys, "lint", *AS_OF, "--format", "junit", "--fail-on", "medium")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    good = next(s for name, s in suites.items() if name and "good" in name)
    case = next(c for c in good.iter("testcase") if c.get("name") == "meetings.too-short")
    assert case.find("failure") is not None
    roles = next(c for c in good.iter("testcase") if c.get("name") == "roles.unfilled")
    assert "acknowledged" in (roles.find("skipped").get("message") or "")  # type: ignore[union-attr]
    broken = next(s for name, s in suites.items() if name and "broken" in name)
    assert broken.get("errors") == "1"
    assert int(root.get("tests") or 0) == sum(int(s.get("tests") or 0) for s in suites.values())
    # Below --fail-on, a finding is not a failure.
    out = cli(capsys, "lint", *AS_OF, "--format", "junit", "--fail-on", "high", "profiles/good")[1]
    case = next(c for c in ET.fromstring(out).iter("testcase") if c.get("name") == "meetings.too-short")
    assert case.find("failure") is None
    assert "too-short" not in (case.findtext("system-out") or "x")

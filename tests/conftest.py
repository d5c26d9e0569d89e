"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import write_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of two profiles: one with findings (one suppressed), one broken."""
    return write_repo(tmp_path)


@pytest.fixture(autouse=True)
def wide_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text output on one line per entry, whatever the temporary paths' length: tests of the layout at a width
    (tests/test_terminal_width.py, tests/render/test_layout.py) set ``COLUMNS`` or the width themselves."""
    monkeypatch.setenv("COLUMNS", "1000")

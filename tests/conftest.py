"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import write_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of two profiles: one with findings (one suppressed), one broken."""
    return write_repo(tmp_path)

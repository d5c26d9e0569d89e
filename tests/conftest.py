"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cop_testing import write_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of two profiles: one with findings (one suppressed), one broken."""
    return write_repo(tmp_path)


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The cache on disk (`copadvisor.cache`) in a folder of the test run's own, never the user's; processes the
    tests start inherit it. Tests of the cache itself set their own."""
    saved = os.environ.get("COPADVISOR_CACHE_DIR")
    os.environ["COPADVISOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        del os.environ["COPADVISOR_CACHE_DIR"]
    else:
        os.environ["COPADVISOR_CACHE_DIR"] = saved


@pytest.fixture(autouse=True)
def wide_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text output on one line per entry, whatever the temporary paths' length: tests of the layout at a width
    (tests/test_terminal_width.py, tests/render/test_layout.py) set ``COLUMNS`` or the width themselves."""
    monkeypatch.setenv("COLUMNS", "1000")

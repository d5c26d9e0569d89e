"""Fixtures shared by the tests of ``copadvisor.load``."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import Write


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """``write(content, name="profile.yaml")`` → the path of a new file under ``tmp_path`` (folders made)."""

    def _write(content: str | bytes, name: str = "profile.yaml") -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)

    return _write

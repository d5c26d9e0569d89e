"""Shared by the durable_rules adapter's tests: a spy on the sessions durable_rules is asked to delete."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def deletions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sids durable_rules is asked to delete."""
    durable_engine = pytest.importorskip("durable.engine", exc_type=ImportError)
    deleted: list[str] = []
    original = durable_engine.Ruleset.delete_state

    def spy(self: Any, sid: str) -> None:
        deleted.append(sid)
        original(self, sid)

    monkeypatch.setattr(durable_engine.Ruleset, "delete_state", spy)
    return deleted

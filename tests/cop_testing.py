"""Builders shared by the tests: profiles written as real YAML, so that positions are real too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from copadvisor.load import LoadedProfile, LoadFailure, load_paths


def write_profile(
    folder: Path, profile: dict[str, Any] | None = None, events: list[Any] | None = None, slug: str = "cop"
) -> Path:
    """A profile folder with cop.yaml (and events.yaml when events are given); returns the folder."""
    target = folder / slug
    target.mkdir(parents=True, exist_ok=True)
    data = {"copadvisor": 1, "name": f"CoP {slug}", **(profile or {})}
    (target / "cop.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    events_file = target / "events.yaml"
    if events is not None:
        events_file.write_text(yaml.safe_dump(events, sort_keys=False), encoding="utf-8")
    else:
        events_file.unlink(missing_ok=True)
    return target


def load_one(folder: Path, profile: dict[str, Any] | None = None, events: list[Any] | None = None) -> LoadedProfile:
    [result] = load_paths([str(write_profile(folder, profile, events))])
    assert not isinstance(result, LoadFailure), result.problems
    return result


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)

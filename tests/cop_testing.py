"""Builders shared by the tests: profiles written as real YAML, so that positions are real too."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from copadvisor.cli.main import run
from copadvisor.decide import Policy
from copadvisor.facts import Facts, derive
from copadvisor.load import LoadedProfile, LoadFailure, load_paths
from copadvisor.pipeline import Options, Prepared, prepare
from copadvisor.rulepack.model import Rule
from copadvisor.thresholds import Thresholds

# The least a rule needs: every required key, one condition, an example of each kind.
MINIMAL_RULE: dict[str, Any] = {
    "id": "area.rule-name",
    "title": "A title",
    "stages": "all",
    "severity": "low",
    "source": "test",
    "when": {"launched": True},
    "message": "m",
    "rationale": "r",
    "next_step": "n",
    "examples": {"fail": [{}], "pass": [{}]},
}


def minimal_rule(**changes: Any) -> Rule:
    """``MINIMAL_RULE`` with ``changes``; a change to ``None`` leaves that key out."""
    data = {**MINIMAL_RULE, **changes}
    return Rule.model_validate({k: v for k, v in data.items() if v is not None})


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


SHORT: dict[str, Any] = {"practicalities": {"meeting_minutes": 60}}  # fails meetings.too-short (medium)


def write_repo(root: Path) -> Path:
    """A repository of two profiles under ``profiles/``: one with findings (one suppressed), one broken."""
    write_profile(
        root / "profiles",
        {
            **SHORT,
            "acknowledged_risks": [
                {"rule": "roles.unfilled", "reason": "members will choose roles at the launch", "until": "2026-03-01"}
            ],
        },
        slug="good",
    )
    broken = root / "profiles" / "broken"
    broken.mkdir()
    (broken / "cop.yaml").write_text("copadvisor: 1\nname: Broken\nstage: coalesing\n")
    return root


def facts_of(
    tmp_path: Path, profile: dict[str, Any] | None = None, events: list[Any] | None = None, as_of: str = "2026-01-01"
) -> Facts:
    """The facts of one profile written under ``tmp_path``, as of a date, with the default thresholds."""
    return derive(load_one(tmp_path, profile, events), day(as_of), Thresholds())


@functools.cache
def prepared(engine: str = "python", select: tuple[str, ...] = ()) -> Prepared:
    """The built-in rules (those ``select`` names, or all) prepared once per engine and selection; the as-of
    date plays no part in preparing."""
    return prepare(Options(as_of=dt.date(2026, 1, 1), engine=engine, policy=Policy(select=select)))


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the command line in-process: its exit code and what it printed."""
    code = run(list(args))
    return code, capsys.readouterr().out

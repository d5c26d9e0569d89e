"""Config files: found walking up, validated with locations, flags winning."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from copadvisor.commands import Flags, resolve
from copadvisor.config import find_config, load_config
from copadvisor.errors import InputError

NO_FLAGS = Flags(as_of=None, fail_on=None, select=(), ignore=(), rules=(), config=None, engine=None)


def test_nearest_config_walking_up(tmp_path: Path) -> None:
    (tmp_path / "copadvisor.toml").write_text('fail_on = "low"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(str(deep)) == str(tmp_path / "copadvisor.toml")
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.copadvisor]: skipped
    assert find_config(str(deep)) == str(tmp_path / "copadvisor.toml")
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.copadvisor]\nfail_on = 'info'\n")
    found = find_config(str(deep))
    assert found == str(tmp_path / "a" / "pyproject.toml")
    assert load_config(found).settings.fail_on == "info"


def test_settings_and_thresholds(tmp_path: Path) -> None:
    path = tmp_path / "copadvisor.toml"
    path.write_text(
        'select = ["meetings."]\nrules = ["local"]\n[severity]\n"roles.unfilled" = "info"\n'
        "[thresholds]\nmeeting_minutes = 90\n"
    )
    config = load_config(str(path))
    assert config.settings.thresholds.meeting_minutes == 90
    assert config.settings.severity == {"roles.unfilled": "info"}
    assert config.relative(config.settings.rules) == (os.path.join(str(tmp_path), "local"),)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('fail_on = "low"\nselct = ["a."]\n', 2, 1, "selct: unknown key"),
        (
            "[thresholds]\nmeeting_minutes = -5\n",
            2,
            1,
            "thresholds.meeting_minutes: should be greater than or equal to 1",
        ),
        ("[thresholds]\nmeeting_minute = 5\n", 2, 1, "thresholds.meeting_minute: unknown key"),
        ('fail_on = "severe"\n', 1, 1, "fail_on:"),
        ("fail_on = \n", 1, 11, "invalid TOML"),
        ('[severity]\n"a.b" = "loud"\n', 2, 2, "severity.a.b:"),
    ],
)
def test_bad_config_is_located(tmp_path: Path, text: str, line: int, column: int, words: str) -> None:
    path = tmp_path / "copadvisor.toml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_config(str(path))
    problem = caught.value.problems[0]
    assert (problem.location.line, problem.location.column) == (line, column), problem
    assert words in problem.message


def test_flags_win_over_the_config(tmp_path: Path) -> None:
    (tmp_path / "copadvisor.toml").write_text('fail_on = "low"\nignore = ["roles."]\nengine = "python"\n')
    today = dt.date(2026, 1, 1)
    options, _config = resolve(NO_FLAGS, [str(tmp_path)], "high", today)
    assert (options.fail_on, options.policy.ignore, options.engine, options.as_of) == (
        "low",
        ("roles.",),
        "python",
        today,
    )
    flags = Flags(
        as_of=dt.date(2025, 5, 5), fail_on="none", select=(), ignore=("x.",), rules=(), config=None, engine="auto"
    )
    options, _ = resolve(flags, [str(tmp_path)], "high", today)
    assert (options.fail_on, options.policy.ignore, options.engine, options.as_of) == (
        "none",
        ("roles.", "x."),
        "auto",
        dt.date(2025, 5, 5),
    )


def test_no_config_means_defaults(tmp_path: Path) -> None:
    options, config = resolve(NO_FLAGS, [str(tmp_path)], "medium", dt.date(2026, 1, 1))
    assert config.path is None  # nothing above a pytest temporary folder
    assert (options.fail_on, options.engine, options.thresholds.meeting_minutes) == ("medium", "auto", 120)

"""Config files: found walking up, validated with locations, flags winning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cop_testing import write_repo

from copadvisor.cli.main import run
from copadvisor.config import find_config, load_config
from copadvisor.errors import InputError

AS_OF = ["--as-of", "2026-01-01"]


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


def test_bad_config_is_exit_2_with_location(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "copadvisor.toml").write_text('fail_on = "medium"\nignorre = ["roles."]\n')
    code = run(["lint", *AS_OF])
    err = capsys.readouterr().err
    assert code == 2
    assert "copadvisor.toml:2:1: ignorre: unknown key" in err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path)


def test_the_pulse_table_maps_questions_to_columns(tmp_path: Path) -> None:
    path = tmp_path / "copadvisor.toml"
    path.write_text('[pulse]\nvoice = "I can get my voice heard"\nworth = "Worth my time?"\n', encoding="utf-8")
    assert load_config(str(path)).settings.pulse == {"voice": "I can get my voice heard", "worth": "Worth my time?"}
    path.write_text('[pulse]\nVoice = "x"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(str(path))
    assert caught.value.problems[0].location.line == 2

"""`copadvisor init`: a scaffold that validates as it stands, and never overwrites anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copadvisor.cli.main import run
from copadvisor.load import LoadedProfile, load_paths


def test_init_writes_a_valid_commented_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new-cop"
    assert run(["init", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["cop.schema.json", "cop.yaml", "events.schema.json", "events.yaml"]
    cop = (folder / "cop.yaml").read_text()
    assert cop.startswith("# yaml-language-server: $schema=cop.schema.json\n")
    assert (folder / "events.yaml").read_text().startswith("# yaml-language-server: $schema=events.schema.json\n")
    assert cop.count("\n#") > 20  # commented guidance
    [result] = load_paths([str(folder)])
    assert isinstance(result, LoadedProfile)
    assert result.profile.events == []
    assert json.loads((folder / "cop.schema.json").read_text())["additionalProperties"] is False
    capsys.readouterr()
    code = run(["check", str(folder), "--as-of", "2026-01-01", "--format", "json", "--fail-on", "none"])
    assert code == 0
    assert not json.loads(capsys.readouterr().out)["profiles"][0]["errors"]


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cop"
    folder.mkdir()
    (folder / "events.yaml").write_text("- {date: 2026-01-01, type: launch}\n")
    assert run(["init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'events.yaml'}:1:1: already exists: nothing was written" in err
    assert sorted(p.name for p in folder.iterdir()) == ["events.yaml"]
    assert (folder / "events.yaml").read_text() == "- {date: 2026-01-01, type: launch}\n"


def test_init_refuses_a_file_as_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    assert run(["init", str(target)]) == 2
    assert target.read_text() == "x"

"""``copadvisor init`` as a library function (``copadvisor.scaffold``): the files, and nothing ever overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.facts.lifecycle import TEMPLATE_PLACEHOLDERS
from copadvisor.model import EVENT_TYPES, Profile
from copadvisor.scaffold import scaffold, scaffold_files, template_examples, uncommented
from copadvisor.schema import events_schema, profile_schema


def test_the_four_files_and_their_schemas() -> None:
    files = scaffold_files()
    assert list(files) == ["cop.yaml", "events.yaml", "cop.schema.json", "events.schema.json"]
    assert json.loads(files["cop.schema.json"]) == profile_schema()
    assert json.loads(files["events.schema.json"]) == events_schema()
    assert files["cop.schema.json"].endswith("}\n")
    assert files["cop.yaml"].startswith("# yaml-language-server: $schema=cop.schema.json\n")


def test_scaffold_writes_every_file_into_a_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "new-cop"
    written = scaffold(str(folder))
    assert written == [str(folder / name) for name in scaffold_files()]
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == scaffold_files()


def test_scaffold_names_every_file_that_exists_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "cop.yaml").write_text("mine\n")
    (tmp_path / "events.schema.json").write_text("{}\n")
    with pytest.raises(InputError) as caught:
        scaffold(str(tmp_path))
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'cop.yaml'}:1:1: already exists: nothing was written",
        f"{tmp_path / 'events.schema.json'}:1:1: already exists: nothing was written",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cop.yaml", "events.schema.json"]
    assert (tmp_path / "cop.yaml").read_text() == "mine\n"


def test_scaffold_refuses_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(InputError, match="is a file, not a folder: nothing was written"):
        scaffold(str(target))


def test_the_templates_examples_uncommented_are_a_valid_profile_with_every_event_type_and_the_stage() -> None:
    profile, events = template_examples()
    assert profile["stage"] == "potential"
    assert [event["type"] for event in events] == list(EVENT_TYPES)
    loaded = Profile.model_validate({**profile, "events": events}, strict=False)
    assert loaded.events is not None
    assert len(loaded.events) == len(EVENT_TYPES)
    # The uncommented template holds every section of the profile.
    assert sorted(profile) == sorted(Profile.model_fields.keys() - {"events"})


def test_only_commented_yaml_is_uncommented() -> None:
    text = "# Words: not YAML\n# name: x   # a comment\n#   size: 3\n# - {a: 1}\n#\nkept: 1\n"
    assert uncommented(text) == "name: x   # a comment\n  size: 3\n- {a: 1}\nkept: 1\n"


def test_the_placeholders_copadvisor_flags_are_the_templates() -> None:
    profile, _ = template_examples()
    for path, (text, _) in TEMPLATE_PLACEHOLDERS.items():
        value: object = profile
        for key in path:
            assert isinstance(value, dict)
            value = value[key]
        assert value == text

"""copadvisor.load.discover: command-line paths → the profile files behind them (SPEC §3.1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copadvisor.errors import Location, Problem
from copadvisor.load.discover import NO_PROFILES, ProfileSource, discover

PROFILE = "copadvisor: 1\nname: x\n"


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def found(*paths: Path | str) -> list[ProfileSource]:
    sources, problems = discover([str(p) for p in paths])
    # A folder with no profile in it is reported, never passed over in silence.
    assert [p.message for p in problems] == ([] if sources else [NO_PROFILES] * len(paths))
    return sources


def relative(root: Path, sources: list[ProfileSource]) -> list[tuple[str, str, str | None]]:
    """Sources as (path, slug, events) relative to ``root``, to compare without the temporary folder."""

    def rel(path: str | None) -> str | None:
        return None if path is None else os.path.relpath(path, root)

    return [(str(rel(s.path)), s.slug, rel(s.events_path)) for s in sources]


# --- the directory form --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "events"), [("cop.yaml", "events.yaml"), ("cop.yaml", "events.yml"), ("cop.yml", "events.yaml")]
)
def test_the_directory_form(tmp_path: Path, profile: str, events: str) -> None:
    tree(tmp_path, {f"profiles/north/{profile}": PROFILE, f"profiles/north/{events}": "[]\n"})
    assert relative(tmp_path, found(tmp_path / "profiles")) == [
        (f"profiles/north/{profile}", "north", f"profiles/north/{events}")
    ]


def test_the_directory_form_without_an_event_log(tmp_path: Path) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE})
    assert relative(tmp_path, found(tmp_path)) == [("north/cop.yaml", "north", None)]


def test_events_yaml_is_read_and_events_yml_beside_it_is_reported(tmp_path: Path) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE, "north/events.yml": "[]\n", "north/events.yaml": "[]\n"})
    sources, problems = discover([str(tmp_path)])
    assert relative(tmp_path, sources) == [("north/cop.yaml", "north", "north/events.yaml")]
    assert [(os.path.relpath(p.location.path, tmp_path), p.message) for p in problems] == [
        ("north/events.yml", "a second event log in this folder (only events.yaml is read): keep one")
    ]


def test_an_event_log_without_a_profile_is_not_a_profile(tmp_path: Path) -> None:
    tree(tmp_path, {"north/events.yaml": "copadvisor: 1\n"})
    sources, problems = discover([str(tmp_path)])
    assert sources == []
    assert [str(p) for p in problems] == [  # never a silent pass
        f"{tmp_path}/north/events.yaml:1:1: an event log without a profile: put a cop.yaml beside it"
    ]


# --- the single-file form ------------------------------------------------------------------------------------


def test_a_single_file_profile_is_found_recursively(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            "portfolio/south.yaml": PROFILE + "events: []\n",
            "portfolio/deep/down/east.yml": "# a comment first\n" + PROFILE,
        },
    )
    assert relative(tmp_path, found(tmp_path)) == [
        ("portfolio/south.yaml", "south", None),
        ("portfolio/deep/down/east.yml", "east", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "name: not a profile\n",  # no marker
        "settings:\n  copadvisor: 1\n",  # the key, but not at the top level
        "# copadvisor: 1\nname: x\n",  # in a comment
        "copadvisors: 1\n",  # another key
        "",
    ],
)
def test_other_yaml_files_are_ignored(tmp_path: Path, text: str) -> None:
    tree(tmp_path, {"config/other.yaml": text})
    assert found(tmp_path) == []


def test_a_bom_before_the_marker_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + PROFILE.encode())
    assert relative(tmp_path, found(tmp_path)) == [("bom.yaml", "bom", None)]


def test_files_that_are_not_yaml_are_ignored(tmp_path: Path) -> None:
    tree(tmp_path, {"a/profile.json": PROFILE, "a/README.md": PROFILE, "a/cop.yaml.bak": PROFILE, "a/b.yaml~": PROFILE})
    assert found(tmp_path) == []


def test_both_forms_in_one_folder(tmp_path: Path) -> None:
    tree(tmp_path, {"x/cop.yaml": PROFILE, "x/events.yaml": "[]\n", "x/other.yaml": PROFILE, "x/notes.yaml": "a: 1\n"})
    assert relative(tmp_path, found(tmp_path)) == [
        ("x/cop.yaml", "x", "x/events.yaml"),
        ("x/other.yaml", "other", None),
    ]


# --- hidden folders ------------------------------------------------------------------------------------------


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".git/cop.yaml": PROFILE,
            ".cache/deep/cop.yaml": PROFILE,
            "visible/.tool/profile.yaml": PROFILE,
            "visible/cop.yaml": PROFILE,
        },
    )
    assert relative(tmp_path, found(tmp_path)) == [("visible/cop.yaml", "visible", None)]


def test_a_hidden_folder_named_on_the_command_line_is_searched(tmp_path: Path) -> None:
    tree(tmp_path, {".profiles/north/cop.yaml": PROFILE})
    assert relative(tmp_path, found(tmp_path / ".profiles")) == [(".profiles/north/cop.yaml", "north", None)]


# --- files named on the command line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [("notes.yaml", "notes"), ("plain.txt", "plain"), ("profiles/north/events.yaml", "events"), ("empty.yml", "empty")],
)
def test_a_file_named_on_the_command_line_is_always_read_as_a_profile(tmp_path: Path, name: str, slug: str) -> None:
    tree(tmp_path, {name: "name: no marker here\n"})
    assert relative(tmp_path, found(tmp_path / name)) == [(name, slug, None)]


def test_a_cop_yaml_named_on_the_command_line_brings_its_event_log(tmp_path: Path) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE, "north/events.yml": "[]\n"})
    assert relative(tmp_path, found(tmp_path / "north" / "cop.yaml")) == [
        ("north/cop.yaml", "north", "north/events.yml")
    ]


def test_an_event_log_named_beside_its_profile_stands_for_the_profile(tmp_path: Path) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE, "north/events.yaml": "[]\n"})
    expected = [("north/cop.yaml", "north", "north/events.yaml")]
    assert relative(tmp_path, found(tmp_path / "north" / "events.yaml")) == expected
    assert relative(tmp_path, found(tmp_path / "north" / "events.yaml", tmp_path / "north" / "cop.yaml")) == expected


def test_the_slug_of_a_cop_yaml_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE, "north/events.yaml": "[]\n"})
    monkeypatch.chdir(tmp_path / "north")
    assert found("cop.yaml") == [ProfileSource("cop.yaml", "north", "events.yaml")]
    assert found(".") == [ProfileSource("./cop.yaml", "north", "./events.yaml")]


def test_paths_are_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"profiles/north/cop.yaml": PROFILE})
    monkeypatch.chdir(tmp_path)
    assert found("profiles") == [ProfileSource(os.path.join("profiles", "north", "cop.yaml"), "north")]


# --- order and duplicates ------------------------------------------------------------------------------------


def test_the_order_is_stable_and_sorted_whatever_the_creation_order(tmp_path: Path) -> None:
    for name in ("zulu", "alpha", "mike"):
        tree(tmp_path, {f"{name}/cop.yaml": PROFILE})
    tree(tmp_path, {"b.yaml": PROFILE, "a.yaml": PROFILE})
    expected = ["a", "b", "alpha", "mike", "zulu"]  # a folder's own files, then its subfolders, each sorted
    assert [s.slug for s in found(tmp_path)] == expected
    assert [s.slug for s in found(tmp_path)] == expected


def test_paths_are_taken_in_the_order_given(tmp_path: Path) -> None:
    tree(tmp_path, {"a/cop.yaml": PROFILE, "b/cop.yaml": PROFILE})
    assert [s.slug for s in found(tmp_path / "b", tmp_path / "a")] == ["b", "a"]


@pytest.mark.parametrize(
    "paths",
    [
        ("north/cop.yaml", "north"),
        ("north", "north/cop.yaml"),
        ("north", "north"),
        ("north", "north/"),
        ("north", "./north"),
        (".", "north/cop.yaml"),
    ],
)
def test_a_profile_given_twice_is_found_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: tuple[str, ...]
) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE, "north/events.yaml": "[]\n"})
    monkeypatch.chdir(tmp_path)
    (source,) = found(*paths)
    assert source.slug == "north"
    assert os.path.normpath(source.path) == os.path.join("north", "cop.yaml")  # the first spelling is kept


def test_a_relative_and_an_absolute_path_to_one_profile_are_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE})
    monkeypatch.chdir(tmp_path)
    assert found("north", tmp_path / "north" / "cop.yaml") == [
        ProfileSource(os.path.join("north", "cop.yaml"), "north")
    ]


# --- paths that do not exist ---------------------------------------------------------------------------------


def test_a_nonexistent_path_is_a_located_problem_and_the_rest_are_still_found(tmp_path: Path) -> None:
    tree(tmp_path, {"north/cop.yaml": PROFILE})
    missing = str(tmp_path / "nowhere")
    sources, problems = discover([missing, str(tmp_path)])
    assert problems == [Problem(Location(missing, 1, 1), "no such file or directory")]
    assert [s.slug for s in sources] == ["north"]
    assert str(problems[0]) == f"{missing}:1:1: no such file or directory"


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    sources, problems = discover([str(tmp_path)])
    assert sources == []
    assert [(p.location.path, p.location.line, p.message) for p in problems] == [(str(tmp_path), 1, NO_PROFILES)]

"""Class 7 of issue 12: no file is passed over in silence. Each case is either read or reported with a
located message (`copadvisor.load.discover`).

We run as root in CI, and root reads files and folders whatever their permissions: the unreadable cases are
simulated where root defeats them (os.walk's error callback, a read that fails as the kernel would)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from copadvisor.cli.main import run
from copadvisor.load import discover, load_paths
from copadvisor.load.discover import ProfileSource

from .support import AS_OF, MINIMAL, example

PROFILE_AFTER = b"copadvisor: 1\nname: Single\n"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def messages(root: Path) -> list[tuple[str, str]]:
    _, problems = discover([str(root)])
    return [(os.path.relpath(p.location.path, root), p.message) for p in problems]


def slugs(root: Path) -> list[str]:
    sources, _ = discover([str(root)])
    return [s.slug for s in sources]


# --- events.yaml that is not a file ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link", "link to a folder"])
def test_an_events_yaml_that_is_not_a_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "cop.yaml").write_bytes(MINIMAL)
    events = folder / "events.yaml"
    if kind == "folder":
        events.mkdir()
    elif kind == "fifo":
        os.mkfifo(events)
    elif kind == "dangling link":
        events.symlink_to(tmp_path / "nowhere.yaml")
    else:
        (tmp_path / "dir").mkdir()
        events.symlink_to(tmp_path / "dir")
    code, out, _ = cli(capsys, "check", folder, "--as-of", AS_OF)
    assert code == 2
    assert f"{events}:1:1: cannot read the file: it is " in out


# --- unreadable folders and files ------------------------------------------------------------------------


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example(tmp_path, "a")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    assert messages(tmp_path) == [("locked", "cannot read the folder: Permission denied")]
    assert slugs(tmp_path) == ["a"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode (simulated above)")
def test_a_really_unreadable_subfolder(tmp_path: Path) -> None:
    example(tmp_path, "a")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert ("locked", "cannot read the folder: Permission denied") in messages(tmp_path)
    finally:
        locked.chmod(0o755)


def test_an_unreadable_yaml_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example(tmp_path, "a")
    (tmp_path / "locked.yaml").write_bytes(PROFILE_AFTER)
    real = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("locked.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert messages(tmp_path) == [("locked.yaml", "cannot read the file: Permission denied")]


def test_a_dangling_link_among_yaml_files_is_reported(tmp_path: Path) -> None:
    example(tmp_path, "a")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert messages(tmp_path) == [("gone.yaml", "cannot read the file: it is a link to a file that does not exist")]


def test_a_link_to_a_profile_folder_is_followed_once(tmp_path: Path) -> None:
    example(tmp_path / "real", "a")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")  # a cycle: never walked twice
    assert slugs(tmp_path) == ["a"]


# --- single-file profiles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        b'"copadvisor": 1\nname: Single\n',  # a quoted key
        b"'copadvisor': 1\nname: Single\n",
        b"{copadvisor: 1, name: Single}\n",  # a flow mapping
        b"---\ncopadvisor: 1\nname: Single\n",
        b"# " + b"x" * 70_000 + b"\ncopadvisor: 1\nname: Single\n",  # after 64 KiB of comments
        b"\xef\xbb\xbfcopadvisor: 1\nname: Single\n",  # a BOM
        b"name: Single\ncopadvisor: 1\n",  # the key after another
    ],
)
def test_a_single_file_profile_in_any_yaml_spelling_is_read(tmp_path: Path, text: bytes) -> None:
    (tmp_path / "single.yaml").write_bytes(text)
    assert slugs(tmp_path) == ["single"]
    assert messages(tmp_path) == []
    (loaded,) = load_paths([str(tmp_path)])
    assert not hasattr(loaded, "problems"), loaded


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_profile_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    text = "copadvisor: 1\nname: Single\n".encode(encoding)
    if not text.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = b"\xfe\xff" + text
    (tmp_path / "single.yaml").write_bytes(text)
    code, out, _ = cli(capsys, "check", tmp_path, "--as-of", AS_OF)
    assert code == 2
    assert "single.yaml:1:1: the file is UTF-16 text: save it as UTF-8" in out


def test_a_yaml_file_that_is_not_a_profile_is_still_skipped(tmp_path: Path) -> None:
    example(tmp_path, "a")
    (tmp_path / "notes.yaml").write_text("title: copadvisor notes\nitems: [1, 2]\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: [{repo: local, hooks: [{id: copadvisor}]}]\n")
    assert slugs(tmp_path) == ["a"]
    assert messages(tmp_path) == []


# --- several profiles in one folder, names in any case ---------------------------------------------------


def test_cop_yml_beside_cop_yaml_is_reported(tmp_path: Path) -> None:
    folder = example(tmp_path, "a")
    (folder / "cop.yml").write_bytes(MINIMAL)
    assert messages(tmp_path) == [("a/cop.yml", "a second profile in this folder (only cop.yaml is read): keep one")]


@pytest.mark.parametrize("name", ["COP.YAML", "Cop.Yml", "cop.YAML"])
def test_a_profile_name_in_upper_case_is_read(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "north"
    folder.mkdir()
    (folder / name).write_bytes(MINIMAL)
    (folder / "EVENTS.YAML").write_text("[]\n")
    sources, problems = discover([str(tmp_path)])
    assert problems == []
    assert sources == [ProfileSource(str(folder / name), "north", str(folder / "EVENTS.YAML"))]


def test_an_upper_case_single_file_profile_is_read(tmp_path: Path) -> None:
    (tmp_path / "SOUTH.YAML").write_bytes(MINIMAL)
    assert slugs(tmp_path) == ["SOUTH"]


def test_a_stray_event_log_is_reported(tmp_path: Path) -> None:
    example(tmp_path, "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "events.yaml").write_text("[]\n")
    assert messages(tmp_path) == [("b/events.yaml", "an event log without a profile: put a cop.yaml beside it")]


# --- init never hides a profile --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cop.yml", "COP.YAML", "events.yml"])
def test_init_refuses_a_folder_with_a_profile_in_another_spelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / name).write_bytes(MINIMAL)
    code, _, err = cli(capsys, "init", tmp_path)
    assert code == 2
    assert f"{tmp_path / name}:1:1: already exists: nothing was written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]

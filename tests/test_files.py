"""Reading and writing files (``copadvisor.files``): only regular files are read, and no input is written over."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copadvisor import files
from copadvisor.errors import InputError, UsageError
from copadvisor.files import not_regular, read_regular, write_file, write_new


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    regular = tmp_path / "a.yaml"
    regular.write_bytes(b"x: 1\n")
    assert read_regular(str(regular), 100) == b"x: 1\n"
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    problem = not_regular(str(fifo))
    assert problem is not None
    assert "FIFO" in problem.message
    with pytest.raises(InputError):
        read_regular(str(fifo), 100)  # at once, never blocking
    assert not_regular(str(tmp_path)) is not None


def test_a_read_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 50)
    assert read_regular(str(big), 10) == b"x" * 11  # enough for the caller to say "too large", no more


def test_writing_replaces_whole_and_never_over_an_input(tmp_path: Path) -> None:
    profile = tmp_path / "cop.yaml"
    profile.write_text("copadvisor: 1\n")
    link = tmp_path / "out.txt"
    link.symlink_to(profile)
    with pytest.raises(InputError, match="is an input of this run"):
        write_file(str(link), "report", [str(profile)])
    assert profile.read_text() == "copadvisor: 1\n"
    target = tmp_path / "report.txt"
    write_file(str(target), "one")
    write_file(str(target), "two")
    assert target.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cop.yaml", "out.txt", "report.txt"]  # no temporary left


def test_a_new_file_is_never_written_over_anything(tmp_path: Path) -> None:
    target = tmp_path / "cop.yaml"
    write_new(str(target), "first")
    with pytest.raises(InputError):
        write_new(str(target), "second")
    assert target.read_text() == "first"
    missing = tmp_path / "missing"
    with pytest.raises(UsageError) as raised:  # no line or column in a file that cannot be
        write_file(str(missing / "r.txt"), "x")
    assert str(raised.value) == (
        f"{missing / 'r.txt'}: cannot write the file: the folder {missing} does not exist; nothing was written"
    )


def test_a_long_text_is_written_in_pieces_as_it_would_be_whole(tmp_path: Path) -> None:
    """Encoded a megabyte at a time: a lone surrogate (a file name's byte) on either side of a boundary too."""
    text = "a" * (files.PIECE - 1) + "\udcff" + "é" * files.PIECE + "\udc80"
    target = tmp_path / "report.html"
    files.write_file(str(target), text)
    assert target.read_bytes() == text.encode("utf-8", "backslashreplace")

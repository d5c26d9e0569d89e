"""Class 6 of issue 12: a failure to write is a plain located error (exit 2) that leaves nothing behind, never
an internal error: `--output /dev/full`, a missing folder, a trailing slash, a closed stdout, a read-only
folder, and `init` too.

We run as root in CI, and root writes into read-only folders: there the read-only case is simulated by making
the temporary file's creation fail as the kernel would (EACCES, EROFS), and skipped otherwise."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from copadvisor import files
from copadvisor.cli.main import run

from .support import AS_OF, copadvisor, example

FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    profile = example(tmp_path)
    code, _, err = cli(capsys, "lint", profile, "--as-of", AS_OF, "--format", fmt, "--output", "/dev/full")
    assert code == 2
    assert err == "/dev/full:1:1: cannot write the file: No space left on device; nothing was written\n"


def test_a_full_disk_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC in the middle of a write to a regular file: the target keeps its old content, no temporary file."""
    target = tmp_path / "results.sarif"
    target.write_text("the last good report")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *args: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", Full)
    with pytest.raises(files.InputError) as caught:
        files.write_file(str(target), "x" * 100_000)
    assert "No space left on device; nothing was written" in str(caught.value)
    assert target.read_text() == "the last good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.sarif"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("out.txt/", "the name ends with a folder separator: give a file name"),
        ("p/cop.yaml/x.txt", "Not a directory"),
    ],
)
def test_a_target_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, why: str
) -> None:
    monkeypatch.chdir(tmp_path)
    example(tmp_path)
    code, _, err = cli(capsys, "check", "p", "--as-of", AS_OF, "--output", name)
    assert code == 2, err
    assert err == f"{name}:1:1: cannot write the file: {why}; nothing was written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


def test_a_folder_as_the_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = example(tmp_path)
    assert cli(capsys, "check", profile, "--output", tmp_path)[0] == 2
    with pytest.raises(files.InputError, match="it is a folder; nothing was written"):
        files.write_file(str(tmp_path / "p"), "x")


def test_report_html_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = example(tmp_path)
    target = tmp_path / "missing" / "r.html"
    code, _, err = cli(capsys, "report", profile, "--as-of", AS_OF, "--html", target)
    assert code == 2
    folder = tmp_path / "missing"
    assert err == f"Error: {target}: cannot write the file: the folder {folder} does not exist; nothing was written\n"


def test_a_missing_folder_is_said_so_not_located_at_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The red team's note: `missing/out.txt:1:1` gave a line and a column in a file that cannot exist.
    monkeypatch.chdir(tmp_path)
    example(tmp_path)
    code, _, err = cli(capsys, "check", "p", "--as-of", AS_OF, "--output", "missing/out.txt")
    assert (code, err) == (
        2,
        "Error: missing/out.txt: cannot write the file: the folder missing does not exist; nothing was written\n",
    )
    assert sorted(os.listdir(tmp_path)) == ["p"]


def _read_only(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS])
def test_a_read_only_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    profile = example(tmp_path)
    _read_only(monkeypatch, code)
    result = cli(capsys, "check", profile, "--output", tmp_path / "out.txt")
    assert result[0] == 2
    assert f"cannot write the file: {os.strerror(code)}; nothing was written" in result[2]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders (see the simulated test)")
def test_a_really_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = example(tmp_path)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = cli(capsys, "check", profile, "--output", folder / "out.txt")
        assert code == 2
        assert "Permission denied; nothing was written" in err
    finally:
        folder.chmod(0o755)


def test_init_into_a_read_only_folder_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tempfile.mkstemp
    made: list[int] = []

    def second_fails(*args: object, **kwargs: object) -> tuple[int, str]:
        made.append(1)
        if len(made) == 2:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", second_fails)
    code, out, err = cli(capsys, "init", tmp_path / "new")
    assert code == 2
    assert "events.yaml:1:1: cannot write the file: Permission denied; nothing was written" in err
    assert list((tmp_path / "new").iterdir()) == []  # the cop.yaml written first was taken back
    assert out == ""


def test_init_onto_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    code, _, err = cli(capsys, "init", tmp_path / "file")
    assert code == 2
    assert "is a file, not a folder: nothing was written" in err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_closed_stdout(tmp_path: Path, fmt: str) -> None:
    profile = example(tmp_path)
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); from copadvisor.cli.main import main; main()",
            "check",
            str(profile),
            "--as-of",
            AS_OF,
            "--format",
            fmt,
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(b"<stdout>:1:1: cannot write the report: ")
    assert result.stderr.count(b"\n") == 1


def test_a_closed_stdout_from_the_shell(tmp_path: Path) -> None:
    profile = example(tmp_path)
    import subprocess
    import sys

    result = subprocess.run(
        f"'{sys.executable}' -m copadvisor check '{profile}' --as-of {AS_OF} >&-",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert b"internal error" not in result.stderr


def test_a_broken_pipe_is_not_an_error(tmp_path: Path) -> None:
    profile = example(tmp_path)
    result = copadvisor("check", profile, "--as-of", AS_OF, env={"PYTHONUNBUFFERED": "1"})
    assert result.returncode in (0, 1)
    import subprocess
    import sys

    piped = subprocess.run(
        f"'{sys.executable}' -m copadvisor check '{profile}' --as-of {AS_OF} | head -c 10",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in piped.stderr
    assert b"internal error" not in piped.stderr

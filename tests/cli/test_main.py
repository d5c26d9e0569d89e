"""The entry point (``copadvisor.cli.main``): every failure a plain message and an exit code (2 for what a user
can mend, 3 for a bug, the traceback only with --debug)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cop_testing import write_profile

from copadvisor import __version__
from copadvisor.cli.main import run

AS_OF = ["--as-of", "2026-01-01"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--version") == (0, f"copadvisor {__version__}\n", "")


def test_internal_errors_are_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("copadvisor.commands.run", broken)
    folder = write_profile(tmp_path)
    code, out, err = cli(capsys, "check", str(folder))
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1
    assert "internal error" in err
    assert "Traceback" not in err
    code, _, err = cli(capsys, "--debug", "check", str(folder))
    assert code == 3
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "check", "--format", "nope")[0] == 2
    assert cli(capsys, "check", ".", "--as-of", "2026-13-01")[0] == 2
    assert cli(capsys, "check", ".", "--fail-on", "loud")[0] == 2
    assert cli(capsys, "nonsense")[0] == 2

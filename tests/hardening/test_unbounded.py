"""Class 8 of issue 12: no unbounded read and no slow path. The config is capped like profiles
(`--config /dev/zero`), validation errors cost linear time, `--jobs` is capped at the cores and the work.
The time bounds here are hang guards with a wide margin, not speed tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from copadvisor.cli.main import run
from copadvisor.config import MAX_CONFIG_BYTES

from .support import AS_OF, copadvisor, example


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_config_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    profile = example(tmp_path)
    result = copadvisor("check", profile, "--config", "/dev/zero", timeout=60)
    assert result.returncode == 2
    assert (
        result.stderr
        == b"/dev/zero:1:1: cannot read the file: it is a character device, and only regular files are read\n"
    )


def test_an_oversized_config_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = example(tmp_path)
    config = tmp_path / "big.toml"
    config.write_bytes(b"# " + b"x" * MAX_CONFIG_BYTES + b"\n")
    code, _, err = cli(capsys, "check", profile, "--config", config)
    assert code == 2
    assert err == f"{config}:1:1: the config is larger than the 1024 KiB limit\n"


def test_an_oversized_pyproject_is_not_read_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = example(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.copadvisor]\n# " + b"x" * (MAX_CONFIG_BYTES + 10) + b"\n")
    code, _, err = cli(capsys, "check", profile)
    assert code == 2
    assert "the config is larger than" in err


def test_19000_invalid_dates_cost_linear_time(tmp_path: Path) -> None:
    lines = ["copadvisor: 1", "name: Dates", "events:"]
    lines += ["  - {date: 2024-02-30, type: meeting}"] * 19_000  # the red-team's 684 KB file took 11 s
    (tmp_path / "dates.yaml").write_text("\n".join(lines) + "\n")
    result = copadvisor("check", tmp_path / "dates.yaml", "--as-of", AS_OF, timeout=30)
    assert result.returncode == 2
    assert result.stdout.count(b"is not a date: there is no such day") == 19_000


def test_19000_quoted_invalid_dates_cost_linear_time(tmp_path: Path) -> None:
    lines = ["copadvisor: 1", "name: Dates", "events:"]
    lines += ["  - {date: '2024-W05-1', type: meeting}"] * 19_000
    (tmp_path / "dates.yaml").write_text("\n".join(lines) + "\n")
    result = copadvisor("check", tmp_path / "dates.yaml", "--as-of", AS_OF, timeout=30)
    assert result.returncode == 2
    assert result.stdout.count(b"is not a date: write it as YYYY-MM-DD") == 19_000


def test_a_huge_value_is_truncated_in_the_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "big.yaml").write_text("copadvisor: 1\nname: Big\nstage: " + "x" * 4_000_000 + "\n")
    code, out, _ = cli(capsys, "check", tmp_path / "big.yaml", "--as-of", AS_OF)
    assert code == 2
    (line,) = [line for line in out.splitlines() if "stage" in line]
    assert len(line) < 600
    assert "…" in line

"""Where the CLI's text goes (``copadvisor.cli.output``): never over a YAML file, two outputs never one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from copadvisor.cli import output
from copadvisor.cli.output import Progress, distinct_outputs, emit, is_yaml
from copadvisor.errors import UsageError


@pytest.mark.parametrize(
    ("name", "yaml"), [("a.yaml", True), ("A.YML", True), ("a.yaml.txt", False), ("r.html", False)]
)
def test_yaml_names_in_any_case(name: str, yaml: bool) -> None:
    assert is_yaml(name) is yaml


def test_a_report_is_never_written_over_a_yaml_file(tmp_path: Path) -> None:
    target = tmp_path / "cop.YAML"
    target.write_text("copadvisor: 1\n")
    with pytest.raises(UsageError, match="will not write a report over a YAML file"):
        emit("report", str(target))
    assert target.read_text() == "copadvisor: 1\n"
    emit("report", str(tmp_path / "r.txt"))
    assert (tmp_path / "r.txt").read_text() == "report"


def test_two_outputs_are_two_files(tmp_path: Path) -> None:
    distinct_outputs(str(tmp_path / "a.html"), None, str(tmp_path / "b.md"))
    with pytest.raises(UsageError, match="given for two outputs"):
        distinct_outputs(str(tmp_path / "r.html"), str(tmp_path / "." / "r.html"))


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.written: list[str] = []

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_only_on_a_terminal_and_never_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(output.sys, "stderr", Terminal(tty=False))
    assert output.progress() is None  # piped, or a log
    monkeypatch.setattr(output.sys, "stderr", Terminal(tty=True))
    assert isinstance(output.progress(), Progress)
    monkeypatch.setenv("CI", "true")
    assert output.progress() is None


def test_progress_shows_only_once_the_run_has_taken_two_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = Terminal(tty=True)
    monkeypatch.setattr(output.sys, "stderr", stderr)
    clock = Clock()
    bar = Progress(clock)
    bar(1, 10)
    clock.now += 1.9
    bar(2, 10)
    assert bar.bar is None  # a short run: no bar at all
    clock.now += 0.2
    bar(3, 10)
    assert bar.bar is not None
    assert bar.bar.pos == 3
    bar(4, 10)
    assert bar.bar.pos == 4
    bar.close()
    assert bar.bar is None
    assert "checking" in "".join(stderr.written)


def test_no_progress_for_the_last_profile_of_a_short_run() -> None:
    clock = Clock()
    bar = Progress(clock)
    clock.now += 5
    bar(10, 10)  # done: nothing left to show
    assert bar.bar is None

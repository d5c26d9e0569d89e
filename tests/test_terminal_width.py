"""Every command for people fits the terminal: at 80 and at 120 columns (``COLUMNS``, as a terminal sets it) no
line of its output is wider, on every example profile and on them all; and the same width gives the same bytes.

Markdown (``--format markdown``, the sponsors' Markdown) is a document for a renderer, not the screen: its
tables are one line a row by definition, so it is left out; the machine formats too."""

from __future__ import annotations

from pathlib import Path

import pytest

from copadvisor.cli.main import run

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-01"
TARGETS = ["profiles", *sorted(f"profiles/{p.name}" for p in (REPO / "profiles").iterdir())]
COMMANDS = [
    ("check",),
    ("checklist",),
    ("checklist", "--next"),
    ("lint",),
    ("lint", "--statistics"),
    ("lint", "--quiet"),
]
WIDTHS = (80, 120)


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    run(list(args))
    return capsys.readouterr().out


def too_wide(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > width]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_evaluating_commands_fit(
    command: tuple[str, ...],
    target: str,
    width: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", str(width))
    args = (command[0], target, "--as-of", AS_OF, "--engine", "python", *command[1:])
    text = output(capsys, *args)
    assert "profile(s):" in text or "checklist for" in text
    assert too_wide(text, width) == []
    assert output(capsys, *args) == text  # the same width, the same bytes


@pytest.mark.parametrize("width", WIDTHS)
def test_the_catalogue_and_every_explanation_fit(
    width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", str(width))
    listed = output(capsys, "rules", "list")
    assert too_wide(listed, width) == []
    rules = [line.split()[0] for line in output(capsys, "rules", "list", "--format", "json").split('"id": "')[1:]]
    assert len(rules) > 50
    for rule in rules:
        rule = rule.split('"')[0]
        assert too_wide(output(capsys, "rules", "explain", rule), width) == [], rule
    facts = output(capsys, "rules", "facts", "profiles/aaot-north", "--as-of", AS_OF)
    assert too_wide(facts, width) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_help_fits(width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for command in ([], ["check"], ["checklist"], ["lint"], ["report"], ["init"], ["schema"], ["rules", "list"]):
        assert too_wide(output(capsys, *command, "--help"), width) == [], command


def test_a_pipe_is_80_wide_whatever_the_window(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("COLUMNS", raising=False)
    text = output(capsys, "check", "profiles", "--as-of", AS_OF, "--engine", "python")
    assert max(map(len, text.splitlines())) == 80
    monkeypatch.setenv("COLUMNS", "80")
    assert output(capsys, "check", "profiles", "--as-of", AS_OF, "--engine", "python") == text


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("group", [(), ("import",), ("rules",)], ids=lambda g: " ".join(g) or "copadvisor")
def test_each_command_s_summary_is_shown_whole_on_one_line(
    group: tuple[str, ...], width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    from copadvisor.cli.commands import cli

    monkeypatch.setenv("COLUMNS", str(width))
    command: click.Group = cli
    for name in group:
        found = command.get_command(click.Context(command), name)
        assert isinstance(found, click.Group)
        command = found
    names = command.list_commands(click.Context(command))
    summaries = {name: command.get_command(click.Context(command), name).short_help for name in names}  # type: ignore[union-attr]
    column = max(map(len, names))
    listed = output(capsys, *group, "--help").split("Commands:\n", 1)[1].splitlines()
    assert listed == [f"  {name.ljust(column)}  {summaries[name]}" for name in names]
    assert all(summary and summary.endswith(".") and "..." not in summary for summary in summaries.values())

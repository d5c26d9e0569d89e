"""The formats written as the sections arrive (``copadvisor.render.stream``): byte for byte what each format's
``render`` returns for the whole report, for every format `check` and `lint` offer, and written as they come."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from copadvisor.errors import Location, Problem
from copadvisor.render import FORMATS, RenderOptions
from copadvisor.render.stream import STREAMED, Collected, Spool, write, writer_for
from copadvisor.report import Report, Tally

from .support import finding, mixed, report, section, small, tiny_run, with_errors

CASES = [(command, fmt) for command in ("check", "lint") for fmt in sorted(FORMATS[command])]


def hostile() -> Report:
    """Text that must be defused wherever it lands: a path and a message that would start workflow commands."""
    forged = section("forged", [finding("r.one", "high", 2, path="::error file=x::forged", message="::warning ::x")])
    empty = section("quiet")
    broken = section("broken", errors=(Problem(Location("::error::b", 1, 1), "line\n::error::two"),))
    return report(forged, empty, broken, fail_on="low", errors=[Problem(Location("::r.yaml"), "::notice::x")])


def reports(tmp_path: Path) -> dict[str, Report]:
    return {
        "mixed": mixed(),
        "small": small(),
        "errors": with_errors(),
        "hostile": hostile(),
        "run": tiny_run(tmp_path),
        "empty": report(),
        "only run errors": report(errors=[Problem(Location("rules/x.yaml", 4, 5), "bad")]),
        "portfolio only": report(section("profiles", [finding("portfolio.x", "low")], kind="portfolio")),
    }


def streamed(command: str, fmt: str, whole: Report, options: RenderOptions) -> list[str]:
    """The pieces written for ``whole``, its sections given one at a time and the verdict counted as a run does."""
    pieces: list[str] = []
    tally = Tally()
    head = replace(whole, sections=(), verdict=tally.verdict(whole.errors, whole.fail_on))

    def sections():  # type: ignore[no-untyped-def]
        for one in whole.sections:
            tally.add(one)
            yield one

    def final() -> Report:
        return replace(head, verdict=tally.verdict(whole.errors, whole.fail_on))

    write(command, fmt, options, pieces.append, head, sections(), final)
    return pieces


@pytest.mark.parametrize(("command", "fmt"), CASES)
@pytest.mark.parametrize("colour", [False, True])
def test_every_format_streams_what_it_renders(tmp_path: Path, command: str, fmt: str, colour: bool) -> None:
    options = RenderOptions(colour=colour, width=72)
    for name, whole in reports(tmp_path).items():
        pieces = streamed(command, fmt, whole, options)
        assert "".join(pieces) == FORMATS[command][fmt](whole, options), name


def test_the_verdict_counted_as_sections_arrive_is_the_reports(tmp_path: Path) -> None:
    for name, whole in reports(tmp_path).items():
        tally = Tally()
        for one in whole.sections:
            tally.add(one)
        assert tally.verdict(whole.errors, whole.fail_on) == whole.verdict, name


def test_lint_text_writes_each_section_when_it_arrives() -> None:
    whole = mixed()
    pieces: list[str] = []
    writer = writer_for("lint", "text", RenderOptions(width=1000), pieces.append)
    writer.start(replace(whole, sections=()))
    writer.section(whole.sections[0])
    assert pieces == [
        "p/cop.yaml:1:3: info ending.natural-candidate Message of ending.natural-candidate.\n"
        "p/cop.yaml:2:3: high convener.missing Message of convener.missing.\n"
        "p/cop.yaml:4:3: medium meetings.too-short Message of meetings.too-short.\n"
        "p/cop.yaml:9:3: low roles.unfilled Message of roles.unfilled.\n"
        "p/cop.yaml:12:3: low roles.unfilled Message of roles.unfilled.\n"
    ]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_json_and_text_write_each_profile_when_it_arrives(fmt: str) -> None:
    whole = mixed()
    pieces: list[str] = []
    writer = writer_for("check", fmt, RenderOptions(), pieces.append)
    writer.start(replace(whole, sections=()))
    writer.section(whole.sections[0])
    writer.section(whole.sections[1])
    assert len(pieces) == 2
    assert '"slug": "two"' in pieces[1] if fmt == "json" else pieces[1].startswith("\n\nCoP two  two/cop.yaml\n")


def test_every_streamed_format_is_a_format_of_its_command() -> None:
    assert {command: sorted(formats) for command, formats in STREAMED.items()} == {
        command: sorted(FORMATS[command]) for command in ("lint", "check")
    }


def test_other_formats_are_kept_and_rendered_at_the_end() -> None:
    pieces: list[str] = []
    writer = writer_for("checklist", "text", RenderOptions(), pieces.append)
    assert isinstance(writer, Collected)
    whole = small()
    writer.start(replace(whole, sections=()))
    writer.section(whole.sections[0])
    assert pieces == []
    writer.end(replace(whole, sections=()))
    assert pieces == [FORMATS["checklist"]["text"](whole, RenderOptions())]


@pytest.mark.parametrize("size", [10, 3_000_000])
def test_a_spool_gives_back_its_pieces_in_order(size: int) -> None:
    """In memory while small, in a temporary file past a megabyte; surrogates of file names kept."""
    spool = Spool(", ")
    pieces = ["a" * size, "b\udcff", "c"]
    for piece in pieces:
        spool.add(piece)
    out: list[str] = []
    spool.drain(out.append)
    assert "".join(out) == ", ".join(pieces)
    assert spool.count == 3


def test_what_was_put_aside_is_closed_when_a_write_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(piece: str) -> None:
        raise OSError(28, "No space left on device")

    made: list[object] = []

    def kept_writer(*args: object) -> object:
        made.append(writer_for(*args))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr("copadvisor.render.stream.writer_for", kept_writer)
    whole = mixed()
    with pytest.raises(OSError, match="No space"):
        write("lint", "sarif", RenderOptions(), full, replace(whole, sections=()), whole.sections, lambda: whole)
    spools = [value for value in vars(made[0]).values() if isinstance(value, Spool)]
    assert [spool.file.closed for spool in spools] == [True, True]

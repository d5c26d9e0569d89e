"""The one neutraliser of text from input (``copadvisor.render.safe``): values never forge lines or commands."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copadvisor.render import safe


def test_text_is_one_line_with_controls_made_visible() -> None:
    assert safe.text("plain") == "plain"
    assert "\n" not in safe.text("a\nb\r\nc")
    assert "\r" not in safe.text("a\nb\r\nc")
    assert "\x1b" not in safe.text("\x1b[2Jcleared")
    assert safe.text("\x1b[2J") == "\\x1b[2J"
    assert safe.text("tab\vhere") == "tab here"  # a vertical tab breaks lines too


def test_a_block_keeps_line_breaks_only() -> None:
    assert safe.block("a\r\nb\rc\n") == "a\nb\nc\n"
    assert safe.block("bell\x07") == "bell\\x07"


def test_workflow_commands_are_defused_on_every_line() -> None:
    assert safe.no_command("::error file=x::boom") == "copadvisor: ::error file=x::boom"
    assert safe.no_commands("ok\n  ::warning::x\nok") == "ok\n  copadvisor: ::warning::x\nok"
    assert safe.no_commands("a::b") == "a::b"  # not at the start of a line
    assert safe.message("x\n::error::forged") == "x ::error::forged"


def test_legacy_workflow_commands_are_defused_anywhere_in_a_line() -> None:
    """GitHub's runner reads `##[command]` anywhere in a line, Azure's `##vso[`: each shown as `#\\#[`."""
    assert safe.no_command("Outreach CoP ##[error]Build passed") == "Outreach CoP #\\#[error]Build passed"
    assert safe.no_command("x ##VSO[task.setvariable]y") == "x #\\#VSO[task.setvariable]y"
    assert safe.no_command("###[a ## [b #[c ##vs[d") == "##\\#[a ## [b #[c ##vs[d"
    assert safe.no_commands("ok\n  ##[add-mask]x\n::error::##[e]") == (
        "ok\n  #\\#[add-mask]x\ncopadvisor: ::error::#\\#[e]"
    )
    assert safe.message("a\n##[stop-commands]t") == "a #\\#[stop-commands]t"
    assert list(safe.no_commands_in(["a #", "#", "[x"])) == ["a ", "#\\#[x"]
    assert list(safe.no_commands_in(["a ##vs", "o[x\n", "##"])) == ["a ", "#\\#vso[x\n", "##"]


def test_json_text_escapes_what_pages_and_consoles_trip_on() -> None:
    assert safe.json_text('"a\u2028b"') == '"a\\u2028b"'
    assert safe.json_text('"ok"') == '"ok"'


COMMANDS_TEXT = "ok\n  ::warning::x\n::error::y\n :: z\n:a\n\t::b\na::b\n \n##[e] ##vso[f\n::"


def test_workflow_commands_are_defused_in_a_text_written_in_pieces() -> None:
    """Every way of cutting the text into pieces (one or two cuts) gives the same text as ``no_commands``."""
    whole = safe.no_commands(COMMANDS_TEXT)
    assert whole.count("copadvisor: ::") == 5
    assert whole.count("#\\#") == 2
    n = len(COMMANDS_TEXT)
    for first in range(n + 1):
        for second in range(first, n + 1):
            cut = [COMMANDS_TEXT[:first], COMMANDS_TEXT[first:second], COMMANDS_TEXT[second:]]
            assert "".join(safe.no_commands_in(cut)) == whole, cut
    assert list(safe.no_commands_in(["a", "b\n", "c"])) == ["a", "b\n", "c"]  # decided lines are not held
    assert list(safe.no_commands_in(["  ", ":", ":x"])) == ["  copadvisor: ::x"]
    assert list(safe.no_commands_in(["  "])) == ["  "]
    assert list(safe.no_commands_in([])) == []


@given(st.lists(st.text(alphabet=" :\n\tab\u2028#[vso", max_size=12), max_size=6))
def test_pieces_of_any_text_are_defused_as_the_whole(pieces: list[str]) -> None:
    assert "".join(safe.no_commands_in(pieces)) == safe.no_commands("".join(pieces))

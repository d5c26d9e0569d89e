"""The one neutraliser of text from input (``copadvisor.render.safe``): values never forge lines or commands."""

from __future__ import annotations

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


def test_json_text_escapes_what_pages_and_consoles_trip_on() -> None:
    assert safe.json_text('"a\u2028b"') == '"a\\u2028b"'
    assert safe.json_text('"ok"') == '"ok"'

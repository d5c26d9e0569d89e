"""Text from input, neutralised for the place it lands: the one place every format and every message shares.

Names, paths, reasons, rule ids and messages come from files a user (or an attacker) wrote. Before they reach
a terminal, a CI log or a machine format:

- control characters (C0 but the tab, DEL, C1), bidirectional overrides, lone surrogates (the bytes of a file
  name that is not UTF-8) and non-characters are shown as visible escapes (``\\x1b``, ``\\u202e``, ``\\xff``):
  no escape sequence reaches a terminal, no text is reordered on screen;
- in a one-line place (``text``), line breaks of every kind (``\\n``, ``\\r``, ``\\v``, ``\\f``, NEL, U+2028,
  U+2029) become spaces: a value never starts a line of its own (a forged finding, a ticked ``- [x]``, a
  GitHub workflow command);
- ``no_command`` defuses a line that a CI runner would read as a workflow command: ``::error …`` at its start
  (even after spaces), and the legacy ``##[error]…`` (GitHub) or ``##vso[…]`` (Azure Pipelines) anywhere in it,
  which the runners still read wherever it appears; those are shown as ``#\\#[`` (in Markdown, a ``#`` escaped);
- ``markdown`` is one line of text inert as Markdown or HTML (every Markdown format: check, lint, checklist and
  the sponsors' report): no tag, image, link, emphasis or code span made from input;
- ``xml`` keeps line breaks, and escapes everything XML 1.0 does not allow;
- ``json_text`` makes the output of ``json.dumps(…, ensure_ascii=False)`` safe to write, to print and to
  embed: DEL, C1 controls, bidirectional overrides, U+2028 and U+2029 written as JSON escapes (the data is
  unchanged), lone surrogates shown as visible escapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Everything shown as an escape, line breaks included (``text`` turns those into spaces first).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff"
    "\ud800-\udfff]"
)
_LINE_BREAKS = re.compile(f"(?:\r\n|[{_BREAKS}])")
_BLOCK_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe"
    "\uffff\ud800-\udfff]"
)
_COMMAND = re.compile(r"^(\s*)::")
# GitHub's runner finds `##[` anywhere in a line (actions/runner ActionCommand.TryParse), Azure's `##vso[`.
_LEGACY = re.compile(r"##(?=\[|vso\[)", re.IGNORECASE)
# The end of a piece that could be the start of one, held until the next piece shows what follows.
_LEGACY_START = re.compile(r"#(?:#(?:v(?:s(?:o)?)?)?)?\Z", re.IGNORECASE)
# json.dumps escapes C0 controls itself; these it leaves raw with ensure_ascii=False.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def text(value: str) -> str:
    """One line of plain text: line breaks become spaces, other controls visible escapes."""
    if not _UNSAFE.search(value):
        return value
    return _UNSAFE.sub(_escape, _LINE_BREAKS.sub(" ", value))


def block(value: str) -> str:
    """Text that may span lines (``\\n`` kept, ``\\r\\n`` and lone ``\\r`` made ``\\n``); other controls escaped."""
    if not _UNSAFE.search(value):
        return value
    return _BLOCK_UNSAFE.sub(_escape, value.replace("\r\n", "\n").replace("\r", "\n"))


_LONE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")


def markdown(value: str, code_spans: bool = False) -> str:
    """Text safe inside a Markdown table cell, heading or list item and inert as Markdown or HTML: one line, with
    the characters that make markup escaped (an underscore only where it could start or end emphasis:
    ``role_change`` stays readable). With ``code_spans``, backticks are kept, for a text that holds code spans
    of its own (the checklist's "`y` in cop.yaml"): a code span shows its text as it is, so none from input
    makes a tag, an image or a link either."""
    out = text(value).replace("\\", "\\\\")
    for char in "|*[]<>" if code_spans else "|`*[]<>":
        out = out.replace(char, "\\" + char)
    return _LONE_UNDERSCORE.sub(r"\\_", out)


def no_command(line: str) -> str:
    """A line that would start a workflow command (``::error …``, even after spaces), or that holds a legacy
    one anywhere (``##[error]…``, ``##vso[…]``), defused."""
    if "##" in line:
        line = _LEGACY.sub(r"#\\#", line)
    return _COMMAND.sub(r"\1copadvisor: ::", line) if "::" in line else line


def no_commands(rendered: str) -> str:
    """A rendered text (its values already neutralised) with no line readable as a workflow command."""
    if "::" not in rendered and "##" not in rendered:
        return rendered
    return "\n".join(no_command(line) for line in rendered.split("\n"))


def no_commands_in(pieces: Iterable[str]) -> Iterator[str]:
    """``no_commands`` of the text ``pieces`` make, piece by piece: what is written is the same, and only what
    could still begin a command (spaces or one colon at a line's start, a ``#`` or ``##vs`` at a piece's end)
    waits for the next piece."""
    held = ""
    for piece in _no_line_commands_in(pieces):
        piece = held + piece
        cut = _LEGACY_START.search(piece)
        held = piece[cut.start() :] if cut else ""
        out = piece[: cut.start()] if cut else piece
        if out:
            yield _LEGACY.sub(r"#\\#", out) if "##" in out else out
    if held:
        yield held


def _no_line_commands_in(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces with no line that starts a command: only the start of a line that could still begin one
    (spaces, or one colon) waits for the next piece."""
    held = ""  # the start of the line being written, held while it could still begin a command
    deciding = True  # the line being written has not yet shown whether it begins a command
    for piece in pieces:
        start = 0
        while start < len(piece):
            end = piece.find("\n", start) + 1 or len(piece)
            segment = piece[start:end]
            start = end
            if not deciding:
                yield segment
            else:
                line = held + segment
                held = ""
                if not line.endswith("\n") and _UNDECIDED.fullmatch(line):
                    held = line
                    continue
                yield _COMMAND.sub(r"\1copadvisor: ::", line)
            deciding = segment.endswith("\n")
    if held:
        yield _COMMAND.sub(r"\1copadvisor: ::", held)


_UNDECIDED = re.compile(r"\s*:?")


def problem(value: object) -> str:
    """A located problem (``path:line:col: message``) on one line."""
    return text(str(value))


def message(value: str) -> str:
    """A message for stderr: one line, no workflow command."""
    return no_command(text(value))


def html_text(value: str) -> str:
    """Text for an HTML page: one line, controls and bidi characters as visible escapes, markup escaped."""
    return html.escape(text(value))


def xml(value: str) -> str:
    """Text for an XML 1.0 document (attributes and element text)."""
    return block(value)


def json_text(dumped: str) -> str:
    """The output of ``json.dumps(..., ensure_ascii=False)``, safe to encode and to embed in a page."""
    if not _JSON_UNSAFE.search(dumped):
        return dumped
    return _JSON_UNSAFE.sub(lambda m: _json_escape(m.group()), dumped)


def _json_escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\\\x{code - 0xDC00:02x}"  # the string holds the visible escape `\xff`, as text formats show
    return f"\\u{code:04x}"

"""Text laid out to a width: paragraphs wrapped, and tables whose columns (all of them, with their gaps) fit
the width, their long cells wrapped — or, when a table cannot fit, the same rows as a list.

The width is the caller's (``RenderOptions.width``, which the CLI takes from the terminal or ``COLUMNS``): the
same rows and width always give the same text. A cell may hold colour codes (``paint``): they take no width.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import tabulate as _tabulate
from tabulate import tabulate

# tabulate pads a column to its title plus two; our widths already count every character.
_tabulate.MIN_PADDING = 0

GAP = "  "  # between two columns
MAIN_MIN = 40  # the last column (the sentence of a row) is never narrower than this in a table
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def visible(text: str) -> int:
    """The width ``text`` takes on a screen: colour codes take none."""
    return len(_ANSI.sub("", text))


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` (each of its lines) wrapped to ``width``, the first line after ``indent``, the rest after
    ``hanging`` (default: ``indent``). A word longer than the width is broken: no line is ever wider."""
    later = indent if hanging is None else hanging
    out: list[str] = []
    for number, line in enumerate(text.split("\n")):
        first = indent if number == 0 else later
        if visible(first + line) <= width:
            out.append((first + line).rstrip())
            continue
        out.extend(
            textwrap.wrap(
                line,
                max(width, len(first) + 1, len(later) + 1),
                initial_indent=first,
                subsequent_indent=later,
                break_on_hyphens=False,
            )
            or [first.rstrip()]
        )
    return out


def table(
    rows: Sequence[Sequence[str]],
    headers: Sequence[str] | None,
    width: int,
    indent: str = "",
    main_min: int = MAIN_MIN,
    lead: int = 1,
    as_list: bool | None = None,
) -> str:
    """``rows`` under ``headers`` (``None``: no header line) as columns fitting ``width``, with ``indent``
    before each line; a list (a row's first cell, then its other cells under it) when they cannot fit, the
    last column narrower than ``main_min`` included. In a list, an item's first line holds its first ``lead``
    cells."""
    if not rows:
        return ""
    cells, titles = _grid(rows, headers)
    widths = _fit(cells, titles, width - len(indent) - len(GAP) * (len(titles) - 1), main_min)
    if widths is None or as_list:
        return "\n".join(_as_list(cells, titles, width, indent, lead))
    # tabulate draws the table; the widths and the wrapping are ours, so that every column, gaps included, fits
    # the width. Not tabulate's `maxcolwidths`: in tabulate 0.10 it parses the cells it wraps whatever
    # `disable_numparse` says ("False" drawn as True, "80,443" raising; astanin/python-tabulate#428).
    wrapped = [["\n".join(_cell(cell, w)) for cell, w in zip(row, widths, strict=True)] for row in cells]
    drawn = tabulate(
        wrapped,
        headers=titles if headers is not None else (),
        tablefmt="simple" if headers is not None else "plain",
        disable_numparse=True,
    )
    return "\n".join((indent + line).rstrip() for line in drawn.split("\n"))


def fits(
    rows: Sequence[Sequence[str]], headers: Sequence[str] | None, width: int, indent: str = "", main_min: int = MAIN_MIN
) -> bool:
    """Whether ``table`` would lay ``rows`` out as a table (not as a list)."""
    if not rows:
        return True
    cells, titles = _grid(rows, headers)
    return _fit(cells, titles, width - len(indent) - len(GAP) * (len(titles) - 1), main_min) is not None


def _grid(rows: Sequence[Sequence[str]], headers: Sequence[str] | None) -> tuple[list[list[str]], list[str]]:
    columns = len(headers) if headers is not None else max(len(row) for row in rows)
    cells = [[row[i] if i < len(row) else "" for i in range(columns)] for row in rows]
    return cells, list(headers) if headers is not None else [""] * columns


def _fit(cells: list[list[str]], titles: list[str], room: int, main_min: int) -> list[int] | None:
    """Each column's width: as wide as its content when all fit, else narrowed (the widest first) no further
    than its longest word and its title (and ``main_min`` for the last column); ``None`` if even that is too
    wide for ``room``."""
    natural = [
        max([visible(title), *(visible(line) for row in cells for line in row[i].split("\n"))])
        for i, title in enumerate(titles)
    ]
    least = [
        min(natural[i], max([visible(title), *(_longest_word(row[i]) for row in cells)]))
        for i, title in enumerate(titles)
    ]
    least[-1] = max(least[-1], min(natural[-1], main_min))
    if sum(least) > room:
        return None
    widths = list(natural)
    while sum(widths) > room:
        column = max(range(len(widths)), key=lambda i: (widths[i] > least[i], widths[i], -i))
        widths[column] -= 1
    return widths


def _longest_word(text: str) -> int:
    return max((visible(word) for word in text.split()), default=0)


def _cell(text: str, width: int) -> list[str]:
    return wrap(text, width) or [""]


def _line(cells: Sequence[str], widths: Sequence[int], indent: str) -> str:
    padded = [cell + " " * (width - visible(cell)) for cell, width in zip(cells, widths, strict=True)]
    return (indent + GAP.join(padded)).rstrip()


def _as_list(cells: list[list[str]], titles: list[str], width: int, indent: str, lead: int) -> list[str]:
    """Each row as an item: its first ``lead`` cells on a line, then its other cells (each after its column's
    title), short ones side by side when they fit on one line, the last on a line of its own."""
    lines: list[str] = []
    inner = indent + "    "
    for number, row in enumerate(cells):
        if number:
            lines.append("")
        lines.extend(wrap(GAP.join(cell for cell in row[:lead] if cell), width, indent, inner))
        labelled = zip(titles[lead:], row[lead:], strict=True)
        pieces = [f"{title}: {cell}" if title else cell for title, cell in labelled if cell]
        joined: list[str] = []
        for number, piece in enumerate(pieces):
            last = number == len(pieces) - 1 and len(pieces) > 1  # the row's sentence has a line of its own
            side = joined and not last and "\n" not in joined[-1] + piece
            if side and visible(inner + joined[-1] + GAP * 2 + piece) <= width:
                joined[-1] += GAP * 2 + piece
            else:
                joined.append(piece)
        for piece in joined:
            lines.extend(wrap(piece, width, inner, inner + "  "))
    return lines

"""A CSV file as spreadsheets and survey tools save it: UTF-8 with or without a BOM (Excel's "CSV UTF-8"),
any line ends, a header row; each row with the line it starts on, so that a bad cell is a located error."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import read_regular, too_large

MAX_CSV_BYTES = 16 * 1024 * 1024
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# British day-first dates, as Excel saves them in the UK; a time of day after them (Excel's dates) is ignored.
_BRITISH = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # 1 for the first row after the header
    line: int  # the line of the file it starts on
    cells: tuple[str, ...]

    def cell(self, column: int) -> str:
        return self.cells[column].strip() if column < len(self.cells) else ""


@dataclass(frozen=True, slots=True)
class Sheet:
    path: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]  # blank rows left out

    def at(self, row: Row | None, column: int = 0) -> Location:
        return Location(self.path, row.line if row else 1, column + 1)

    def problem(self, row: Row | None, column: int | None, message: str) -> InputError:
        """A located error: ``row N, column 'Header': …`` (the header row when ``row`` is None)."""
        where = [f"row {row.number}"] if row else []
        where += [f"column {self.header[column]!r}"] if column is not None else []
        lead = ", ".join(where) + ": " if where else ""
        return InputError([Problem(self.at(row, column or 0), lead + message)])


def read_sheet(path: str) -> Sheet:
    data = read_regular(path, MAX_CSV_BYTES, "CSV file")
    if len(data) > MAX_CSV_BYTES:  # read_regular reads one byte more, so that a longer file is refused, not cut
        raise InputError([too_large(path, MAX_CSV_BYTES)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = "is not UTF-8: save it as “CSV UTF-8 (Comma delimited)” (Excel) or download it as .csv"
        raise InputError([Problem(Location(path, line), message)]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = tuple(cell.strip() for cell in next(reader, []))
        rows: list[Row] = []
        while True:
            line = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                break
            if any(cell.strip() for cell in cells):
                rows.append(Row(len(rows) + 1, line, tuple(cells)))
    except csv.Error as exc:
        raise InputError([Problem(Location(path, reader.line_num), f"not a CSV file ({exc})")]) from None
    if not header or not any(header):
        raise InputError([Problem(Location(path), "no header row: the first row must name the columns")])
    return Sheet(path, header, tuple(rows))


def normal(text: str) -> str:
    """A header or an answer compared as people read it: case, spacing and end punctuation aside."""
    return " ".join(text.casefold().replace("\u00a0", " ").split()).strip(" .:?!*")


def parse_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` or British ``DD/MM/YYYY``; None when it is neither or not a real date."""
    iso, british = _ISO.fullmatch(text.strip()), _BRITISH.fullmatch(text.strip())
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if british:
            return dt.date(int(british[3]), int(british[2]), int(british[1]))
    except ValueError:
        return None
    return None

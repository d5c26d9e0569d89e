"""``import attendance``: a register (a spreadsheet saved as CSV) → the attendance of each session.

A ``date`` column (``YYYY-MM-DD`` or British ``DD/MM/YYYY``) and either an ``attendance`` column or one column
per kind of person (``practitioner``, ``manager``, … in the singular or plural, in any case). Every other
column (names, roles, notes) is ignored: its cells are never read. A session already in the log keeps what it
records: the import never edits an event that is there, it only adds meetings for dates that have none.

A register records sessions held: a row dated after the as-of date (``--as-of``, default today) that gives a
count is refused at its row (a typed year, or a day and month swapped), never added as a meeting to come; a
planned row with no count yet is left out, as any row without a count is.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass

from copadvisor.load.imports.append import Event, Fill, Outcome, Target, append
from copadvisor.load.imports.sheet import Row, Sheet, normal, parse_date
from copadvisor.model import Launch, Meeting, PersonKind

KINDS: tuple[str, ...] = typing.get_args(PersonKind)
DATE_HEADERS = ("date", "session date", "meeting date")
TOTAL_HEADERS = ("attendance", "attended", "total attendance", "number attending")
MAX_COUNT = 1_000_000
WHOLE = re.compile(r"[0-9]{1,9}")  # ASCII digits only: `²` is a digit to str.isdigit, and int() refuses it


def _kind_headers(kind: str) -> set[str]:
    words = kind.split("_")
    plural = [words[0] + "s", *words[1:]]
    return {" ".join(words), " ".join(plural), kind, "_".join(plural)}


KIND_HEADERS: Mapping[str, str] = {header: kind for kind in KINDS for header in _kind_headers(kind)}


@dataclass(frozen=True, slots=True)
class Register:
    """The attendance of each dated session (a total, or counts by kind), in date order."""

    sessions: tuple[tuple[dt.date, int | dict[str, int]], ...]
    left_out: int  # rows without any count


def read_register(sheet: Sheet, as_of: dt.date) -> Register:
    headers = [normal(h) for h in sheet.header]
    date = next((i for i, h in enumerate(headers) if h in DATE_HEADERS), None)
    if date is None:
        raise sheet.problem(None, None, "no `date` column: the register needs one, dated YYYY-MM-DD or DD/MM/YYYY")
    total = next((i for i, h in enumerate(headers) if h in TOTAL_HEADERS), None)
    kinds = {i: KIND_HEADERS[h] for i, h in enumerate(headers) if h in KIND_HEADERS}
    if total is not None and kinds:
        raise sheet.problem(None, total, "both an attendance column and columns per kind of person: keep one")
    if total is None and not kinds:
        raise sheet.problem(None, None, "no `attendance` column and no column per kind (practitioner, manager, …)")
    seen: dict[dt.date, Row] = {}
    sessions: list[tuple[dt.date, int | dict[str, int]]] = []
    for row in sheet.rows:
        day = parse_date(row.cell(date))
        if day is None:
            raise sheet.problem(row, date, "not a date: write it as YYYY-MM-DD or DD/MM/YYYY")
        if day in seen:
            raise sheet.problem(row, date, f"a second row for {day} (the first is row {seen[day].number})")
        seen[day] = row
        count = _total(sheet, row, total) if total is not None else _by_kind(sheet, row, kinds)
        if count is not None and day > as_of:
            raise sheet.problem(
                row,
                date,
                f"{day} is after the as-of date, {as_of}: a register records sessions already held (a mistyped"
                f" date?); if it was held, give --as-of {day} or later",
            )
        if count is not None:
            sessions.append((day, count))
    return Register(tuple(sorted(sessions, key=lambda s: s[0])), len(sheet.rows) - len(sessions))


def _number(sheet: Sheet, row: Row, column: int) -> int | None:
    text = row.cell(column)
    if not text:
        return None
    if not WHOLE.fullmatch(text) or int(text) > MAX_COUNT:
        raise sheet.problem(row, column, "not a whole number of people")
    return int(text)


def _total(sheet: Sheet, row: Row, column: int) -> int | None:
    return _number(sheet, row, column)


def _by_kind(sheet: Sheet, row: Row, kinds: Mapping[int, str]) -> dict[str, int] | None:
    counts: dict[str, int] = {}
    for column, kind in kinds.items():
        number = _number(sheet, row, column)
        if number is not None:
            counts[kind] = counts.get(kind, 0) + number
    return counts or None


def import_attendance(target: Target, register: Register) -> Outcome:
    """Each date's attendance: added to the launch or meeting of that date when it records none, or as a new
    meeting when there is none; an attendance already recorded is never overwritten."""
    existing = {e.date: i for i, e in reversed(list(enumerate(target.events))) if isinstance(e, Launch | Meeting)}
    new: list[Event] = []
    fills: list[Fill] = []
    for day, count in register.sessions:
        index = existing.get(day)
        if index is None:
            new.append({"date": day, "type": "meeting", "attendance": count})
        elif getattr(target.events[index], "attendance", None) is None:
            fills.append(Fill(index, "attendance", count))
    rows = "row" if register.left_out == 1 else "rows"
    notes = [f"left out {register.left_out} {rows} without any count"] if register.left_out else []
    skipped = len(register.sessions) - len(new) - len(fills)
    return append(target, new, skipped, notes, fills)

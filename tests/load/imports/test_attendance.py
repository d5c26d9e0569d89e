"""``import attendance`` (``copadvisor.load.imports.attendance``): a register saved by Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.load.imports.append import open_target
from copadvisor.load.imports.attendance import KIND_HEADERS, Register, import_attendance, read_register
from copadvisor.load.imports.sheet import read_sheet

from .support import REGISTER, profile

AS_OF = dt.date(2026, 12, 1)


def _sheet(tmp_path: Path, text: str, as_of: dt.date = AS_OF) -> Register:
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return read_register(read_sheet(str(path)), as_of)


def test_the_excel_register_by_kind_of_person() -> None:
    register = read_register(read_sheet(REGISTER), AS_OF)
    assert register.sessions == (
        (dt.date(2026, 1, 14), {"practitioner": 16, "manager": 2, "expert_by_experience": 2}),
        (dt.date(2026, 2, 11), {"practitioner": 12, "manager": 1, "expert_by_experience": 2}),
        (dt.date(2026, 3, 11), {"practitioner": 11, "expert_by_experience": 2}),
        (dt.date(2026, 5, 13), {"practitioner": 9, "manager": 1, "expert_by_experience": 1}),
        (dt.date(2026, 6, 17), {"practitioner": 10, "manager": 0, "expert_by_experience": 2}),
    )
    assert register.left_out == 1  # the planned session of 8 July, with no counts yet


def test_kind_headers_in_the_singular_or_plural() -> None:
    assert KIND_HEADERS["experts by experience"] == KIND_HEADERS["expert_by_experience"] == "expert_by_experience"
    assert KIND_HEADERS["practitioners"] == KIND_HEADERS["practitioner"] == "practitioner"


def test_a_total_column(tmp_path: Path) -> None:
    register = _sheet(tmp_path, "Name of facilitator,Date,Attendance\nAB,2026-01-14,18\nCD,11/02/2026,\n")
    assert register.sessions == ((dt.date(2026, 1, 14), 18),)
    assert register.left_out == 1


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "When,Attendance\n2026-01-14,3\n",
            (1, 1),
            "no `date` column: the register needs one, dated YYYY-MM-DD or DD/MM/YYYY",
        ),
        (
            "Date,Who\n2026-01-14,AB\n",
            (1, 1),
            "no `attendance` column and no column per kind (practitioner, manager, …)",
        ),
        (
            "Date,Attendance,Managers\n2026-01-14,3,1\n",
            (1, 2),
            "column 'Attendance': both an attendance column and columns per kind of person: keep one",
        ),
        (
            "Date,Attendance\n14 Jan,3\n",
            (2, 1),
            "row 1, column 'Date': not a date: write it as YYYY-MM-DD or DD/MM/YYYY",
        ),
        ("Date,Attendance\n2026-01-14,three\n", (2, 2), "row 1, column 'Attendance': not a whole number of people"),
        ("Date,Attendance\n2026-01-14,-3\n", (2, 2), "row 1, column 'Attendance': not a whole number of people"),
        ("Date,Attendance\n2026-01-14,\u00b2\n", (2, 2), "row 1, column 'Attendance': not a whole number of people"),
        ("Date,Attendance\n2026-01-14,\u0663\n", (2, 2), "row 1, column 'Attendance': not a whole number of people"),
        (
            "Date,Attendance\n2026-01-14," + "9" * 5000 + "\n",
            (2, 2),
            "row 1, column 'Attendance': not a whole number of people",
        ),
        (
            "Date,Attendance\n2026-01-14,3\n14/01/2026,4\n",
            (3, 1),
            "row 2, column 'Date': a second row for 2026-01-14 (the first is row 1)",
        ),
        (
            "Date,Attendance\n2026-01-14,3\n10/12/2026,4\n",
            (3, 1),
            "row 2, column 'Date': 2026-12-10 is after the as-of date, 2026-12-01: a register records sessions"
            " already held (a mistyped date?); if it was held, give --as-of 2026-12-10 or later",
        ),
        (
            "Date,Managers,Practitioners\n2027-01-14,,3\n",
            (2, 1),
            "row 1, column 'Date': 2027-01-14 is after the as-of date, 2026-12-01: a register records sessions"
            " already held (a mistyped date?); if it was held, give --as-of 2027-01-14 or later",
        ),
    ],
)
def test_bad_registers_are_located(tmp_path: Path, text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(InputError) as caught:
        _sheet(tmp_path, text)
    problem = caught.value.problems[0]
    assert ((problem.location.line, problem.location.column), problem.message) == (where, message)


def test_a_session_on_the_as_of_date_counts_and_a_planned_one_after_it_is_left_out(tmp_path: Path) -> None:
    register = _sheet(tmp_path, "Date,Attendance\n01/12/2026,7\n2026-12-02,\n2027-01-06,\n")
    assert register == Register(((dt.date(2026, 12, 1), 7),), 2)
    later = _sheet(tmp_path, "Date,Attendance\n10/12/2026,4\n", as_of=dt.date(2026, 12, 10))
    assert later == Register(((dt.date(2026, 12, 10), 4),), 0)


def test_attendance_fills_sessions_without_it_adds_meetings_and_never_overwrites(tmp_path: Path) -> None:
    events = "- {date: 2026-01-14, type: launch}\n- {date: 2026-02-11, type: meeting, attendance: 99}\n"
    target = open_target(profile(tmp_path, events))
    register = Register(((dt.date(2026, 1, 14), 18), (dt.date(2026, 2, 11), 15), (dt.date(2026, 3, 11), 12)), 2)
    outcome = import_attendance(target, register)
    assert outcome.text == (
        "- {date: 2026-01-14, type: launch, attendance: 18}\n"
        "- {date: 2026-02-11, type: meeting, attendance: 99}\n"
        "- {date: 2026-03-11, type: meeting, attendance: 12}\n"
    )
    assert (len(outcome.added), outcome.skipped, len(outcome.filled)) == (1, 1, 1)
    assert outcome.notes == ("left out 2 rows without any count",)
    one = import_attendance(target, Register(register.sessions, 1))
    assert one.notes == ("left out 1 row without any count",)

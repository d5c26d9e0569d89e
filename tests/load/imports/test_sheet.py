"""CSV as spreadsheets save it (``copadvisor.load.imports.sheet``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.load.imports import sheet
from copadvisor.load.imports.sheet import Row, normal, parse_date, read_sheet

from .support import REGISTER


def test_excel_csv_utf8_with_bom_and_crlf() -> None:
    sheet = read_sheet(REGISTER)
    assert sheet.header[:3] == ("Date", "Session", "Practitioners")
    assert [(r.number, r.line) for r in sheet.rows] == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]


def test_rows_keep_the_line_they_start_on_and_blank_rows_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text('a,b\n1,"two\nlines"\n,\n3,4\n', encoding="utf-8")
    sheet = read_sheet(str(path))
    assert sheet.rows == (Row(1, 2, ("1", "two\nlines")), Row(2, 5, ("3", "4")))
    assert sheet.rows[1].cell(5) == ""


def test_problems_name_the_row_and_the_column(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    sheet = read_sheet(str(path))
    assert str(sheet.problem(sheet.rows[0], 1, "bad").problems[0]) == f"{path}:2:2: row 1, column 'b': bad"
    assert str(sheet.problem(None, None, "bad").problems[0]) == f"{path}:1:1: bad"


def test_not_utf8_and_no_header_are_located_errors(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"a,b\n1,2\nCaf\xe9,3\n")
    with pytest.raises(InputError) as caught:
        read_sheet(str(latin))
    assert caught.value.problems[0].location.line == 3
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(InputError) as caught:
        read_sheet(str(empty))
    assert caught.value.problems[0].message == "no header row: the first row must name the columns"


def test_dates_iso_and_british() -> None:
    assert parse_date("2026-03-11") == dt.date(2026, 3, 11)
    assert parse_date("11/03/2026") == dt.date(2026, 3, 11)
    assert parse_date("1/3/2026 00:00") == dt.date(2026, 3, 1)
    assert [parse_date(t) for t in ("31/02/2026", "03/11/26", "March 2026", "2026-3-1")] == [None] * 4


def test_normal_text() -> None:
    assert normal("  I can get my\u00a0voice  HEARD? ") == "i can get my voice heard"


def test_a_file_over_the_limit_is_refused_not_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"date,attendance\n2026-01-14,123\n")
    monkeypatch.setattr(sheet, "MAX_CSV_BYTES", path.stat().st_size - 1)
    with pytest.raises(InputError) as caught:
        sheet.read_sheet(str(path))
    assert [str(p) for p in caught.value.problems] == [f"{path}:1:1: the file is larger than the 0 MiB limit"]

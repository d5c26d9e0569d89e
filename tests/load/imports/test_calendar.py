"""``import calendar`` (``copadvisor.load.imports.calendar``) on an Outlook and a Google Calendar export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.load.imports.append import open_target
from copadvisor.load.imports.calendar import Occurrence, Read, import_calendar, read_calendar

from .support import GOOGLE, OUTLOOK, REGISTER, profile

AS_OF = dt.date(2026, 12, 1)


def test_outlook_monthly_series_with_an_exception_and_a_moved_instance() -> None:
    # Second Wednesdays 14:00–16:00 "GMT Standard Time" from 14 January, 12 times: 8 April is an EXDATE, 10 June
    # was moved to 17 June 13:30–15:00 (RECURRENCE-ID); 9 December is after the as-of date.
    read = read_calendar(OUTLOOK, AS_OF, match="perinatal mh cop")
    assert [(o.date.isoformat(), o.minutes) for o in read.occurrences] == [
        ("2026-01-14", 120),
        ("2026-02-11", 120),
        ("2026-03-11", 120),
        ("2026-05-13", 120),
        ("2026-06-17", 90),
        ("2026-07-08", 120),
        ("2026-08-12", 120),
        ("2026-09-09", 120),
        ("2026-10-14", 120),
        ("2026-11-11", 120),
    ]
    assert read.left_out == 2  # the all-day away day, and the team huddles (one series)


def test_without_match_every_timed_entry_is_a_meeting() -> None:
    read = read_calendar(OUTLOOK, dt.date(2026, 1, 31))
    assert [o.date.isoformat() for o in read.occurrences] == ["2026-01-14", "2026-01-20", "2026-01-27"]
    assert [o.minutes for o in read.occurrences] == [120, 15, 15]


def test_google_export_with_x_wr_timezone_and_a_cancelled_instance() -> None:
    # Every 6 weeks on Tuesdays 18:30 Europe/London; 14 April cancelled (STATUS:CANCELLED); a single event at
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST); the all-day stall on 20 May is left out.
    read = read_calendar(GOOGLE, AS_OF)
    assert [(o.date.isoformat(), o.minutes) for o in read.occurrences] == [
        ("2026-03-03", 120),
        ("2026-05-26", 120),
        ("2026-07-02", 90),
        ("2026-07-07", 120),
        ("2026-08-18", 120),
        ("2026-09-29", 120),
        ("2026-11-10", 120),
    ]
    assert read.left_out == 2


def test_the_first_occurrence_is_the_launch_only_when_asked_and_there_is_none(tmp_path: Path) -> None:
    read = Read((Occurrence(dt.date(2026, 1, 14), 120), Occurrence(dt.date(2026, 2, 11), 100)), 0)
    target = open_target(profile(tmp_path))
    assert [e["type"] for e in import_calendar(target, read, first_is_launch=True).added] == ["launch", "meeting"]
    assert [e["type"] for e in import_calendar(target, read).added] == ["meeting", "meeting"]
    launched = open_target(profile(tmp_path, "- {date: 2025-12-01, type: launch}\n", name="launched"))
    assert [e["type"] for e in import_calendar(launched, read, first_is_launch=True).added] == ["meeting", "meeting"]


def test_a_recorded_session_on_the_date_is_skipped(tmp_path: Path) -> None:
    read = Read((Occurrence(dt.date(2026, 1, 14), 120), Occurrence(dt.date(2026, 2, 11), 100)), 3)
    target = open_target(profile(tmp_path, "- {date: 2026-01-14, type: launch}\n"))
    outcome = import_calendar(target, read)
    assert outcome.added == ({"date": dt.date(2026, 2, 11), "type": "meeting", "minutes": 100},)
    assert outcome.skipped == 1
    assert outcome.notes == ("left out 3 cancelled, all-day, non-matching or later entries",)


def test_a_file_that_is_not_icalendar_is_a_located_error() -> None:
    with pytest.raises(InputError) as caught:
        read_calendar(REGISTER, AS_OF)
    assert [str(p) for p in caught.value.problems] == [
        f"{REGISTER}:1:1: not an iCalendar file (RFC 5545): export the calendar as .ics"
    ]


def test_a_broken_recurrence_rule_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\n"
        b"DTEND:20260101T120000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(InputError) as caught:
        read_calendar(str(path), AS_OF)
    assert caught.value.problems[0].location.path == str(path)


def test_a_windows_time_zone_name_without_its_vtimezone(tmp_path: Path) -> None:
    # Outlook sometimes writes TZID="W. Europe Standard Time" and no VTIMEZONE: 23:30 in Berlin is 22:30 in
    # London, and the date is Berlin's.
    path = tmp_path / "w.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w\r\n"
        b'DTSTART;TZID="W. Europe Standard Time":20260310T233000\r\n'
        b'DTEND;TZID="W. Europe Standard Time":20260311T010000\r\nSUMMARY:CoP\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
    )
    assert read_calendar(str(path), AS_OF).occurrences == (Occurrence(dt.date(2026, 3, 10), 90),)


def test_series_more_often_than_daily_are_left_out_before_expanding(tmp_path: Path) -> None:
    path = tmp_path / "h.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:19000101T100000Z\r\n"
        b"DTEND:19000101T120000Z\r\nRRULE:FREQ=MINUTELY\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n"
        b"DTSTART:20260101T100000Z\r\nDTEND:20260101T120000Z\r\nSUMMARY:y\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert read_calendar(str(path), AS_OF) == Read((Occurrence(dt.date(2026, 1, 1), 120),), 1)


def test_recurrences_start_twenty_years_back() -> None:
    assert len(read_calendar(OUTLOOK, dt.date(2046, 12, 1), "perinatal").occurrences) == 11  # with 9 December
    assert read_calendar(OUTLOOK, dt.date(2047, 1, 1), "perinatal").occurrences == ()

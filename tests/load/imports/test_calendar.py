"""``import calendar`` (``copadvisor.load.imports.calendar``) on an Outlook and a Google Calendar export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from copadvisor.errors import InputError
from copadvisor.load.imports import calendar
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
    one = import_calendar(target, Read(read.occurrences, 1))
    assert one.notes == ("left out 1 cancelled, all-day, non-matching or later entry",)


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


def _ics(tmp_path: Path, *events: str, name: str = "c.ics") -> str:
    """A calendar of the given VEVENT bodies (each line without its line end)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x"]
    for body in events:
        lines += ["BEGIN:VEVENT", *body.split("|"), "END:VEVENT"]
    path = tmp_path / name
    path.write_bytes(("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode())
    return str(path)


DAILY = "UID:{uid}|SUMMARY:CoP|DTSTART:20260114T140000Z|DTEND:20260114T150000Z|RRULE:FREQ=DAILY{rule}"


def _never_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("expanded")

    monkeypatch.setattr(calendar.recurring_ical_events, "of", refuse)


def test_a_rule_that_never_moves_on_is_refused_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _ics(tmp_path, DAILY.format(uid="a", rule=";INTERVAL=0"))
    _never_expanded(monkeypatch)
    with pytest.raises(InputError) as caught:
        read_calendar(path, AS_OF)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:9:1: a recurrence rule with INTERVAL=0 never moves on: it needs 1 or more"
    ]


def test_several_times_a_day_by_hour_minute_or_second_is_left_out_before_expanding(tmp_path: Path) -> None:
    path = _ics(
        tmp_path,
        DAILY.format(uid="h", rule=";BYHOUR=9,10"),
        DAILY.format(uid="m", rule=";BYMINUTE=0,1"),
        DAILY.format(uid="s", rule=";BYSECOND=" + ",".join(str(n) for n in range(60))),
        "UID:one|SUMMARY:CoP|DTSTART:20260301T140000Z|DTEND:20260301T150000Z",
    )
    assert read_calendar(path, AS_OF) == Read((Occurrence(dt.date(2026, 3, 1), 60),), 3)


def test_occurrences_are_counted_per_series_and_in_all_before_expanding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calendar, "MAX_PER_SERIES", 100)
    monkeypatch.setattr(calendar, "MAX_OCCURRENCES", 250)
    _never_expanded(monkeypatch)
    one = _ics(tmp_path, DAILY.format(uid="a", rule=""), name="one.ics")  # 322 days up to 1 December
    with pytest.raises(InputError) as caught:
        read_calendar(one, AS_OF)
    assert [str(p) for p in caught.value.problems] == [
        f"{one}:9:1: a series with more than 100 occurrences up to 2026-12-01: not a CoP's meetings"
    ]
    weekly = [DAILY.format(uid=f"w{n}", rule=";INTERVAL=7") for n in range(6)]  # 6 series of 47
    many = _ics(tmp_path, *weekly, name="many.ics")
    with pytest.raises(InputError) as caught:
        read_calendar(many, AS_OF)
    assert [str(p) for p in caught.value.problems] == [
        f"{many}:1:1: more than 250 occurrences up to 2026-12-01: export only the CoP's calendar, or keep its "
        "series with --match"
    ]


def test_the_counts_stop_at_the_cap_whatever_the_series_holds(tmp_path: Path) -> None:
    # A series from 1900 counted up to 2026 would be 46,000 occurrences: the count stops one past the cap.
    path = _ics(tmp_path, "UID:a|DTSTART:19000101T100000Z|DTEND:19000101T110000Z|RRULE:FREQ=DAILY")
    component = read_only_event(path)
    assert calendar._count(component, dt.datetime(2026, 12, 2), 101) == 101


def read_only_event(path: str) -> object:
    (event,) = icalendar.Calendar.from_ical(Path(path).read_bytes()).walk("VEVENT")
    return event


def test_a_meeting_across_the_clock_change_lasts_what_it_lasted(tmp_path: Path) -> None:
    # 25 October 2026: 00:30 BST to 03:30 GMT is four hours, though the clock says three.
    path = _ics(
        tmp_path,
        "UID:z|SUMMARY:CoP|DTSTART;TZID=Europe/London:20261025T003000|DTEND;TZID=Europe/London:20261025T033000",
    )
    assert read_calendar(path, AS_OF).occurrences == (Occurrence(dt.date(2026, 10, 25), 240),)


def test_a_timed_start_with_an_all_day_end_is_left_out(tmp_path: Path) -> None:
    path = _ics(tmp_path, "UID:o|SUMMARY:CoP|DTSTART:20260114T140000Z|DTEND;VALUE=DATE:20260115")
    assert read_calendar(path, AS_OF) == Read((), 1)


def test_a_calendar_over_the_limit_is_refused_not_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _ics(tmp_path, "UID:o|SUMMARY:CoP|DTSTART:20260114T140000Z|DTEND:20260114T150000Z")
    monkeypatch.setattr(calendar, "MAX_ICS_BYTES", Path(path).stat().st_size - 1)
    with pytest.raises(InputError) as caught:
        read_calendar(path, AS_OF)
    assert [str(p) for p in caught.value.problems] == [f"{path}:1:1: the file is larger than the 0 MiB limit"]


def test_an_as_of_date_too_far_ahead_is_blamed_on_as_of(tmp_path: Path) -> None:
    path = _ics(tmp_path, "UID:o|SUMMARY:CoP|DTSTART:20260114T140000Z|DTEND:20260114T150000Z")
    with pytest.raises(InputError) as caught:
        read_calendar(path, dt.date(9999, 12, 31))
    assert [str(p) for p in caught.value.problems] == [
        "--as-of:1:1: 9999-12-31 is too far ahead: give a date before 9000-01-01"
    ]

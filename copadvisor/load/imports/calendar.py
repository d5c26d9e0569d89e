"""``import calendar``: an iCalendar export (Outlook, Google Calendar) → one ``meeting`` per occurrence.

Read with ``icalendar`` and expanded with ``recurring-ical-events``: recurrence rules, EXDATE exceptions,
moved instances (RECURRENCE-ID), Outlook's Windows time-zone names ("GMT Standard Time", with or without its
VTIMEZONE) and Google's ``X-WR-TIMEZONE``. Each occurrence's date is the local date where it starts; its
minutes run from its start to its end. Cancelled instances, all-day entries and anything that is not one
timed session of at most a day are left out. Only the start, the end, the status and (for ``--match``) the
summary are read: attendees, organisers, descriptions and locations never are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import icalendar
import recurring_ical_events

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import read_regular
from copadvisor.load.imports.append import Event, Outcome, Target, append, identities, identity

MAX_ICS_BYTES = 16 * 1024 * 1024
YEARS_BACK = 20  # recurrences are expanded from 1 January twenty years before the as-of date
TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")
DAY_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class Occurrence:
    date: dt.date
    minutes: int


@dataclass(frozen=True, slots=True)
class Read:
    """The occurrences kept, in date order (one per day), and how many were left out."""

    occurrences: tuple[Occurrence, ...]
    left_out: int


def read_calendar(path: str, as_of: dt.date, match: str | None = None) -> Read:
    """The timed, not-cancelled occurrences up to ``as_of`` (and since ``YEARS_BACK`` years before it) whose
    summary contains ``match`` (any case)."""
    calendar = _parse(path, read_regular(path, MAX_ICS_BYTES, "calendar"))
    dropped = _keep_only(calendar, match)
    start = dt.date(max(as_of.year - YEARS_BACK, dt.MINYEAR), 1, 1)
    try:
        components = list(recurring_ical_events.of(calendar).between(start, as_of + dt.timedelta(days=1)))
    except Exception as exc:  # the library's errors for a broken rule or time zone have no common base
        why = f"the calendar's recurrences could not be read ({type(exc).__name__})"
        raise InputError([Problem(Location(path), why)]) from None
    kept: dict[dt.date, Occurrence] = {}
    left_out = dropped
    for component in components:
        occurrence = _occurrence(component, match)
        if occurrence is None or occurrence.date > as_of or occurrence.date in kept:
            left_out += 1
            continue
        kept[occurrence.date] = occurrence
    return Read(tuple(sorted(kept.values(), key=lambda o: o.date)), left_out)


def _keep_only(calendar: icalendar.Calendar, match: str | None) -> int:
    """Before expanding: leave out the series whose title never contains ``match``, and those that recur more
    often than daily (no CoP meets every hour; expanding them would take for ever). Returns how many."""
    wanted = {
        str(c.get("UID", ""))
        for c in calendar.walk("VEVENT")
        if match is None or match.casefold() in str(c.get("SUMMARY", "")).casefold()
    }
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    dropped = [c for c in events if str(c.get("UID", "")) not in wanted or _too_often(c)]
    calendar.subcomponents = [c for c in calendar.subcomponents if not any(c is d for d in dropped)]
    return len(dropped)


def _too_often(component: Any) -> bool:
    try:
        rules = component.get("RRULE")
        return _any_too_often(rules if isinstance(rules, list) else [rules] if rules is not None else [])
    except Exception:  # a broken rule: the expansion below reports it
        return False


def _any_too_often(rules: list[Any]) -> bool:
    return any(str(f).upper() in TOO_OFTEN for rule in rules for f in rule.get("FREQ", []))


def _parse(path: str, data: bytes) -> icalendar.Calendar:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError):  # its message quotes the content line: never shown
        calendar = None
    if not isinstance(calendar, icalendar.Calendar):
        raise InputError([Problem(Location(path), "not an iCalendar file (RFC 5545): export the calendar as .ics")])
    return calendar


def _occurrence(component: Any, match: str | None) -> Occurrence | None:
    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if match is not None and match.casefold() not in str(component.get("SUMMARY", "")).casefold():
        return None
    start, end = component.get("DTSTART"), component.get("DTEND")
    if start is None or end is None or not isinstance(start.dt, dt.datetime) or not isinstance(end.dt, dt.datetime):
        return None  # all-day entries (leave, away days) and entries without an end
    minutes = round((end.dt - start.dt).total_seconds() / 60)
    if not 0 < minutes <= DAY_MINUTES:
        return None
    return Occurrence(start.dt.date(), minutes)


def import_calendar(target: Target, read: Read, first_is_launch: bool = False) -> Outcome:
    """One meeting per occurrence not recorded yet; the first occurrence is the launch when asked and the
    profile has none."""
    known = identities(target.events)
    launch = first_is_launch and not any(getattr(e, "type", "") == "launch" for e in target.events)
    new: list[Event] = []
    for number, occurrence in enumerate(read.occurrences):
        if identity(occurrence.date, "meeting") in known:
            continue
        kind = "launch" if launch and number == 0 else "meeting"
        new.append({"date": occurrence.date, "type": kind, "minutes": occurrence.minutes})
    notes = [f"left out {read.left_out} cancelled, all-day, non-matching or later entries"] if read.left_out else []
    return append(target, new, len(read.occurrences) - len(new), notes)

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
import itertools
from dataclasses import dataclass
from typing import Any

import dateutil.rrule  # type: ignore[import-untyped]  # recurring-ical-events depends on it
import icalendar
import recurring_ical_events

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import read_regular, too_large
from copadvisor.load.imports.append import Event, Outcome, Target, append, identities, identity

MAX_ICS_BYTES = 16 * 1024 * 1024
YEARS_BACK = 20  # recurrences are expanded from 1 January twenty years before the as-of date
TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")
MANY_TIMES = ("BYHOUR", "BYMINUTE", "BYSECOND")  # more than one of these a day is more often than daily too
DAY_MINUTES = 24 * 60
LAST_AS_OF = dt.date(9000, 1, 1)
# Work is bounded by counting, before the library expands anything: occurrences of one series (from its start
# to the as-of date; a weekly CoP meets about 2,600 times in 50 years), and of the whole calendar.
MAX_PER_SERIES = 5_000
MAX_OCCURRENCES = 50_000


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
    data = read_regular(path, MAX_ICS_BYTES, "calendar")
    if len(data) > MAX_ICS_BYTES:
        raise InputError([too_large(path, MAX_ICS_BYTES)])
    if as_of >= LAST_AS_OF:
        raise InputError([Problem(Location("--as-of"), f"{as_of} is too far ahead: give a date before {LAST_AS_OF}")])
    calendar = _parse(path, data)
    dropped = _keep_only(calendar, match)
    _bound(path, data, calendar, as_of)
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
    dropped = {id(c) for c in events if str(c.get("UID", "")) not in wanted or _too_often(c) or _mixed(c)}
    calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in dropped]
    return len(dropped)


def _mixed(component: Any) -> bool:
    """A timed start with an all-day end (or the other way round): not one timed session, left out."""
    start, end = component.get("DTSTART"), component.get("DTEND")
    if start is None or end is None:
        return False
    return isinstance(start.dt, dt.datetime) != isinstance(end.dt, dt.datetime)


def _too_often(component: Any) -> bool:
    try:
        rules = component.get("RRULE")
        return _any_too_often(rules if isinstance(rules, list) else [rules] if rules is not None else [])
    except Exception:  # a broken rule: the expansion below reports it
        return False


def _any_too_often(rules: list[Any]) -> bool:
    return any(
        any(str(f).upper() in TOO_OFTEN for f in rule.get("FREQ", []))
        or any(len(rule.get(part, [])) > 1 for part in MANY_TIMES)
        for rule in rules
    )


def _bound(path: str, data: bytes, calendar: icalendar.Calendar, as_of: dt.date) -> None:
    """Refuse, by counting and before expanding, a rule that never moves on (``INTERVAL=0``), a series of more
    than ``MAX_PER_SERIES`` occurrences up to ``as_of`` and a calendar of more than ``MAX_OCCURRENCES``."""
    lines = _rule_lines(data)
    stop = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    total = 0
    for component in calendar.walk("VEVENT"):
        where = Location(path, lines.get(str(component.get("UID", "")), 1))
        if _stands_still(component):
            why = "a recurrence rule with INTERVAL=0 never moves on: it needs 1 or more"
            raise InputError([Problem(where, why)])
        count = _count(component, stop, min(MAX_PER_SERIES, MAX_OCCURRENCES - total) + 1)
        if count > MAX_PER_SERIES:
            why = f"a series with more than {MAX_PER_SERIES:,} occurrences up to {as_of}: not a CoP's meetings"
            raise InputError([Problem(where, why)])
        total += count
        if total > MAX_OCCURRENCES:
            why = (
                f"more than {MAX_OCCURRENCES:,} occurrences up to {as_of}: export only the CoP's calendar, or keep "
                "its series with --match"
            )
            raise InputError([Problem(Location(path), why)])


def _stands_still(component: Any) -> bool:
    try:
        return any(not isinstance(n, int) or n < 1 for rule in _rules(component) for n in rule.get("INTERVAL", []))
    except Exception:  # a broken rule: the expansion below reports it
        return False


def _rules(component: Any) -> list[Any]:
    rules = component.get("RRULE")
    return rules if isinstance(rules, list) else [rules] if rules is not None else []


def _count(component: Any, stop: dt.datetime, cap: int) -> int:
    """How many times the series starts before ``stop`` (its local times, roughly), counting to ``cap`` at most."""
    start = component.get("DTSTART")
    if start is None:
        return 1
    first = start.dt if isinstance(start.dt, dt.datetime) else dt.datetime.combine(start.dt, dt.time())
    first = first.replace(tzinfo=None)
    count = 1
    for rule in _rules(component):
        try:
            recurrence = dateutil.rrule.rrulestr(rule.to_ical().decode(), dtstart=first, ignoretz=True)
            for _ in itertools.takewhile(lambda t: t < stop, itertools.islice(iter(recurrence), cap)):
                count += 1
        except Exception:  # a broken rule: the expansion reports it
            continue
    return min(count, cap)


def _rule_lines(data: bytes) -> dict[str, int]:
    """The line of each event's first RRULE (else of its UID), by UID: where a refused series is shown."""
    found: dict[str, int] = {}
    uid, rule = "", 0
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        upper = line.upper()
        if upper.startswith("BEGIN:VEVENT"):
            uid, rule = "", 0
        elif upper.startswith("UID") and ":" in line:
            uid = line.split(":", 1)[1].strip()
            found.setdefault(uid, number)
        elif upper.startswith("RRULE") and not rule:
            rule = number
        elif upper.startswith("END:VEVENT") and uid and rule:
            found[uid] = rule
    return found


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
    minutes = round((_utc(end.dt) - _utc(start.dt)).total_seconds() / 60)
    if not 0 < minutes <= DAY_MINUTES:
        return None
    return Occurrence(start.dt.date(), minutes)


def _utc(moment: dt.datetime) -> dt.datetime:
    """An aware time in UTC (a meeting across the clock change lasts what the clock on the wall does not say);
    a floating time as it is."""
    return moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment


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
    entries = "entry" if read.left_out == 1 else "entries"
    notes = [f"left out {read.left_out} cancelled, all-day, non-matching or later {entries}"] if read.left_out else []
    return append(target, new, len(read.occurrences) - len(new), notes)

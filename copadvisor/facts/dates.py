"""Calendar arithmetic as SPEC §4 defines it: N months later is N calendar months, clamped to the month's end."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months; 31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:  # the calendar's ends: a date such as 9999-12-31 must not overflow
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from ``start`` to ``end`` (negative when ``end`` is earlier).

    Whole months are counted with :func:`add_months`; the part month is the fraction of the next one, so
    ``months_between(a, b) < 6`` exactly when ``b < add_months(a, 6)`` and ``> 9`` exactly when
    ``b > add_months(a, 9)``.
    """
    if end < start:
        return -months_between(end, start)
    whole = (end.year - start.year) * 12 + end.month - start.month
    while whole > 0 and add_months(start, whole) > end:
        whole -= 1
    low, high = add_months(start, whole), add_months(start, whole + 1)
    if high <= low:  # at the calendar's end there is no next month to measure a part of
        return float(whole)
    return round(whole + (end - low).days / (high - low).days, 4)

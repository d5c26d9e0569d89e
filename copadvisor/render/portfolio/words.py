"""Plain British English shared by the HTML and Markdown forms of the sponsors' report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from copadvisor.terms import NOT_STARTED

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STAGE_LABELS = {
    "potential": "Potential",
    "coalescing": "Coalescing",
    "maturing": "Maturing",
    "stewardship": "Stewardship",
    "transformation": "Transformation",
}
STAGE_MEANINGS = {
    "potential": "setting up, before the launch",
    "coalescing": "the launch and first sessions",
    "maturing": "themes under way, roles shifting to members",
    "stewardship": "sustaining and renewing",
    "transformation": "ending or changing — not a failure",
}
STATUS_LABELS = {
    "red": "Red",
    "amber": "Amber",
    "ending": "May be ending",
    "green": "Green",
    "error": "Could not be read",
}
STATUS_MEANINGS = {
    "red": "at least one high-severity risk",
    "amber": "at least one medium-severity risk, none high",
    "ending": "signs that the CoP may be coming to a natural end, which is not a failure: help it close well or renew",
    "green": "no risk at medium or high severity",
    "error": "the profile could not be read, so it was not checked",
}
SEVERITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low", "info": "Info"}

HOW_TO_READ = (
    "This report is insight, not oversight. It shows how each Community of Practice is doing against the "
    "practical guidance on setting up and convening CoPs: its stage, the risks found and the support "
    "sponsors can offer. CoPs belong to their members and sponsors have no oversight role in them, so the report holds "
    "aggregates only — it never shows who attended, convened or proposed anything. Use it to offer support "
    "(protected time, funding, recognition in governance), not to direct."
)
STATUS_RULE = (
    "Status: red means at least one high-severity risk; amber, at least one medium-severity risk; "
    "green, none at medium or above; “may be ending”, signs of a natural end (not a failure), when only "
    "the advice on ending well or renewing applies."
)
NEEDS_DATA_RULE = (
    "Risk counts count each place a risk was found (each role, each session), those shown under another risk "
    "from the same cause included. “Need data” counts the checks that could not be made because something is not "
    "yet recorded."
)
CHANGES_RULE = (
    "“New” counts the risks found now that were not found on {since}; “resolved”, those found then that are "
    "no longer found (put right, or no longer relevant at the CoP's stage)."
)


def long_date(day: dt.date) -> str:
    """1 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, with_year: bool = True) -> str:
    """1 Nov 2026 (or 1 Nov)."""
    text = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return f"{text} {day.year}" if with_year else text


def month_year(day: dt.date) -> str:
    """Mar 2024."""
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def duration(days: int) -> str:
    """Days in words: 46 days, about 3 months, about 1.5 years."""
    if days < 60:
        return plural(days, "day")
    if days < 730:
        return f"about {plural(round(days / 30.44), 'month')}"
    return f"about {days / 365.25:.1f} years"


def stage_label(stage: str | None) -> str:
    return STAGE_LABELS.get(stage, stage) if stage else "—"


# --- what a finding is about ----------------------------------------------------------------------------------

ROLE_WORDS = {
    "co_convener": "co-convener",
    "session_design": "session design",
    "planning_group": "planning group",
    "communications": "communications",
}


def role_words(role: str) -> str:
    return ROLE_WORDS.get(role, role.replace("_", " "))


def subject_words(subject: tuple[str, ...]) -> str:
    """What a finding is about, for sponsors (``Finding.subject``): a role by its name, an event by its type and
    date; nothing for the CoP as a whole, and never who."""
    kind, parts = (subject[0], subject[1:]) if subject else ("profile", ())
    day = [_day(p) for p in parts]
    if kind == "role" and parts:
        return f"the {role_words(parts[0])} role"
    if kind == "session" and len(parts) == 2:
        return f"the {'launch' if parts[0] == 'launch' else 'meeting'} of {day[1]}"
    if kind == "gap" and len(parts) == 2:
        return f"the gap since {day[0]} (still open)" if parts[1] == "open" else f"the gap from {day[0]} to {day[1]}"
    if kind == "role_change" and len(parts) == 2:
        return f"the change of {role_words(parts[0])} on {day[1]}"
    if kind == "task" and parts:
        return f"the suggestion of {day[0]}"
    return {"sponsor": "a sponsor", "acknowledged_risk": "an acknowledged risk", "person_id": "a person's id"}.get(
        kind, ""
    )


def _day(text: str) -> str:
    try:
        return short_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


# --- status over time -----------------------------------------------------------------------------------------

HISTORY_LABELS = {
    "red": "Red",
    "amber": "Amber",
    "ending": "May be ending",
    "green": "Green",
    "error": "Not read",
    "not_started": "Not started",
}


NOT_STARTED_NOTE = "Not started: the quarter ended before the CoP's first recorded event."


def history_note(states: Iterable[str]) -> str:
    """What the status-over-time row means; "not started" is said only where a quarter shows it."""
    note = "At the end of each quarter, judged from what is recorded today."
    return f"{note} {NOT_STARTED_NOTE}" if NOT_STARTED in set(states) else note

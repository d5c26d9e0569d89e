"""``import pulse``: a survey tool's export (Microsoft Forms, Google Forms) → one aggregated ``pulse`` event.

One row per response, one column per question. Only the columns mapped to a question (``--question
voice="I can get my voice heard"`` or the config's ``[pulse]`` table) are read; every other column — ids,
names, emails, start and completion times, free-text answers — is never read, so it cannot reach any file
or output. Answers on the agree–disagree scale, in words ("Strongly agree", "Agree", "Neither agree nor
disagree", "Disagree", "Strongly disagree") or as numbers 1–5 (5 is "strongly agree"), are counted as agree,
neutral or disagree; a blank is a question not answered. An answer off the scale is a located error that
never quotes it (it may be free text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from copadvisor.errors import InputError, Location, Problem, UsageError, shorten
from copadvisor.load.imports.append import Outcome, Target, append, identities, identity
from copadvisor.load.imports.sheet import Sheet, normal
from copadvisor.model import STANDARD_QUESTIONS, Pulse
from copadvisor.thresholds import Thresholds

COMMAND_LINE = "--question"
QUESTION_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
AGREE = ("strongly agree", "agree", "somewhat agree", "tend to agree", "agree strongly")
NEUTRAL = ("neither agree nor disagree", "neither agree or disagree", "neither", "neutral", "not sure")
DISAGREE = ("strongly disagree", "disagree", "somewhat disagree", "tend to disagree", "disagree strongly")
SCALE: Mapping[str, str] = {
    **dict.fromkeys(AGREE, "agree"),
    **dict.fromkeys(NEUTRAL, "neutral"),
    **dict.fromkeys(DISAGREE, "disagree"),
    "1": "disagree",
    "2": "disagree",
    "3": "neutral",
    "4": "agree",
    "5": "agree",
}


@dataclass(frozen=True, slots=True)
class Tallied:
    responses: int
    answers: dict[str, dict[str, int]]  # question → {agree, neutral, disagree}


def questions(pairs: Mapping[str, str], where: str = COMMAND_LINE) -> dict[str, str]:
    """Question keys checked (lower case, as events.yaml spells them); at least one. A bad key given on the
    command line is a usage error (it has no file and line); one from the config is located at the config."""
    bad = [key for key in pairs if not QUESTION_KEY.fullmatch(key)]
    if bad:
        message = f"{bad[0]!r} is not a question key (lower case letters, digits and _, e.g. voice)"
        if where == COMMAND_LINE:
            raise UsageError(f"{COMMAND_LINE} {shorten(bad[0])}=…: {message}")
        raise InputError([Problem(Location(where), f"[pulse]: {message}")])
    if not pairs:
        standard = ", ".join(STANDARD_QUESTIONS)
        message = (
            f'map at least one question to its column, e.g. --question voice="I can get my voice heard" ({standard})'
        )
        raise InputError([Problem(Location(where), message)])
    return dict(pairs)


def tally(sheet: Sheet, asked: Mapping[str, str]) -> Tallied:
    columns = {key: _column(sheet, key, text) for key, text in asked.items()}
    counts = {key: {"agree": 0, "neutral": 0, "disagree": 0} for key in asked}
    for row in sheet.rows:
        for key, column in columns.items():
            answer = normal(row.cell(column))
            if not answer:
                continue
            if answer not in SCALE:
                raise sheet.problem(
                    row, column, "the answer is not on the agree–disagree scale (words or 1–5); it is not shown here"
                )
            counts[key][SCALE[answer]] += 1
    if not any(n for answers in counts.values() for n in answers.values()):
        raise sheet.problem(None, None, "no answers in the columns of the questions: nothing to count")
    return Tallied(len(sheet.rows), counts)


def _column(sheet: Sheet, key: str, text: str) -> int:
    """The column headed by the question's text: the same words, or the one header that contains them
    (Microsoft Forms heads a Likert statement with its question's title)."""
    wanted = normal(text)
    headers = [normal(h) for h in sheet.header]
    exact = [i for i, h in enumerate(headers) if h == wanted]
    within = [i for i, h in enumerate(headers) if wanted and wanted in h]
    found = exact or within
    if len(found) == 1:
        return found[0]
    # The headings are never quoted: they may be people's names or emails, or free-text questions.
    if found:
        numbers = ", ".join(str(i + 1) for i in found[:5]) + (", …" if len(found) > 5 else "")
        message = f"several columns contain {text!r} (question {key}): columns {numbers}; give more of the heading"
    else:
        message = f"no column is headed {text!r} (question {key}) among the file's {len(sheet.header)} columns"
    raise InputError([Problem(Location(sheet.path), message)])


def import_pulse(target: Target, date: dt.date, tallied: Tallied, shown_from: int | None = None) -> Outcome:
    """One pulse event for the date, unless the log has a pulse on that date already."""
    if identity(date, "pulse") in identities(target.events):
        return append(target, [], 1)
    event = {"date": date, "type": "pulse", "responses": tallied.responses, "answers": tallied.answers}
    Pulse.model_validate(event)  # each question answered at most once per response: holds by construction
    notes = []
    if tallied.responses < (shown_from or Thresholds().pulse_min_responses):
        responses = "response" if tallied.responses == 1 else "responses"
        notes.append(
            f"{tallied.responses} {responses}: the pulse counts as checking in with members, but pulses this small are "
            "not judged, nor shown in the sponsors' report"
        )
    return append(target, [event], 0, notes)

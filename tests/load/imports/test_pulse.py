"""``import pulse`` (``copadvisor.load.imports.pulse``): Microsoft Forms and Google Forms exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copadvisor.errors import InputError, UsageError
from copadvisor.load.imports.append import open_target
from copadvisor.load.imports.pulse import SCALE, Tallied, import_pulse, questions, tally
from copadvisor.load.imports.sheet import read_sheet
from copadvisor.model import STANDARD_QUESTIONS

from .support import GOOGLE_FORMS, IDENTIFYING, MS_FORMS, profile

DAY = dt.date(2026, 6, 17)


def test_microsoft_forms_in_words() -> None:
    tallied = tally(read_sheet(MS_FORMS), dict(STANDARD_QUESTIONS))
    assert tallied == Tallied(
        7,
        {
            "voice": {"agree": 5, "neutral": 1, "disagree": 1},
            "safe": {"agree": 5, "neutral": 1, "disagree": 1},
            "worth": {"agree": 6, "neutral": 0, "disagree": 1},
            "ours": {"agree": 4, "neutral": 2, "disagree": 1},
            "understanding": {"agree": 6, "neutral": 1, "disagree": 0},
        },
    )


def test_google_forms_on_a_1_to_5_scale_with_a_blank_answer() -> None:
    asked = {"voice": "i can get my voice heard", "safe": "I feel safe to say what I think"}
    assert tally(read_sheet(GOOGLE_FORMS), asked) == Tallied(
        8,
        {"voice": {"agree": 5, "neutral": 1, "disagree": 2}, "safe": {"agree": 5, "neutral": 1, "disagree": 1}},
    )


def test_the_scale() -> None:
    assert [SCALE[a] for a in ("strongly agree", "neither agree nor disagree", "strongly disagree", "1", "3", "5")] == [
        "agree",
        "neutral",
        "disagree",
        "disagree",
        "neutral",
        "agree",
    ]


def test_a_free_text_column_mapped_by_mistake_is_an_error_that_does_not_quote_it() -> None:
    with pytest.raises(InputError) as caught:
        tally(read_sheet(MS_FORMS), {"voice": "Anything else you'd like to tell us"})
    (problem,) = caught.value.problems
    assert str(problem) == (
        f'{MS_FORMS}:2:12: row 1, column "Anything else you\'d like to tell us?": the answer is not on the '
        "agree–disagree scale (words or 1–5); it is not shown here"
    )
    assert not any(text in str(problem) for text in IDENTIFYING)


def test_a_question_must_head_exactly_one_column() -> None:
    with pytest.raises(InputError) as caught:
        tally(read_sheet(GOOGLE_FORMS), {"ours": "Members choose what we work on"})
    assert caught.value.problems[0].message == (
        "no column is headed 'Members choose what we work on' (question ours) among the file's 6 columns"
    )
    with pytest.raises(InputError) as caught:
        tally(read_sheet(GOOGLE_FORMS), {"voice": "I"})
    assert caught.value.problems[0].message == (
        "several columns contain 'I' (question voice): columns 1, 2, 3, 4, 5, …; give more of the heading"
    )


def test_question_keys_are_checked_and_one_is_needed() -> None:
    assert questions({"voice": "x"}) == {"voice": "x"}
    with pytest.raises(UsageError) as given:
        questions({"Voice": "x"})
    assert str(given.value) == (
        "--question Voice=…: 'Voice' is not a question key (lower case letters, digits and _, e.g. voice)"
    )
    with pytest.raises(InputError) as configured:
        questions({"Voice": "x"}, "copadvisor.toml")
    assert [str(p) for p in configured.value.problems] == [
        "copadvisor.toml:1:1: [pulse]: 'Voice' is not a question key (lower case letters, digits and _, e.g. voice)"
    ]
    with pytest.raises(InputError, match="map at least one question"):
        questions({}, "copadvisor.toml")


def test_one_pulse_per_date(tmp_path: Path) -> None:
    tallied = Tallied(6, {"voice": {"agree": 4, "neutral": 1, "disagree": 1}})
    target = open_target(profile(tmp_path, "- {date: 2026-06-17, type: meeting}\n"))
    outcome = import_pulse(target, DAY, tallied)
    assert outcome.text == (
        "- {date: 2026-06-17, type: meeting}\n"
        "- date: 2026-06-17\n  type: pulse\n  responses: 6\n  answers:\n    voice: {agree: 4, neutral: 1, disagree: 1}\n"
    )
    assert outcome.notes == ()
    again = open_target(profile(tmp_path, outcome.text, name="again"))
    assert (import_pulse(again, DAY, tallied).added, import_pulse(again, DAY, tallied).skipped) == ((), 1)


def test_a_small_pulse_is_written_with_a_note(tmp_path: Path) -> None:
    outcome = import_pulse(
        open_target(profile(tmp_path)), DAY, Tallied(3, {"voice": {"agree": 3, "neutral": 0, "disagree": 0}})
    )
    assert outcome.notes == (
        "3 responses: the pulse counts as checking in with members, but pulses this small are not judged, nor shown "
        "in the sponsors' report",
    )
    one = import_pulse(
        open_target(profile(tmp_path, name="one")),
        DAY,
        Tallied(1, {"voice": {"agree": 1, "neutral": 0, "disagree": 0}}),
    )
    assert one.notes == (
        "1 response: the pulse counts as checking in with members, but pulses this small are not judged, nor shown "
        "in the sponsors' report",
    )

"""Members' voice in the sponsors' report and the checklist (``copadvisor.render.portfolio.voice``)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from cop_testing import cli, write_profile

from copadvisor.facts.voice import PulseResult, Tally
from copadvisor.render.portfolio.voice import html, shown, statement, summary, tallies, trends, words

D = dt.date.fromisoformat


def pulse(day: str, responses: int, *tallies_: Tally) -> PulseResult:
    return PulseResult(D(day), responses, tallies_)


EARLIER = pulse("2026-03-10", 8, Tally("voice", 4, 2, 2), Tally("worth", 8, 0, 0))
LATEST = pulse("2026-06-10", 7, Tally("voice", 6, 1, 0), Tally("worth", 5, 1, 1), Tally("safe", 2, 0, 1))


def test_only_pulses_and_questions_with_five_or_more_are_shown() -> None:
    small = pulse("2026-07-01", 4, Tally("voice", 0, 0, 4))
    assert shown([EARLIER, small]) == (EARLIER,)
    assert [t.question for t in tallies(LATEST)] == ["voice", "worth"]  # safe: 3 answers only


def test_statements_and_words() -> None:
    assert statement("voice") == "I can get my voice heard"
    assert statement("time_of_day") == "Time of day"
    assert words(Tally("voice", 5, 1, 1)) == "5 of 7 agree, 1 neutral, 1 disagree"


def test_summary_and_trend_in_plain_words() -> None:
    assert summary([EARLIER, LATEST]) == [
        "Latest pulse: 10 June 2026, 7 responses.",
        "I can get my voice heard: 6 of 7 agree, 1 neutral, 0 disagree.",
        "The CoP is worth my time: 5 of 7 agree, 1 neutral, 1 disagree.",
        "Trend — I can get my voice heard: 50% → 86% agreeing, up.",
        "Trend — The CoP is worth my time: 100% → 71% agreeing, down.",
    ]
    assert trends([LATEST]) == []
    assert summary([]) == summary([pulse("2026-07-01", 4, Tally("voice", 4, 0, 0))]) == []


def test_the_html_part() -> None:
    part = html("cop-1", [EARLIER, LATEST])
    assert part.startswith('<h3>Members\' voice</h3><div class="voice"><p>The latest anonymous pulse of members, on ')
    assert '<svg class="chart" viewBox="0 0 540 94"' in part
    assert part.count("<rect ") == 2 + 3 + 3  # agree and neutral of voice, all three of worth, the legend
    assert '<td>I can get my voice heard</td><td class="num">6</td><td class="num">1</td>' in part
    assert "<li>The CoP is worth my time: 100% → 71% agreeing, down</li>" in part
    assert "I feel safe" not in part
    assert html("cop-1", []) == ""


def _events(responses: int) -> list[dict[str, Any]]:
    answers = {"voice": {"agree": responses - 2, "neutral": 0, "disagree": 2}}
    return [
        {"date": "2025-06-01", "type": "launch"},
        {"date": "2025-07-01", "type": "meeting"},
        {"date": "2025-09-01", "type": "pulse", "responses": responses, "answers": answers},
    ]


@pytest.mark.parametrize(("responses", "seen"), [(4, False), (5, True)])
def test_the_checklist_and_the_report_show_a_pulse_from_five_responses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], responses: int, seen: bool
) -> None:
    folder = str(write_profile(tmp_path, events=_events(responses)))
    as_of = ("--as-of", "2025-10-01")
    text = cli(capsys, "checklist", folder, *as_of)[1]
    markdown = cli(capsys, "checklist", folder, *as_of, "--format", "markdown")[1]
    report = cli(capsys, "report", folder, *as_of)[1]
    page = tmp_path / "r.html"
    cli(capsys, "report", folder, *as_of, "--html", str(page))
    line = f"I can get my voice heard: {responses - 2} of {responses} agree, 0 neutral, 2 disagree."
    assert (line in text, f"- {line}" in markdown, f"- {line}" in report) == (seen, seen, seen)
    assert ("Members' voice" in page.read_text(encoding="utf-8")) is seen
    if seen:
        assert "\n\nMembers' voice:\n  Latest pulse: 1 September 2025, 5 responses.\n  I can get" in text
        assert re.search(r"\*\*Members' voice\*\*\n\n- Latest pulse: 1 September 2025, 5 responses\.", markdown)

"""Members' voice: the anonymous pulse check-ins (SPEC §3.3; seed tip 14, "does everyone here feel able to get
their voice heard?").

A pulse counts once it has at least ``pulse_min_responses`` responses (5 by default): fewer answers say little,
and in a small group they identify people. The facts read the latest counted pulse; the sponsors' view draws
the counted pulses (counts only, never who said what) from the ``Activity``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from copadvisor.facts.base import RECENT_MEETINGS, Context, FactField, Part, Timeline, Value
from copadvisor.facts.dates import add_months, months_between
from copadvisor.model import STANDARD_QUESTIONS, Meeting, Pulse
from copadvisor.thresholds import Thresholds

TRENDS = ("better", "steady", "worse")
# The statements a rule may quote: "I can get my voice heard" or "I feel safe to say what I think".
HEARD = ("voice", "safe")


@dataclass(frozen=True, slots=True)
class Tally:
    """One question of a pulse: how many agreed, were neutral, disagreed."""

    question: str
    agree: int
    neutral: int
    disagree: int

    @property
    def answered(self) -> int:
        return self.agree + self.neutral + self.disagree

    def percent(self, count: int) -> float:
        return round(100 * count / self.answered, 2) if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class PulseResult:
    """A counted pulse (enough responses to show): its date, responses and tallies, standard questions first."""

    date: dt.date
    responses: int
    tallies: tuple[Tally, ...]

    def tally(self, question: str) -> Tally | None:
        return next((t for t in self.tallies if t.question == question and t.answered), None)


VOCABULARY = {
    "profile": {
        "pulses_count": FactField("number", "pulse events so far, of any size"),
        "pulses_counted": FactField("number", "pulse events with enough responses to count (5 by default)"),
        "last_pulse_date": FactField("date", "the date of the latest pulse with enough responses"),
        "months_since_pulse": FactField("number", "months from the latest pulse (any size) to the as-of date"),
        "pulse_responses": FactField("number", "responses to the latest pulse with enough responses"),
        **{
            f"{q}_disagree_percent": FactField(
                "number", f"in the latest counted pulse, the percentage who disagreed with “{text}” ({q})"
            )
            for q, text in STANDARD_QUESTIONS.items()
        },
        "pulse_heard_disagree_percent": FactField(
            "number", "in the latest counted pulse, the larger percentage disagreeing with voice or with safe"
        ),
        "pulse_heard_statement": FactField(
            "text", "the statement behind pulse_heard_disagree_percent", tuple(STANDARD_QUESTIONS[q] for q in HEARD)
        ),
        "voice_trend": FactField("text", "voice agreement, latest counted pulse against the one before", TRENDS),
        "worth_trend": FactField("text", "worth agreement, latest counted pulse against the one before", TRENDS),
        "checkins_recent": FactField(
            "number",
            "pulses and meetings with feedback in the recent months (12 by default); not recorded when there are"
            " none and a meeting of those months does not record feedback_responses",
        ),
        "pulses_recent": FactField(
            "number", "pulses of at least pulse_min_responses (5) responses since the earliest of the last 3 meetings"
        ),
    }
}


def results(timeline: Timeline, thresholds: Thresholds) -> tuple[PulseResult, ...]:
    """The counted pulses in date order: only those with at least ``pulse_min_responses`` responses."""
    return tuple(_result(p) for _, p in timeline.of_type(Pulse) if p.responses >= thresholds.pulse_min_responses)


def _result(pulse: Pulse) -> PulseResult:
    answers = pulse.answers or {}
    standard = [q for q in STANDARD_QUESTIONS if q in answers]
    others = sorted(q for q in answers if q not in STANDARD_QUESTIONS)
    tallies = tuple(Tally(q, answers[q].agree, answers[q].neutral, answers[q].disagree) for q in standard + others)
    return PulseResult(pulse.date, pulse.responses, tallies)


def trend(pulses: Sequence[PulseResult], question: str, points: float) -> str | None:
    """``better``/``worse`` when agreement moved by at least ``points`` percentage points since the previous
    counted pulse that asked the question, else ``steady``; ``None`` with fewer than two such pulses."""
    asked = [t for t in (p.tally(question) for p in pulses) if t is not None]
    if len(asked) < 2:
        return None
    change = asked[-1].percent(asked[-1].agree) - asked[-2].percent(asked[-2].agree)
    return "better" if change >= points else "worse" if change <= -points else "steady"


def profile_part(ctx: Context) -> Part:
    pulses = ctx.timeline.of_type(Pulse)
    counted = [(i, p) for i, p in pulses if p.responses >= ctx.thresholds.pulse_min_responses]
    shown = results(ctx.timeline, ctx.thresholds)
    latest = shown[-1] if shown else None
    where = ctx.at_event(counted[-1][0]) if counted else ctx.at_key("events")
    values: dict[str, Value] = {
        "pulses_count": len(pulses),
        "pulses_counted": len(counted),
        "last_pulse_date": counted[-1][1].date if counted else None,
        "months_since_pulse": months_between(pulses[-1][1].date, ctx.as_of) if pulses else None,
        "pulse_responses": latest.responses if latest else None,
        **_disagreement(latest),
        "voice_trend": trend(shown, "voice", ctx.thresholds.pulse_trend_points),
        "worth_trend": trend(shown, "worth", ctx.thresholds.pulse_trend_points),
        **_checkins(ctx),
    }
    return Part(values, dict.fromkeys(values, where))


def _disagreement(latest: PulseResult | None) -> dict[str, Value]:
    tallies = {q: latest.tally(q) if latest else None for q in STANDARD_QUESTIONS}
    out: dict[str, Value] = {f"{q}_disagree_percent": t.percent(t.disagree) if t else None for q, t in tallies.items()}
    heard = [(t.percent(t.disagree), q) for q in HEARD if (t := tallies[q]) is not None]
    worst = max(heard, key=lambda pair: pair[0]) if heard else None  # voice first on a tie
    out["pulse_heard_disagree_percent"] = worst[0] if worst else None
    out["pulse_heard_statement"] = STANDARD_QUESTIONS[worst[1]] if worst else None
    return out


def _checkins(ctx: Context) -> dict[str, Value]:
    """Pulses count as checking in with members, as meetings that collected feedback do (tip 14)."""
    since = add_months(ctx.as_of, -ctx.thresholds.pulse_months)
    pulses = [p for _, p in ctx.timeline.of_type(Pulse)]
    feedback = [m for _, m in ctx.timeline.of_type(Meeting) if m.date >= since and (m.feedback_responses or 0) > 0]
    recent_meetings = ctx.timeline.meetings[-RECENT_MEETINGS:]
    start = recent_meetings[0][1].date if recent_meetings else None
    checkins = sum(1 for p in pulses if p.date >= since) + len(feedback)
    # A meeting that does not record feedback_responses is not read as "no check-in" (SPEC §4, Calibration).
    unrecorded = any(m.feedback_responses is None for _, m in ctx.timeline.of_type(Meeting) if m.date >= since)
    return {
        "checkins_recent": checkins if checkins or not unrecorded else None,
        "pulses_recent": sum(
            1
            for p in pulses
            if start is not None and p.date >= start and p.responses >= ctx.thresholds.pulse_min_responses
        ),
    }

"""Governance, value and ending facts (seed tips 4 and 13; natural endings; Wenger–Trayner value cycles)."""

from __future__ import annotations

import re

from copadvisor.facts.base import Context, FactField, Part
from copadvisor.facts.dates import add_months, months_between
from copadvisor.model import GovernanceReport, Meeting, Pulse, ValueEvidence

CYCLES = ("immediate", "potential", "applied", "realised", "reframing")

# A method that counts who came shows reach, not value (seed tip 13; Wenger, Trayner & de Laat 2011): "attendance
# counts", "numbers attending", "sign-in sheet". A method that also names feedback, stories or outcomes is more.
_COUNTS = re.compile(r"\b(attend\w*|head ?counts?|numbers?|registers?|sign[- ]?ins?|footfall|how many|counts?)\b", re.I)
_ASKS = re.compile(
    r"\b(feedback|stor(y|ies)|evaluat\w*|survey\w*|pulse|interview\w*|outcome\w*|example\w*|"
    r"case\w*|audit\w*|reflect\w*|what changed|chang\w*|impact|learn\w*|form)\b",
    re.I,
)


def _counts_people(method: str) -> bool:
    return bool(_COUNTS.search(method)) and not _ASKS.search(method)


VOCABULARY = {
    "profile": {
        "governance_acknowledged": FactField("bool", "governance.acknowledged"),
        "governance_reports_count": FactField("number", "governance_report events so far"),
        "last_governance_report_date": FactField("date", "the date of the latest governance_report"),
        "months_since_governance_report": FactField(
            "number", "months from the latest governance_report to the as-of date"
        ),
        "next_governance_report_due": FactField(
            "date",
            "the date by which the next governance_report is due: governance_report_months (13) after the latest",
        ),
        "value_capture_methods_count": FactField("number", "value_capture.methods listed (0 when absent)"),
        "value_capture_counts_only": FactField(
            "bool", "every value_capture.methods entry counts people (attendance, numbers) and none asks what changed"
        ),
        "value_evidence_count": FactField("number", "value_evidence events so far"),
        "value_signals_recent": FactField(
            "number",
            "value_evidence events, meetings with feedback and pulses in the recent months (6 by default)",
        ),
        "value_highest_cycle": FactField("text", "the furthest value cycle evidenced", ("none", *CYCLES)),
        "value_for_recorded_count": FactField("number", "value_evidence events that say for whom (for)"),
        "value_for_groups_count": FactField("number", "distinct groups the value evidence is for (tip 13)"),
        "value_for_groups": FactField(
            "number",
            "distinct groups the value evidence is for; not recorded while fewer than two are named and a"
            " value_evidence event does not say for whom",
        ),
        "value_for_group": FactField(
            "text",
            "the one group all value evidence is for, when there is one",
            ("members", "service_users", "organisations"),
        ),
        "closed": FactField("bool", "a closed event on or before the as-of date"),
        "closed_date": FactField("date", "the date of the closed event"),
        "closed_reason": FactField(
            "text", "why the CoP closed", ("work_done", "enthusiasts_moved_on", "priorities_changed", "merged", "other")
        ),
        "closed_learning_captured": FactField("bool", "the closing event records that learning was captured"),
    }
}


def profile_part(ctx: Context) -> Part:
    governance = ctx.profile.governance
    methods = ctx.profile.value_capture.methods if ctx.profile.value_capture else None
    evidence = ctx.timeline.of_type(ValueEvidence)
    since = add_months(ctx.as_of, -ctx.thresholds.value_evidence_months)
    recent = [e for _, e in evidence if e.date >= since]
    recent_feedback = [
        m for _, m in ctx.timeline.of_type(Meeting) if m.date >= since and (m.feedback_responses or 0) > 0
    ]
    recent_pulses = [p for _, p in ctx.timeline.of_type(Pulse) if p.date >= since]  # members' voice is feedback
    cycles = {e.cycle for _, e in evidence}
    highest = max(cycles, key=CYCLES.index) if cycles else "none"
    groups = {g for _, e in evidence for g in e.for_ or ()}
    closed = ctx.timeline.closed
    reports = ctx.timeline.of_type(GovernanceReport)
    report = reports[-1] if reports else None
    return Part(
        {
            "governance_acknowledged": governance.acknowledged if governance else None,
            "governance_reports_count": len(reports),
            "last_governance_report_date": report[1].date if report else None,
            "months_since_governance_report": months_between(report[1].date, ctx.as_of) if report else None,
            "next_governance_report_due": (
                add_months(report[1].date, ctx.thresholds.governance_report_months) if report else None
            ),
            "value_capture_methods_count": len(methods or ()),
            "value_capture_counts_only": bool(methods) and all(_counts_people(m) for m in methods or ()),
            "value_evidence_count": len(evidence),
            "value_signals_recent": len(recent) + len(recent_feedback) + len(recent_pulses),
            "value_highest_cycle": highest,
            "value_for_recorded_count": sum(1 for _, e in evidence if e.for_),
            "value_for_groups_count": len(groups),
            "value_for_groups": len(groups) if len(groups) >= 2 or all(e.for_ for _, e in evidence) else None,
            "value_for_group": next(iter(groups)) if len(groups) == 1 else None,
            "closed": closed is not None,
            "closed_date": closed[1].date if closed else None,
            "closed_reason": closed[1].reason if closed else None,
            "closed_learning_captured": closed[1].learning_captured if closed else None,
        },
        {
            "governance_acknowledged": ctx.at_key("governance", "acknowledged"),
            "governance_reports_count": ctx.at_key("governance"),
            "last_governance_report_date": ctx.at_event(report[0]) if report else ctx.at_key("governance"),
            "months_since_governance_report": ctx.at_event(report[0]) if report else ctx.at_key("governance"),
            "next_governance_report_due": ctx.at_event(report[0]) if report else ctx.at_key("governance"),
            "value_capture_methods_count": ctx.at_key("value_capture", "methods"),
            "value_capture_counts_only": ctx.at_key("value_capture", "methods"),
            "value_for_group": ctx.at_event(evidence[-1][0]) if evidence else ctx.at_key("events"),
            "value_for_groups": ctx.at_event(evidence[-1][0]) if evidence else ctx.at_key("events"),
            "closed_learning_captured": ctx.at_event(closed[0]) if closed else ctx.at_key("events"),
            "closed_reason": ctx.at_event(closed[0]) if closed else ctx.at_key("events"),
            "closed": ctx.at_event(closed[0]) if closed else ctx.at_key("events"),
            "closed_date": ctx.at_event(closed[0]) if closed else ctx.at_key("events"),
        },
    )

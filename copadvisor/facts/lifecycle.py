"""Stage facts: the stage in force, the declared one, and the time since the launch (SPEC §2)."""

from __future__ import annotations

from collections.abc import Iterator

from copadvisor.facts.base import Context, FactField, Item, Part
from copadvisor.facts.dates import months_between
from copadvisor.facts.stage import StageEvidence
from copadvisor.terms import STAGES

# The placeholder texts of `copadvisor init`'s template (copadvisor/templates/cop.yaml: a test keeps the two the
# same), by field path, with the field in words: a profile that still holds one was not finished.
TEMPLATE_PLACEHOLDERS: dict[tuple[str, ...], tuple[str, str]] = {
    ("name",): ("Name of your community of practice", "name"),
    ("domain", "statement"): (
        "One or two sentences on the shared concern that brings practitioners together",
        "domain statement",
    ),
    ("governance", "reports_to"): ("Name of the board or group", "board the CoP reports to"),
}

VOCABULARY = {
    "profile": {
        "stage": FactField("text", "the stage the rules use (inferred, unless --stage says otherwise)", STAGES),
        "inferred_stage": FactField("text", "the stage inferred from the event log", STAGES),
        "declared_stage": FactField("text", "the stage declared in the profile", STAGES),
        "stage_differs": FactField("bool", "a declared stage differs from the inferred one (false if none declared)"),
        "launched": FactField("bool", "a launch event on or before the as-of date"),
        "launch_date": FactField("date", "the date of the launch"),
        "first_event_date": FactField("date", "the date of the first event: when the CoP entered `potential`"),
        "months_since_launch": FactField("number", "months from the launch to the as-of date"),
        "days_since_launch": FactField("number", "days from the launch to the as-of date"),
        "meetings_after_launch": FactField("number", "meeting events dated after the launch"),
        "sessions_count": FactField("number", "the launch and meetings so far"),
        "meetings_count": FactField("number", "meeting events so far (the launch is not a meeting)"),
        "acknowledged_risks_count": FactField("number", "entries of acknowledged_risks (0 when absent)"),
        "template_placeholder": FactField(
            "text", "the first field still holding the placeholder text of `copadvisor init`'s template, in words"
        ),
    },
    "acknowledged_risk": {
        "rule": FactField("text", "the rule whose findings it suppresses"),
        "until": FactField("date", "when the acknowledgement expires"),
        "expired": FactField("bool", "the as-of date is after `until`"),
        "position": FactField("number", "its place in `acknowledged_risks`, from 1"),
    },
}


def profile_part(ctx: Context, evidence: StageEvidence) -> Part:
    launch = ctx.timeline.launch
    declared = ctx.profile.stage
    where = ctx.at_event(launch[0]) if launch else ctx.at_key("events")
    left = placeholders_left(ctx)
    return Part(
        {
            "stage": ctx.stage,
            "inferred_stage": evidence.stage,
            "declared_stage": declared,
            "stage_differs": declared is not None and declared != evidence.stage,
            "launched": launch is not None,
            "launch_date": launch[1].date if launch else None,
            "first_event_date": ctx.timeline.events[0][1].date if ctx.timeline.events else None,
            "months_since_launch": months_between(launch[1].date, ctx.as_of) if launch else None,
            "days_since_launch": (ctx.as_of - launch[1].date).days if launch else None,
            "meetings_after_launch": len(ctx.timeline.meetings_after_launch),
            "sessions_count": len(ctx.timeline.sessions),
            "meetings_count": len(ctx.timeline.meetings),
            "acknowledged_risks_count": len(ctx.profile.acknowledged_risks or ()),
            "template_placeholder": TEMPLATE_PLACEHOLDERS[left[0]][1] if left else None,
        },
        {
            "declared_stage": ctx.at_key("stage"),
            "stage_differs": ctx.at_key("stage"),
            "launch_date": where,
            "months_since_launch": where,
            "days_since_launch": where,
            "acknowledged_risks_count": ctx.at_key("acknowledged_risks"),
            **({"template_placeholder": ctx.at_key(*left[0])} if left else {}),
        },
    )


def placeholders_left(ctx: Context) -> list[tuple[str, ...]]:
    """The field paths whose value is still the template's placeholder, in the template's order."""
    left = []
    for path, (text, _) in TEMPLATE_PLACEHOLDERS.items():
        value: object = ctx.profile
        for key in path:
            value = getattr(value, key, None)
        if isinstance(value, str) and value.strip() == text:
            left.append(path)
    return left


def items(ctx: Context) -> Iterator[Item]:
    """Acknowledged risks, as declared (what they suppress is the decision step's: see ``keep_if``)."""
    for i, risk in enumerate(ctx.profile.acknowledged_risks or ()):
        expired = risk.until is not None and ctx.as_of > risk.until
        values = {"rule": risk.rule, "until": risk.until, "expired": expired, "position": i + 1}
        yield Item("acknowledged_risk", f"risk:{risk.rule}", ctx.source.of_value(("acknowledged_risks", i)), values)

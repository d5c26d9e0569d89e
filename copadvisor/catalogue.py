"""Generated documentation: the fact vocabulary and the rule catalogue, as Markdown.

``docs/facts.md`` and ``docs/rules.md`` are written from these (``copadvisor rules docs``) and a test fails
when they are out of date, so the docs never drift from the code and the rule files.
"""

from __future__ import annotations

from collections.abc import Sequence

from copadvisor.facts import VOCABULARY
from copadvisor.rulepack import LoadedRule
from copadvisor.rulepack.model import Rule
from copadvisor.terms import STAGES

KIND_NOTES = {
    "profile": "One per profile: profile-level values and cross-event summaries.",
    "session": "One per launch or meeting event on or before the as-of date.",
    "gap": "One per gap between consecutive sessions, and one from the last session to the as-of date.",
    "role": "One per role of the seed's table, filled or not.",
    "role_change": "One per `role_change` event.",
    "sponsor": "One per entry of `sponsors`.",
    "task": "One per `task_proposed` event.",
    "acknowledged_risk": "One per entry of `acknowledged_risks`; rules on these run after all others.",
}


def facts_markdown() -> str:
    lines = [
        "# Fact vocabulary",
        "",
        "Generated from `copadvisor/facts/` by `copadvisor rules docs`; do not edit by hand.",
        "A value that is not recorded is absent: a test of it is *unknown*, `exists: false` holds.",
        "",
    ]
    for kind, fields in VOCABULARY.items():
        lines += [f"## `{kind}`", "", KIND_NOTES.get(kind, ""), "", "| fact | type | meaning |", "|---|---|---|"]
        for name, field in fields.items():
            values = f" ({', '.join(field.values)})" if field.values else ""
            lines.append(f"| `{name}` | {field.type} | {field.description}{values} |")
        lines.append("")
    return "\n".join(lines)


def rules_markdown(rules: Sequence[LoadedRule]) -> str:
    ordered = sorted((r.rule for r in rules), key=lambda r: r.id)
    lines = [
        "# Rule catalogue",
        "",
        "Generated from the rule packs in `rules/` by `copadvisor rules docs`; do not edit by hand.",
        f"{len(ordered)} rules. Severity: info < low < medium < high.",
        "",
        "## By stage",
        "",
    ]
    for stage in (*STAGES, "portfolio"):
        chosen = [r for r in ordered if stage in r.stage_ids or r.stages == stage]
        lines += [f"### {stage}", "", *(f"- `{r.id}` ({r.severity}): {r.title}" for r in chosen), ""]
    lines += ["## By top tip of the seed report", ""]
    for tip in range(1, 15):
        chosen = [r for r in ordered if tip in r.tips]
        lines.append(f"- **Tip {tip}**: " + (", ".join(f"`{r.id}`" for r in chosen) or "—"))
    lines += ["", "## The rules", ""]
    for rule in ordered:
        lines += _rule_section(rule)
    return "\n".join(lines)


def _rule_section(rule: Rule) -> list[str]:
    stages = ", ".join(rule.stage_ids) if rule.stages != "portfolio" else "portfolio"
    tips = ", ".join(str(t) for t in rule.tips) or "—"
    return [
        f"### `{rule.id}` — {rule.title}",
        "",
        f"- severity: **{rule.severity}**; stages: {stages}; source: {rule.source}; tips: {tips}",
        f"- why: {rule.rationale}",
        f"- next step: {rule.next_step}",
        *(
            [f"- not yet due while: {'; or '.join(p.not_due for p in rule.preconditions)}"]
            if rule.preconditions
            else []
        ),
        "",
    ]

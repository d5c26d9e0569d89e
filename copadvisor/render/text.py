"""The plain-text health report for people: per profile its stage and evidence, findings grouped by stage and
severity with their next steps, what is not recorded, and a summary line."""

from __future__ import annotations

import textwrap
from itertools import groupby

from tabulate import tabulate

from copadvisor.render import safe
from copadvisor.render.common import Group, groups, people_sections, summary_line
from copadvisor.render.style import RenderOptions, paint
from copadvisor.report import Report, Section

SEVERITY_COLOURS = {"high": "red", "medium": "yellow", "low": "cyan", "info": "blue"}


def render(report: Report, options: RenderOptions | None = None) -> str:
    style = options or RenderOptions()
    parts = [_section(section, style) for section in people_sections(report)]
    parts.extend(safe.problem(problem) for problem in report.errors)
    parts.append(summary_line(report))
    return safe.no_commands("\n\n".join(parts) + "\n")


def _section(profile: Section, style: RenderOptions) -> str:
    lines = [paint(safe.text(profile.title), "bold", style) + f"  {safe.text(profile.path)}"]
    if profile.errors:
        lines += [f"  {paint('error', 'red', style)} {safe.problem(problem)}" for problem in profile.errors]
        return "\n".join(lines)
    stage = profile.stage
    if stage is not None:
        declared = f" (declared: {stage.declared})" if stage.declared and stage.declared != stage.inferred else ""
        forced = f", checked as {stage.used}" if stage.used != stage.inferred else ""
        lines.append(f"  stage: {stage.inferred}{declared}{forced} — {safe.text(stage.evidence)}")
    if not profile.findings:
        lines.append("  no findings")
    for (stage_name, severity), group in groupby(groups(profile.findings), key=_heading):
        lines.append("")
        lines.append("  " + paint(f"{severity.upper()} — {stage_name} stage", SEVERITY_COLOURS[severity], style))
        lines.append(_table(list(group), style))
    lines.extend(_needs_data(profile, style))
    if profile.suppressed:
        lines.append(f"\n  {len(profile.suppressed)} finding(s) acknowledged in the profile and not shown.")
    return "\n".join(lines)


def _heading(group: Group) -> tuple[str, str]:
    return group.first.stage, group.first.severity


def _table(found: list[Group], style: RenderOptions) -> str:
    width = max(style.width - 40, 30)
    rows = [
        (
            safe.text(g.first.rule),
            textwrap.fill(safe.text(g.where), 30, break_on_hyphens=False, break_long_words=False),
            textwrap.fill(safe.text(g.message), width)
            + "\n"
            + textwrap.fill(f"→ {safe.text(g.first.next_step)}", width),
        )
        for g in found
    ]
    table = tabulate(rows, headers=("rule", "where", "finding and next step"), tablefmt="simple")
    return textwrap.indent(table, "  ")


def _needs_data(profile: Section, style: RenderOptions) -> list[str]:
    if not profile.unknowns:
        return []
    width = max(style.width - 40, 30)
    rows = []
    for unknown in profile.unknowns:
        needed = "; ".join(map(str, unknown.missing))
        where = safe.text(f"{unknown.location.path}:{unknown.location.line}")
        rows.append((safe.text(unknown.rule), where, textwrap.fill(safe.text(needed), width)))
    table = tabulate(rows, headers=("rule", "record it at", "what would settle it"), tablefmt="simple")
    return ["", "  " + paint("Needs data — not recorded yet", "bold", style), textwrap.indent(table, "  ")]

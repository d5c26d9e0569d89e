"""The plain-text health report for people: per profile its stage and evidence, findings grouped by stage and
severity with their next steps, what is not recorded, and a summary line."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

from copadvisor.render import safe
from copadvisor.render.common import (
    Group,
    groups,
    later_note,
    needed,
    people_sections,
    risks,
    rules_by_id,
    see_also,
    summary_line,
)
from copadvisor.render.layout import fits, table, wrap
from copadvisor.render.style import RenderOptions, paint
from copadvisor.report import Report, Section
from copadvisor.rulepack.model import Rule

SEVERITY_COLOURS = {"high": "red", "medium": "yellow", "low": "cyan", "info": "blue"}
FINDING_HEADERS = ("rule", "where", "finding and next step")
NEEDS_HEADERS = ("rule", "record it at", "what would settle it")


def render(report: Report, options: RenderOptions | None = None) -> str:
    style = options or RenderOptions()
    rules = rules_by_id(report)
    shown = people_sections(report)
    parts = [section_text(section, style, report.as_of, rules) for section in shown]
    parts.extend("\n".join(wrap(safe.problem(problem), style.width, "", "    ")) for problem in report.errors)
    parts.append("\n".join(wrap(summary_line(report, risks(shown, rules)), style.width, "", "    ")))
    return safe.no_commands("\n\n".join(parts) + "\n")


def section_text(profile: Section, style: RenderOptions, as_of: str, rules: Mapping[str, Rule] | None = None) -> str:
    """One section's part of the report (``render/stream.py`` writes each as it comes). Within a section, one
    layout for every table of a kind: a table for each, or (when one cannot fit) a list for each."""
    shown = groups(profile.findings, rules)
    found = _rows(shown)
    listed = (
        not fits(found, FINDING_HEADERS, style.width, "  "),
        not fits(_needs_rows(profile), NEEDS_HEADERS, style.width, "  "),
    )
    return _section(profile, shown, style, listed, later_note(profile, as_of))


def _section(
    profile: Section, shown: list[Group], style: RenderOptions, listed: tuple[bool, bool], later: str | None
) -> str:
    width = style.width
    where = f"  {safe.text(profile.path)}" if profile.path != profile.title else ""  # a path with no profile: once
    lines = wrap(paint(safe.text(profile.title), "bold", style) + where, width, "", "    ")
    if profile.errors:
        for problem in profile.errors:
            lines += wrap(f"{paint('error', 'red', style)} {safe.problem(problem)}", width, "  ", "      ")
        return "\n".join(lines)
    stage = profile.stage
    if stage is not None:
        declared = f" (declared: {stage.declared})" if stage.declared and stage.declared != stage.inferred else ""
        forced = f", checked as {stage.used}" if stage.used != stage.inferred else ""
        lines += wrap(f"stage: {stage.inferred}{declared}{forced} — {safe.text(stage.evidence)}", width, "  ", "    ")
    if later:
        lines += wrap(f"note: {later}", width, "  ", "    ")
    if not profile.findings:
        lines.append("  no findings")
    for (stage_name, severity), group in groupby(shown, key=_heading):
        lines.append("")
        lines.append("  " + paint(f"{severity.upper()} — {stage_name} stage", SEVERITY_COLOURS[severity], style))
        lines.append(table(_rows(list(group)), FINDING_HEADERS, width, "  ", as_list=listed[0]))
    if profile.unknowns:
        lines += ["", "  " + paint("Needs data", "bold", style)]
        lines.append(table(_needs_rows(profile), NEEDS_HEADERS, width, "  ", as_list=listed[1]))
    if profile.suppressed:
        lines.append("")
        lines += wrap(f"{len(profile.suppressed)} finding(s) acknowledged in the profile and not shown.", width, "  ")
    return "\n".join(lines)


def _heading(group: Group) -> tuple[str, str]:
    return group.first.stage, group.first.severity


def _rows(found: list[Group]) -> list[tuple[str, str, str]]:
    return [
        (
            safe.text(g.first.rule),
            safe.text(g.where),
            f"{safe.text(g.message)}\n→ {safe.text(g.next_step)}"
            + "".join(f"\n{safe.text(line)}" for line in see_also(g)),
        )
        for g in found
    ]


def _needs_rows(profile: Section) -> list[tuple[str, str, str]]:
    return [(safe.text(n.rule), safe.text(n.where), safe.text("; ".join(n.missing))) for n in needed(profile.unknowns)]

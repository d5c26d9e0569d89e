"""The plain-text health report for people: per profile its stage and evidence, findings grouped by stage and
severity with their next steps, what is not recorded, and a summary line."""

from __future__ import annotations

from itertools import groupby

from copadvisor.render import safe
from copadvisor.render.common import Group, groups, later_note, people_sections, summary_line
from copadvisor.render.layout import fits, table, wrap
from copadvisor.render.style import RenderOptions, paint
from copadvisor.report import Report, Section

SEVERITY_COLOURS = {"high": "red", "medium": "yellow", "low": "cyan", "info": "blue"}
FINDING_HEADERS = ("rule", "where", "finding and next step")
NEEDS_HEADERS = ("rule", "record it at", "what would settle it")


def render(report: Report, options: RenderOptions | None = None) -> str:
    style = options or RenderOptions()
    sections = people_sections(report)
    # One layout for every table of a kind: a table for each, or (when one cannot fit) a list for each.
    found = [row for section in sections for row in _rows(groups(section.findings))]
    needed = [row for section in sections for row in _needs_rows(section)]
    listed = (
        not fits(found, FINDING_HEADERS, style.width, "  "),
        not fits(needed, NEEDS_HEADERS, style.width, "  "),
    )
    parts = [_section(section, style, listed, later_note(section, report.as_of)) for section in sections]
    parts.extend("\n".join(wrap(safe.problem(problem), style.width, "", "    ")) for problem in report.errors)
    parts.append("\n".join(wrap(summary_line(report), style.width, "", "    ")))
    return safe.no_commands("\n\n".join(parts) + "\n")


def _section(profile: Section, style: RenderOptions, listed: tuple[bool, bool], later: str | None) -> str:
    width = style.width
    lines = wrap(paint(safe.text(profile.title), "bold", style) + f"  {safe.text(profile.path)}", width, "", "    ")
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
    for (stage_name, severity), group in groupby(groups(profile.findings), key=_heading):
        lines.append("")
        lines.append("  " + paint(f"{severity.upper()} — {stage_name} stage", SEVERITY_COLOURS[severity], style))
        lines.append(table(_rows(list(group)), FINDING_HEADERS, width, "  ", as_list=listed[0]))
    if profile.unknowns:
        lines += ["", "  " + paint("Needs data — not recorded yet", "bold", style)]
        lines.append(table(_needs_rows(profile), NEEDS_HEADERS, width, "  ", as_list=listed[1]))
    if profile.suppressed:
        lines.append("")
        lines += wrap(f"{len(profile.suppressed)} finding(s) acknowledged in the profile and not shown.", width, "  ")
    return "\n".join(lines)


def _heading(group: Group) -> tuple[str, str]:
    return group.first.stage, group.first.severity


def _rows(found: list[Group]) -> list[tuple[str, str, str]]:
    return [
        (safe.text(g.first.rule), safe.text(g.where), f"{safe.text(g.message)}\n→ {safe.text(g.first.next_step)}")
        for g in found
    ]


def _needs_rows(profile: Section) -> list[tuple[str, str, str]]:
    return [
        (
            safe.text(unknown.rule),
            safe.text(f"{unknown.location.path}:{unknown.location.line}"),
            safe.text("; ".join(map(str, unknown.missing))),
        )
        for unknown in profile.unknowns
    ]

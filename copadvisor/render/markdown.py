"""Markdown for a pull request or a governance paper: a summary table, then a section per profile."""

from __future__ import annotations

import re
from collections.abc import Mapping

from copadvisor.render import safe
from copadvisor.render.common import (
    groups,
    later_note,
    needed,
    people_sections,
    risks,
    rules_by_id,
    see_also,
    summary_line,
)
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report, Section
from copadvisor.rulepack.model import Rule
from copadvisor.terms import SEVERITIES_WORST_FIRST


def render(report: Report, options: RenderOptions | None = None) -> str:
    lines = head(report)
    shown = people_sections(report)
    rules = rules_by_id(report)
    lines += [_row(s) for s in shown]
    lines += ["", summary_line(report, risks(shown, rules)), ""]
    for problem in report.errors:
        lines.append(f"- error: {_code(safe.problem(problem))}")
    for section in shown:
        lines += _section(section, later_note(section, report.as_of), rules)
    return safe.no_commands("\n".join(lines).rstrip() + "\n")


def head(report: Report) -> list[str]:
    return [
        f"# copadvisor report (as of {report.as_of})",
        "",
        "| profile | stage | " + " | ".join(SEVERITIES_WORST_FIRST) + " | needs data | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]


def _cell(text: str) -> str:
    """Text from input in a cell, a heading or a sentence: inert as Markdown or HTML, as the sponsors' Markdown
    (no image, link or tag made from a CoP's name or folder)."""
    return safe.markdown(text)


def _piped(text: str) -> str:
    """Text for a code span in a table cell: only its pipes escaped (GitHub reads ``\\|`` as ``|`` there too)."""
    return safe.text(text).replace("|", "\\|")


def _code(text: str) -> str:
    """An inline code span that no backtick in ``text`` can close early (CommonMark: a longer fence)."""
    text = safe.text(text)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _row(profile: Section) -> str:
    counts = [sum(1 for f in profile.findings if f.severity == s) for s in SEVERITIES_WORST_FIRST]
    stage = profile.stage.used if profile.stage else ("portfolio" if profile.kind == "portfolio" else "—")
    cells = [
        _cell(profile.title),
        stage,
        *map(str, counts),
        str(profile.needs_data),
        str(len(profile.errors)),
    ]
    return "| " + " | ".join(cells) + " |"


def _section(profile: Section, later: str | None, rules: Mapping[str, Rule] | None = None) -> list[str]:
    lines = ["", f"## {_cell(profile.title)}", ""] + ([_code(profile.path)] if profile.path != profile.title else [])
    if profile.stage:
        lines += ["", f"Stage: **{profile.stage.used}** ({_cell(profile.stage.evidence)})."]
    if later:
        lines += ["", f"Note: {later}."]
    lines += [f"- error: {_code(safe.problem(problem))}" for problem in profile.errors]
    if profile.findings:
        lines += ["", "| severity | rule | where | finding | next step |", "|---|---|---|---|---|"]
        for g in groups(profile.findings, rules):
            row = (
                g.first.severity,
                _code(_piped(g.first.rule)),
                _code(_piped(g.where)),
                " ".join(_cell(text) for text in (g.message, *see_also(g))),
                _cell(g.next_step),
            )
            lines.append("| " + " | ".join(row) + " |")
    elif not profile.errors:
        lines += ["", "No findings."]
    if profile.unknowns:
        asks = (f"{_code(n.rule)} ({', '.join(n.missing)})" for n in needed(profile.unknowns))
        lines += ["", "Needs data: " + "; ".join(asks) + "."]
    return lines

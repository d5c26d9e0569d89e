"""The compact text of `lint`: one line per finding or error, `path:line:col: severity rule message`."""

from __future__ import annotations

from copadvisor.render import safe
from copadvisor.render.common import summary_line
from copadvisor.render.style import RenderOptions, paint
from copadvisor.render.text import SEVERITY_COLOURS
from copadvisor.report import Report, Section


def render(report: Report, options: RenderOptions | None = None) -> str:
    style = options or RenderOptions()
    lines = [safe.text(f"{problem.location}: error {problem.message}") for problem in report.errors]
    for section in report.sections:
        lines += section_lines(section, style)
    lines.append(summary_line(report))
    return safe.no_commands("\n".join(lines) + "\n")


def section_lines(section: Section, style: RenderOptions) -> list[str]:
    """A section's lines: its errors, then one line per finding (``render/stream.py`` writes them as they come)."""
    lines = [safe.text(f"{problem.location}: error {problem.message}") for problem in section.errors]
    for f in section.findings:
        severity = paint(f.severity, SEVERITY_COLOURS[f.severity], style)
        lines.append(f"{safe.text(str(f.location))}: {severity} {safe.text(f.rule)} {safe.text(f.message)}")
    return lines

"""The compact text of `lint`: one entry per finding or error, `path:line:col: severity rule message`: the run's
own errors, then each profile's entries sorted by file and line (the profiles in the order of their paths, the
portfolio last), wrapped to the width (a long message goes on under it, indented), then the summary line."""

from __future__ import annotations

from collections import Counter

from copadvisor.errors import Location
from copadvisor.render import safe
from copadvisor.render.common import summary_line
from copadvisor.render.layout import wrap
from copadvisor.render.style import RenderOptions, paint
from copadvisor.render.text import SEVERITY_COLOURS
from copadvisor.report import Report, Section


def render(report: Report, options: RenderOptions | None = None) -> str:
    style = options or RenderOptions()
    lines = head_lines(report, style)
    for section in report.sections:
        lines += section_lines(section, style)
    lines += end_lines(report, style)
    return safe.no_commands("\n".join(lines) + "\n")


def head_lines(report: Report, style: RenderOptions) -> list[str]:
    """The run's own problems (the config, a rule pack), sorted by file and line."""
    return _entries([(p.location, f"error {safe.text(p.message)}") for p in report.errors], style)


def section_lines(section: Section, style: RenderOptions) -> list[str]:
    """A section's lines, sorted by file and line: its errors and one entry per finding (``render/stream.py``
    writes them as each section comes; the sections come in the order of their paths)."""
    entries = [(p.location, f"error {safe.text(p.message)}") for p in section.errors]
    for f in section.findings:
        severity = paint(f.severity, SEVERITY_COLOURS[f.severity], style)
        entries.append((f.location, f"{severity} {safe.text(f.rule)} {safe.text(f.message)}"))
    return _entries(entries, style)


def end_lines(report: Report, style: RenderOptions) -> list[str]:
    return wrap(summary_line(report), style.width, "", "    ")


def _entries(entries: list[tuple[Location, str]], style: RenderOptions) -> list[str]:
    entries.sort(key=lambda entry: _place(entry[0]))  # stable: the report's order within one line
    width = style.width
    return [line for where, text in entries for line in wrap(f"{safe.text(str(where))}: {text}", width, "", "    ")]


def _place(location: Location) -> tuple[str, int, int]:
    return location.path, location.line, location.column


def statistics(report: Report, options: RenderOptions | None = None) -> str:
    """``lint --statistics``: the errors, if any, then one line per rule, ``COUNT RULE-ID TITLE``, the most
    frequent first (then by rule), and the summary line."""
    style = options or RenderOptions()
    counts = Counter(f.rule for _, f in report.findings())
    titles = {rule.id: rule.title for rule in report.rules}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    digits = max((len(str(n)) for n in counts.values()), default=1)
    longest = max((len(rule) for rule in counts), default=0)
    lines = error_lines(report, style)
    for rule, count in ranked:
        entry = f"{count:>{digits}} {safe.text(rule):<{longest}} {safe.text(titles.get(rule, ''))}".rstrip()
        lines += wrap(entry, style.width, "", " " * min(digits + longest + 2, style.width // 2))
    lines += wrap(summary_line(report), style.width, "", "    ")
    return safe.no_commands("\n".join(lines) + "\n")


def quiet(report: Report, options: RenderOptions | None = None) -> str:
    """``lint --quiet``: the summary line only, after the errors that stopped an input being evaluated (a red
    build always shows its reason)."""
    style = options or RenderOptions()
    return safe.no_commands("\n".join([*error_lines(report, style), *end_lines(report, style)]) + "\n")


def error_lines(report: Report, style: RenderOptions) -> list[str]:
    """The run's errors and each section's, as ``lint`` prints them: what exit code 2 is about."""
    lines = head_lines(report, style)
    for section in report.sections:
        lines += _entries([(p.location, f"error {safe.text(p.message)}") for p in section.errors], style)
    return lines

"""The plain-text report for people: per profile its stage, findings with next steps, and what is unknown."""

from __future__ import annotations

from copadvisor.render.json_format import summary
from copadvisor.report import ProfileReport, Report


def render(report: Report) -> str:
    lines: list[str] = []
    for profile in report.profiles:
        lines.extend(_profile(profile))
        lines.append("")
    for problem in report.errors:
        lines.append(str(problem))
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def _profile(profile: ProfileReport) -> list[str]:
    head = f"{profile.name or profile.slug} ({profile.path})"
    if profile.errors:
        return [head, *(f"  error: {p}" for p in profile.errors)]
    stage = profile.stage
    lines = [head]
    if stage is not None:
        declared = f"; declared {stage.declared}" if stage.declared and stage.declared != stage.inferred else ""
        lines.append(f"  stage: {stage.used} ({stage.evidence}{declared})")
    for finding in profile.findings:
        lines.append(f"  {finding.severity:<6} {finding.rule}  {finding.location}")
        lines.append(f"         {finding.message}")
        lines.append(f"         next: {finding.next_step}")
    for unknown in profile.unknowns:
        lines.append(f"  not recorded: {unknown.rule} needs {', '.join(unknown.missing)} ({unknown.location})")
    if not profile.findings:
        lines.append("  no findings")
    return lines


def _summary_line(report: Report) -> str:
    data = summary(report)
    counts = ", ".join(f"{n} {severity}" for severity, n in data["findings"].items())
    return f"{data['profiles']} profile(s), {data['with_errors']} with errors; findings: {counts}"

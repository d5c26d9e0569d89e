"""What every format for people shares: the summary line, worded from the report's one verdict."""

from __future__ import annotations

from copadvisor.report import Report, Section


def people_sections(report: Report) -> list[Section]:
    """The sections formats for people show: every profile, and the portfolio when it has something to say
    (a finding or an error; its rules passing is no news). Machine formats show every section."""
    return [s for s in report.sections if s.kind == "profile" or s.findings or s.errors]


def summary_line(report: Report) -> str:
    """``5 profile(s): 2 high, 1 medium; 3 check(s) need data; 0 with errors — fails at --fail-on high``."""
    v = report.verdict
    found = ", ".join(f"{n} {severity}" for severity, n in v.counts if n) or "no findings"
    if v.exit_code == 2:
        outcome = "could not evaluate every input"
    else:
        outcome = f"{'fails' if v.failing else 'passes'} at --fail-on {v.fail_on}"
    return f"{v.profiles} profile(s): {found}; {v.unknown} check(s) need data; {v.with_errors} with errors — {outcome}"

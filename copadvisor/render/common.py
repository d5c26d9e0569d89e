"""What every format for people shares: the summary line, worded from the report's one verdict."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from copadvisor.errors import Location
from copadvisor.report import Finding, Report, Section, Unknown
from copadvisor.terms import NATURAL_END


def people_sections(report: Report) -> list[Section]:
    """The sections formats for people show: every profile, and the portfolio when it has something to say
    (a finding or an error; its rules passing is no news). Machine formats show every section."""
    return [s for s in report.sections if shown_to_people(s)]


def shown_to_people(section: Section) -> bool:
    return section.kind == "profile" or bool(section.findings) or bool(section.errors)


def summary_line(report: Report) -> str:
    """``5 profile(s): 2 high, 1 medium; 3 check(s) need data; 0 with errors — fails at --fail-on high``."""
    v = report.verdict
    found = ", ".join(f"{n} {severity}" for severity, n in v.counts if n) or "no findings"
    if v.exit_code == 2:
        outcome = "could not evaluate every input"
    else:
        outcome = f"{'fails' if v.failing else 'passes'} at --fail-on {v.fail_on}"
    absent = f"; {v.not_found} path(s) with no profile" if v.not_found else ""
    return (
        f"{v.profiles} profile(s): {found}; {v.unknown} check(s) need data; {v.with_errors} with errors{absent}"
        f" — {outcome}"
    )


def later_note(section: Section, as_of: str) -> str | None:
    """``1 event after 2026-01-01 was not considered`` (events dated after the as-of date), or ``None``."""
    n = section.later_events
    if not n:
        return None
    return f"{n} event{'s' if n > 1 else ''} after {as_of} {'were' if n > 1 else 'was'} not considered"


@dataclass(frozen=True)
class Group:
    """One rule's findings in one section, shown once to people (SPEC §4, "One finding, many places")."""

    findings: tuple[Finding, ...]  # of one rule, in report order

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def where(self) -> str:
        """``cop.yaml:12``; for several, ``events.yaml:3, 5 and 9``, file by file."""
        return places(finding.location for finding in self.findings)

    @property
    def message(self) -> str:
        """The finding's message; for several, how many, what each is about (the roles, the sessions' dates),
        and the first of them: a row must not hide the other roles or dates behind its first."""
        if self.count == 1:
            return self.first.message
        labels = [label(finding.subject) for finding in self.findings]
        if any(text is None for text in labels):
            return f"{self.count} times; the first: {self.first.message}"
        named = list(dict.fromkeys(text for text in labels if text is not None))
        if len(named) > MAX_NAMED:
            named = [*named[: MAX_NAMED - 1], f"{len(named) - MAX_NAMED + 1} more"]
        return f"{self.count} times ({_and(named)}); the first: {self.first.message}"


MAX_NAMED = 8  # what a group's row names before it says "and N more"


def label(subject: tuple[str, ...]) -> str | None:
    """What one finding is about, in a few words (``chair``, ``2026-05-12``), or None when its subject has no
    short name (a person id is never one: the subject holds none)."""
    match subject:
        case ("role", role):
            return role  # as cop.yaml spells it (roles.co_convener)
        case ("session", _, date) | ("role_change", _, date) | ("task", date):
            return date
        case ("gap", start, "open"):
            return f"since {start}"
        case ("gap", start, end):
            return f"{start} to {end}"
    return None


def groups(findings: Sequence[Finding]) -> list[Group]:
    """The findings of each rule together, the natural-end finding first (SPEC §4), then in report order."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    ordered = [Group(tuple(group)) for group in by_rule.values()]
    return sorted(ordered, key=lambda g: g.first.rule != NATURAL_END)  # stable: report order otherwise


@dataclass(frozen=True)
class Needed:
    """One rule's unknowns in one section, shown once to people: where, and what to record."""

    rule: str
    where: str
    missing: tuple[str, ...]


def needed(unknowns: Sequence[Unknown]) -> list[Needed]:
    """The unknowns of a section, one per rule in report order: one ask, not one row per meeting."""
    by_rule: dict[str, list[Unknown]] = {}
    for unknown in unknowns:
        by_rule.setdefault(unknown.rule, []).append(unknown)
    return [
        Needed(
            rule,
            places(u.location for u in same),
            tuple(dict.fromkeys(str(record) for u in same for record in u.missing)),
        )
        for rule, same in by_rule.items()
    ]


def places(locations: Iterable[Location]) -> str:
    """``cop.yaml:12``; for several, ``events.yaml:3, 5 and 9``, file by file."""
    lines: dict[str, list[int]] = {}
    for location in locations:
        lines.setdefault(location.path, []).append(location.line)
    return "; ".join(f"{path}:{_and(sorted(set(numbers)))}" for path, numbers in lines.items())


def _and(items: Sequence[object]) -> str:
    words = [str(n) for n in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

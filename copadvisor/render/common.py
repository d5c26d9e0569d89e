"""What every format for people shares: the summary line, worded from the report's one verdict."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from copadvisor.errors import Location
from copadvisor.facts.base import Value, plain
from copadvisor.report import Finding, Report, Section, Unknown
from copadvisor.rulepack import PLACEHOLDER
from copadvisor.rulepack.model import Rule, Variant
from copadvisor.terms import NATURAL_END


def people_sections(report: Report) -> list[Section]:
    """The sections formats for people show: every profile, and the portfolio when it has something to say
    (a finding or an error; its rules passing is no news). Machine formats show every section."""
    return [s for s in report.sections if shown_to_people(s)]


def shown_to_people(section: Section) -> bool:
    return section.kind == "profile" or bool(section.findings) or bool(section.errors)


def risks(sections: Iterable[Section], rules: Mapping[str, Rule] | None = None) -> Counter[str]:
    """Risks by severity as people's formats show them: one per row, a rule once per profile however many places
    it was found at (SPEC §4, "One finding, many places"), and a rule shown under another (its `shown_with`) in
    that row; a row's severity is its heading's, the first finding's."""
    return Counter(g.first.severity for s in sections for g in groups(s.findings, rules))


def summary_line(report: Report, shown: Counter[str] | None = None) -> str:
    """``5 profile(s): 2 high, 1 medium; 3 check(s) need data; 0 with errors — fails at --fail-on high``. With
    ``shown`` (the rows people's formats show, see ``risks``), a count of risks that differs from the count by
    place says both: ``2 high, 3 low risks (9 findings by place: 4 high, 5 low)``."""
    v = report.verdict
    found = ", ".join(f"{n} {severity}" for severity, n in v.counts if n) or "no findings"
    if shown is not None and sum(shown.values()) != sum(n for _, n in v.counts):
        worded = ", ".join(f"{shown[severity]} {severity}" for severity, _ in v.counts if shown[severity])
        noun = "risk" if sum(shown.values()) == 1 else "risks"
        found = f"{worded} {noun} ({sum(n for _, n in v.counts)} findings by place: {found})"
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
    rule: Rule | None = None  # for its `message_many` and `next_step_many`
    also: tuple[Group, ...] = ()  # the rules shown with this one (their `shown_with`): "see also" lines

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def counted(self) -> int:
        """The findings this row stands for, those shown with it included (what the summary line counts)."""
        return self.count + sum(g.counted for g in self.also)

    @property
    def where(self) -> str:
        """``cop.yaml:12``; for several, ``events.yaml:3, 5 and 9``, file by file."""
        return places(finding.location for finding in self.findings)

    @property
    def message(self) -> str:
        """The finding's message; for several, the rule's `message_many` (the pattern), else how many, what
        each is about (the roles, the sessions' dates), and the first of them: a row must not hide the other
        roles or dates behind its first."""
        if self.count == 1:
            return self.first.message
        if self.rule is not None and (many := fill(self.rule.many_variants, self)) is not None:
            # The pattern keeps the evidence that raised the findings' severity, when they all share it.
            reasons = {finding.because for finding in self.findings}
            return f"{many} {reasons.pop()}" if len(reasons) == 1 and "" not in reasons else many
        labels = [label(finding.subject) for finding in self.findings]
        if any(text is None for text in labels):
            return f"{self.count} times; the first: {self.first.message}"
        return f"{self.count} times ({self.subjects}); the first: {self.first.message}"

    @property
    def next_step(self) -> str:
        """The finding's next step; for several, the rule's `next_step_many` when it has one that fits."""
        if self.count > 1 and self.rule is not None:
            many = fill(self.rule.next_step_many_variants, self)
            if many is not None:
                return many
        return self.first.next_step

    @property
    def subjects(self) -> str:
        """What the findings are about, once each (``chair, tech and co_convener``; beyond eight, "and N more")."""
        named = list(dict.fromkeys(text for f in self.findings if (text := label(f.subject)) is not None))
        if len(named) > MAX_NAMED:
            named = [*named[: MAX_NAMED - 1], f"{len(named) - MAX_NAMED + 1} more"]
        return _and(named)

    def placeholders(self) -> dict[str, str]:
        """The group's words for a `message_many` (GROUP_PLACEHOLDERS): each is left out when it cannot be
        said truthfully of every finding (a fact that differs between them, a finding with no short subject)."""
        words = {"count": str(self.count), "stage": self.first.stage}
        kinds = [f.subject[0] for f in self.findings if f.subject]
        for kind in (*(c.on for c in self.rule.clauses), *kinds) if self.rule is not None else kinds:
            words[f"count.{kind}"] = str(kinds.count(kind))
        if all(label(f.subject) is not None for f in self.findings):
            words["subjects"] = self.subjects
        dates = sorted(part for f in self.findings for part in f.subject if _DATE.fullmatch(part))
        if dates:
            words["first_date"], words["last_date"] = dates[0], dates[-1]
        carried: dict[str, list[Value]] = {}
        for finding in self.findings:
            for name, value in finding.values:
                carried.setdefault(name, []).append(value)
        for name, values in carried.items():
            if any(value is None for value in values):
                continue  # not recorded somewhere: never "not recorded" in a sentence about them all
            if len(set(values)) == 1:
                words[name] = plain(values[0])
            low, high = min(values, key=_order), max(values, key=_order)
            words[f"range.{name}"] = plain(low) if low == high else f"{plain(low)}–{plain(high)}"
        return words


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _order(value: Value) -> tuple[int, object]:
    """Numbers by size, dates by time, text alphabetically: the ends of a `range.FACT`."""
    if isinstance(value, bool) or value is None:
        return (2, str(value))
    if isinstance(value, int | float):
        return (0, value)
    return (1, str(value))


def fill(variants: Sequence[Variant], group: Group) -> str | None:
    """The first variant whose `when` holds over the group and whose placeholders the group can all fill; None
    when none can (the caller then says how many and the first)."""
    if not variants:
        return None
    words = group.placeholders()
    subjects = {text for f in group.findings if (text := label(f.subject)) is not None}
    for variant in variants:
        if not all(_holds(name, value, words, subjects) for name, value in (variant.when or {}).items()):
            continue
        names = PLACEHOLDER.findall(variant.message)
        if all(name in words for name in names):
            return PLACEHOLDER.sub(lambda m: words[m.group(1)], variant.message)
    return None


def _holds(name: str, value: str | int | bool | list[str], words: dict[str, str], subjects: set[str]) -> bool:
    if name == "subjects":
        return all(item in subjects for item in (value if isinstance(value, list) else [str(value)]))
    return name in words and words[name] in (value if isinstance(value, list) else [plain(value)])


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


def groups(findings: Sequence[Finding], rules: Mapping[str, Rule] | None = None) -> list[Group]:
    """The findings of each rule together, the natural-end finding first (SPEC §4), then in report order.

    With ``rules`` (by id), a rule's `message_many` words several of its findings, and a rule with `shown_with`
    is shown under the first of those rules that has findings here, as a "see also", not as a row of its own."""
    rules = rules or {}
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    hosts = {rule: _host(rule, rules, by_rule) for rule in by_rule}
    made: dict[str, Group] = {}

    def group(rule: str) -> Group:
        if rule not in made:
            also = tuple(group(other) for other in by_rule if hosts[other] == rule)
            made[rule] = Group(tuple(by_rule[rule]), rules.get(rule), also)
        return made[rule]

    ordered = [group(rule) for rule in by_rule if hosts[rule] is None]
    return sorted(ordered, key=lambda g: g.first.rule != NATURAL_END)  # stable: report order otherwise


def _host(rule: str, rules: Mapping[str, Rule], found: Mapping[str, object]) -> str | None:
    """The first rule of ``rule``'s `shown_with` that has findings here (the packs forbid circles)."""
    known = rules.get(rule)
    return next((other for other in known.shown_with if other in found), None) if known else None


def see_also(group: Group) -> list[str]:
    """The "see also" lines under a row: each rule shown with it (its `shown_with`), its severity, where and
    what it found, the same cause told once (its next step is the row's)."""
    lines = []
    for other in group.also:
        lines.append(f"See also {other.first.rule} ({other.first.severity}, {other.where}): {other.message}")
        lines += see_also(other)
    return lines


def rules_by_id(report: Report) -> dict[str, Rule]:
    """The rules of a run by id, for ``groups``."""
    return {rule.id: rule for rule in report.rules}


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

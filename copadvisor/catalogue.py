"""Generated documentation: the fact vocabulary, the rule catalogue and the field reference, as Markdown.

``docs/facts.md``, ``docs/rules.md`` and ``docs/profile.md`` are written from these (``copadvisor rules docs``)
and a test fails when they are out of date, so the docs never drift from the code and the rule files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from copadvisor.facts import VOCABULARY
from copadvisor.facts.records import Record, record_of
from copadvisor.model import EVENT_TYPES
from copadvisor.rulepack import LoadedRule
from copadvisor.rulepack.condition import facts_of
from copadvisor.rulepack.condition import parse as parse_condition
from copadvisor.rulepack.model import Rule
from copadvisor.scaffold import template_examples
from copadvisor.schema import events_schema, profile_schema
from copadvisor.terms import STAGES
from copadvisor.thresholds import Thresholds

KIND_NOTES = {
    "profile": "One per profile: profile-level values and cross-event summaries.",
    "session": "One per launch or meeting event on or before the as-of date.",
    "gap": "One per gap between consecutive sessions, and one from the last session to the as-of date.",
    "role": "One per role of the seed's table, filled or not.",
    "role_change": "One per `role_change` event.",
    "sponsor": "One per entry of `sponsors`.",
    "task": "One per `task_proposed` event.",
    "acknowledged_risk": "One per entry of `acknowledged_risks`; rules on these run after all others.",
}


def facts_markdown() -> str:
    lines = [
        "# Fact vocabulary",
        "",
        "Generated from `copadvisor/facts/` by `copadvisor rules docs`; do not edit by hand.",
        "A value that is not recorded is absent: a test of it is *unknown*, `exists: false` holds.",
        "",
    ]
    for kind, fields in VOCABULARY.items():
        lines += [f"## `{kind}`", "", KIND_NOTES.get(kind, ""), "", "| fact | type | meaning |", "|---|---|---|"]
        for name, field in fields.items():
            values = f" ({', '.join(field.values)})" if field.values else ""
            lines.append(f"| `{name}` | {field.type} | {field.description}{values} |")
        lines.append("")
    return "\n".join(lines)


def rules_markdown(rules: Sequence[LoadedRule]) -> str:
    ordered = sorted((r.rule for r in rules), key=lambda r: r.id)
    lines = [
        "# Rule catalogue",
        "",
        "Generated from the rule packs in `rules/` by `copadvisor rules docs`; do not edit by hand.",
        f"{len(ordered)} rules. Severity: info < low < medium < high.",
        "",
        "## By stage",
        "",
    ]
    for stage in (*STAGES, "portfolio"):
        chosen = [r for r in ordered if stage in r.stage_ids or r.stages == stage]
        lines += [f"### {stage}", "", *(f"- `{r.id}` ({r.severity}): {r.title}" for r in chosen), ""]
    lines += ["## By top tip of the seed report", ""]
    for tip in range(1, 15):
        chosen = [r for r in ordered if tip in r.tips]
        lines.append(f"- **Tip {tip}**: " + (", ".join(f"`{r.id}`" for r in chosen) or "—"))
    lines += ["", "## The rules", ""]
    for rule in ordered:
        lines += _rule_section(rule)
    return "\n".join(lines)


def _rule_section(rule: Rule) -> list[str]:
    stages = ", ".join(rule.stage_ids) if rule.stages != "portfolio" else "portfolio"
    tips = ", ".join(str(t) for t in rule.tips) or "—"
    return [
        f"### `{rule.id}` — {rule.title}",
        "",
        f"- severity: **{rule.severity}**; stages: {stages}; source: {rule.source}; tips: {tips}",
        f"- why: {rule.rationale}",
        f"- next step: {rule.next_step}",
        *(f"- {e.severity} when: {e.because}" for e in rule.escalations),
        f"- what a sponsor can offer: {rule.sponsor_words}",
        *([f"- shown with: {', '.join(f'`{r}`' for r in rule.shown_with)}"] if rule.shown_with else []),
        *(
            [f"- not yet due while: {'; or '.join(p.not_due for p in rule.preconditions)}"]
            if rule.preconditions
            else []
        ),
        "",
    ]


# --- the field reference (docs/profile.md) ----------------------------------------------------------------------

COMMON_FIELDS = ("type", "date", "notes")  # every event's, described once above the event types
EVENT_NAMED = re.compile(r"`([a-z_]+)`|\b([a-z_]+) events?\b")
QUOTED = re.compile(r"`([a-z_]+)`")
FIELD_PATH = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\b")


@dataclass(frozen=True)
class FieldRow:
    path: str  # `convener.trained`, `people[].kinds`; for an event, the field's name (`minutes`)
    kind: str  # in words: text, number ≥ 0, one of …, list of …
    meaning: str
    example: str


def profile_markdown(rules: Sequence[LoadedRule]) -> str:
    """The field reference: every field of cop.yaml and every event type with its fields, each with its meaning
    (the model's description), its type (from the JSON Schema), an example (from `copadvisor init`'s templates)
    and the rules that read it (through the facts they read: see `copadvisor.facts.records`)."""
    profile_example, events_example = template_examples()
    readers = _readers(rules)
    lines = [
        "# The profile and its events: a field reference",
        "",
        "Generated from the model (`copadvisor/model.py`), the templates of `copadvisor init` and the rule packs by",
        "`copadvisor rules docs`; do not edit by hand. Every field but `copadvisor` and `name` is optional: absent",
        "means *not recorded*, which is not the same as false or zero. People are short ids (initials or",
        "pseudonyms), never names. Editors that read the JSON Schema (`copadvisor schema`) show the same meanings.",
        "",
        "## `cop.yaml`",
        "",
        "| field | type | meaning | example | read by |",
        "|---|---|---|---|---|",
    ]
    schema = profile_schema()
    for row in _rows(schema, schema, "", profile_example):
        lines.append(_line(row, readers.get(row.path, ())))
    lines += ["", "## `events.yaml`: a list of events", ""]
    lines += [
        "Each event has `date` (YYYY-MM-DD, required) and `type` (required), and may have `notes` (never shown",
        "in the sponsors' report). Events dated after the as-of date are not considered.",
        "",
    ]
    events = events_schema()
    by_type = {e["type"]: e for e in events_example}
    for name, cls in EVENT_TYPES.items():
        definition = events["$defs"][cls.__name__]
        lines += [f"### `{name}`", "", _one_line(definition.get("description", "")), ""]
        lines += [f"Read by: {_rule_list(readers.get('events: ' + name, ()))}.", ""]
        rows = [r for r in _rows(events, definition, "", by_type.get(name, {})) if r.path not in COMMON_FIELDS]
        if rows:
            lines += ["| field | type | meaning | example | read by |", "|---|---|---|---|---|"]
            lines += [_line(r, readers.get(f"events: {name}.{r.path}", ())) for r in rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _rows(root: dict[str, Any], node: dict[str, Any], prefix: str, example: Any) -> list[FieldRow]:
    rows: list[FieldRow] = []
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        value = example.get(name) if isinstance(example, dict) else None
        target = _resolve(root, prop)
        inner = _resolve(root, target.get("items", {})) if target.get("type") == "array" else {}
        kind = "list of events (see below)" if name == "events" else _kind(root, target)
        shown = "" if "properties" in target else _example(value)
        rows.append(FieldRow(path, kind, _one_line(prop.get("description", "")), shown))
        if "properties" in target:
            rows += _rows(root, target, f"{path}.", value)
        elif "properties" in inner and name != "events":
            first = value[0] if isinstance(value, list) and value else None
            rows += _rows(root, inner, f"{path}[].", first)
    return rows


def _resolve(root: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    """The schema of a property with its `null` alternative and its `$ref` resolved."""
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    chosen: dict[str, Any] = options[0] if len(options) == 1 else {"anyOf": options}
    ref = chosen.get("$ref")
    if isinstance(ref, str):
        return dict(root["$defs"][ref.rsplit("/", 1)[1]])
    return chosen


def _kind(root: dict[str, Any], prop: dict[str, Any]) -> str:
    if "anyOf" in prop or "oneOf" in prop:
        return " or ".join(_kind(root, _resolve(root, p)) for p in prop.get("anyOf", prop.get("oneOf", [])))
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _kind(root, _resolve(root, prop.get("items", {})))
    if kind == "object" and "properties" in prop:
        return "section"
    if kind == "object":
        keys = prop.get("propertyNames", {})
        key = ("`" + "`, `".join(keys["enum"]) + "`") if "enum" in keys else "text"
        return f"map of {key} to {_kind(root, _resolve(root, prop.get('additionalProperties', {})))}"
    words = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}
    text = "date" if prop.get("format") == "date" else words.get(str(kind), str(kind))
    low = prop.get("minimum", prop.get("exclusiveMinimum"))
    return f"{text} {'>' if 'exclusiveMinimum' in prop else '≥'} {low:g}" if low is not None else text


def _example(value: Any) -> str:
    if value is None:
        return ""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000, sort_keys=False).strip()
    return f"`{text.removesuffix('...').strip()}`"


def _line(row: FieldRow, rules: Sequence[str]) -> str:
    return f"| `{row.path}` | {row.kind} | {_cell(row.meaning)} | {row.example} | {_rule_list(rules)} |"


def _rule_list(rules: Sequence[str]) -> str:
    return ", ".join(f"[`{r}`](rules.md#{r.replace('.', '')})" for r in rules) or "—"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _readers(rules: Sequence[LoadedRule]) -> dict[str, tuple[str, ...]]:
    """Record key (`convener.trained`, `events: meeting`, `events: meeting.minutes`) → the rules that read it: the
    records of the facts each rule's conditions read, the field paths named in those facts' meanings, and those
    its messages name (`between_meetings.channels`)."""
    found: dict[str, set[str]] = defaultdict(set)
    for loaded in rules:
        rule = loaded.rule
        conditions = [(c.on, c.when) for c in rule.clauses]
        conditions += [(rule.precondition_kind, part.when) for part in rule.preconditions]
        words = [rule.message, *(c.message or "" for c in rule.clauses)]
        for kind, when in conditions:
            for fact in facts_of(parse_condition(when, VOCABULARY[kind], Thresholds())):
                record = record_of(kind, fact)
                keys = _record_keys(record) if record else []
                words.append(VOCABULARY[kind][fact].description)
                for key in keys:
                    found[key].add(rule.id)
        for key in _named_paths(" ".join(words)):
            found[key].add(rule.id)
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def _record_keys(record: Record) -> list[str]:
    if record.path:
        return [record.path.replace("sponsors.", "sponsors[].").replace("acknowledged_risks.", "acknowledged_risks[].")]
    return [f"events: {t}" + (f".{record.field}" if record.field else "") for t in record.events]


def _named_paths(text: str) -> set[str]:
    """The field paths of cop.yaml and event types a text names."""
    known = _known_paths()
    named = {known[word] for word in FIELD_PATH.findall(text) if word in known}
    # A plain word (`people`, `roles`) is a field only when quoted as code: unquoted, it is just English.
    fields = _field_paths()
    named |= {fields[word] for word in QUOTED.findall(text) if word in fields}
    types = {a or b for a, b in EVENT_NAMED.findall(text)}
    return named | {f"events: {t}" for t in types if t in EVENT_TYPES}


def _field_paths() -> dict[str, str]:
    """Every field path of cop.yaml, without its `[]`, to the path as the reference spells it."""
    schema = profile_schema()
    return {row.path.replace("[]", ""): row.path for row in _rows(schema, schema, "", {})}


def _known_paths() -> dict[str, str]:
    paths = {plain: path for plain, path in _field_paths().items() if "." in plain or "_" in plain}
    paths.update({name: f"events: {name}" for name in EVENT_TYPES if "_" in name})
    return paths

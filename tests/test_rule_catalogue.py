"""The built-in catalogue as a whole: it encodes the guidance (every top tip, every topic of the brief), each
rule is complete, and every rule's examples hold with both engines."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from copadvisor.engine import available_engines
from copadvisor.facts import VOCABULARY
from copadvisor.pipeline import Options, Prepared, prepare
from copadvisor.rulepack import LoadedRule, builtin_rules_dir, load_rules
from copadvisor.ruletest import run_examples

RULES: tuple[LoadedRule, ...] = load_rules([builtin_rules_dir()])
BY_ID = {rule.id: rule for rule in RULES}
TIPS = range(1, 15)
# The seven topics of the brief, as rule topic names.
BRIEF_TOPICS = (
    "domain",  # a clear domain
    "meetings",  # meetings of at least two hours
    "convener",  # convener time
    "succession",
    "ebe-funding",  # funding for Experts by Experience
    "delegated-tasks",  # resisting delegated tasks
    "natural-endings",
)
ENGINES = ("durable", "python")
_PREPARED: dict[str, Prepared] = {}


def prepared(engine: str) -> Prepared:
    if engine not in available_engines():
        pytest.skip(f"the {engine} engine is not available here")
    if engine not in _PREPARED:
        _PREPARED[engine] = prepare(Options(as_of=dt.date(2026, 1, 1), engine=engine))
    return _PREPARED[engine]


@pytest.mark.parametrize("tip", TIPS)
def test_every_top_tip_is_covered(tip: int) -> None:
    assert [r.id for r in RULES if tip in r.rule.tips], f"no built-in rule cites seed tip {tip}"


@pytest.mark.parametrize("topic", BRIEF_TOPICS)
def test_every_topic_of_the_brief_is_covered(topic: str) -> None:
    assert [r.id for r in RULES if topic in r.rule.topics], f"no built-in rule has the topic {topic!r}"


def test_the_catalogue_has_at_least_fifty_rules() -> None:
    assert len(RULES) >= 50, len(RULES)


@pytest.mark.parametrize("rule_id", sorted(BY_ID))
def test_every_rule_is_complete(rule_id: str) -> None:
    rule = BY_ID[rule_id].rule
    assert rule.examples.fail, "no failing example"
    assert rule.examples.pass_, "no passing example"
    assert rule.source.strip(), "no source"
    assert rule.checklist, "no checklist wording"
    assert rule.checklist.strip(), "a blank checklist wording"
    for text in (rule.title, rule.checklist, rule.message, rule.rationale, rule.next_step):
        assert "EbE" not in text, f"spell out 'Experts by Experience': {text!r}"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("rule_id", sorted(BY_ID))
def test_every_example_holds(rule_id: str, engine: str) -> None:
    results = run_examples(prepared(engine), [BY_ID[rule_id]])
    assert results, "no examples ran"
    failures = [
        f"{r.location}: {r.description}: expected {r.expected}, got {r.got}" + (f" ({r.detail})" if r.detail else "")
        for r in results
        if not r.ok
    ]
    assert not failures, "\n".join(failures)


# SPEC §4, "Evidence, not vacuous passes": a rule's precondition comes with a plain reason the checklist shows
# as "Not yet: <reason>.", so the reason is a fragment of a sentence in lower case, with no full stop. A
# placeholder is measured as a value of its type: a date of 10 characters, a number of 4 (`{launch_attendance}`).
_FILLED = re.compile(r"\{([^{}]*)\}")
_STAND_IN = {"date": "2026-01-01", "number": "1234", "bool": "yes", "text": "a value"}


def _filled(template: str) -> str:
    fields = VOCABULARY["profile"]
    return _FILLED.sub(lambda m: _STAND_IN[fields[m[1]].type] if m[1] in fields else "1234", template)


WITH_PRECONDITION = sorted(rule_id for rule_id, loaded in BY_ID.items() if loaded.rule.applies_when is not None)


def test_many_rules_state_a_precondition() -> None:
    assert len(WITH_PRECONDITION) >= 30, WITH_PRECONDITION


@pytest.mark.parametrize("rule_id", WITH_PRECONDITION)
def test_a_rule_with_a_precondition_has_a_not_due_example(rule_id: str) -> None:
    assert BY_ID[rule_id].rule.examples.not_due, "applies_when without a `not_due` example"


@pytest.mark.parametrize("rule_id", WITH_PRECONDITION)
def test_not_due_reasons_are_plain_fragments(rule_id: str) -> None:
    for part in BY_ID[rule_id].rule.preconditions:
        _a_plain_fragment(part.not_due)


def _a_plain_fragment(template: str) -> None:
    reason = _filled(template)
    assert reason, "a blank reason"
    assert reason == reason.strip(), f"a padded reason: {reason!r}"
    assert reason[0].islower(), f"start the reason in lower case: {reason!r}"
    assert not reason.endswith((".", "!", "?", ";", ":")), f"no full stop at the end: {reason!r}"
    assert len(reason) <= 80, f"keep the reason within 80 characters: {reason!r} ({len(reason)})"
    assert "\n" not in reason, f"one line: {reason!r}"
    assert "_" not in reason, f"plain words, not field names: {reason!r}"


def _pack_entry(loaded: LoadedRule) -> str:
    """The rule's own lines in its pack, comments included (the model does not keep comments)."""
    with open(loaded.location.path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()[loaded.location.line - 1 :]
    end = next((i for i, line in enumerate(lines[1:], 1) if line.lstrip().startswith("- id:")), len(lines))
    return re.sub(r"\s*\n\s*#\s*", " ", "\n".join(lines[:end]))  # a comment over several lines, as one


@pytest.mark.parametrize("rule_id", sorted(BY_ID))
def test_every_kind_of_example_or_a_reason_why_not(rule_id: str) -> None:
    """Issue 11: every rule has examples that must fail, pass, be unknown and be not due; where one of these
    cannot happen, a comment on the rule says why (``# No `unknown` example: …``)."""
    loaded = BY_ID[rule_id]
    examples = loaded.rule.examples
    entry = _pack_entry(loaded)
    for kind, given in (("unknown", examples.unknown), ("not_due", examples.not_due)):
        assert given or f"No `{kind}` example" in entry, f"no `{kind}` example, and no comment saying why"

"""The built-in catalogue as a whole: it encodes the guidance (every top tip, every topic of the brief), each
rule is complete, and every rule's examples hold with both engines."""

from __future__ import annotations

import datetime as dt

import pytest

from copadvisor.engine import available_engines
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

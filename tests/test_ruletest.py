"""Every rule's examples run (``copadvisor.ruletest``): the outcome each example's list names, located in its pack."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from copadvisor.errors import Location
from copadvisor.pipeline import Options, prepare
from copadvisor.rulepack import load_rules
from copadvisor.ruletest import ExampleResult, run_examples

PACK = """\
copadvisor-rules: 1
rules:
  - id: local.short
    title: Short meetings
    stages: all
    severity: low
    source: test
    when: {planned_minutes: {lt: 90}}
    message: Short.
    rationale: r
    next_step: n
    examples:
      fail:
        - profile: {practicalities: {meeting_minutes: 60}}
          findings: 2
      pass:
        - description: long enough
          profile: {practicalities: {meeting_minutes: 90}}
        - description: a wrong example
          profile: {practicalities: {meeting_minutes: 30}}
      unknown:
        - profile: {}
        - description: a profile that does not validate
          profile: {practicalities: {meeting_minutes: sixty}}
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[ExampleResult]:
    folder = tmp_path_factory.mktemp("ruletest") / "rules"
    folder.mkdir()
    (folder / "pack.yaml").write_text(textwrap.dedent(PACK), encoding="utf-8")
    rules = load_rules([str(folder)])
    prepared = prepare(Options(as_of=dt.date(2026, 1, 1), rule_dirs=(str(folder),), engine="python"))
    return run_examples(prepared, rules)


def test_each_example_with_its_outcome_and_place(results: list[ExampleResult]) -> None:
    got = [(r.expected, r.got, r.description, r.location.line, r.ok) for r in results]
    assert got == [
        ("fail", "fail", "fail example 1", 14, False),  # one finding, not the two it says
        ("pass", "pass", "long enough", 17, True),
        ("pass", "fail", "a wrong example", 19, False),
        ("unknown", "unknown", "unknown example 1", 22, True),
        ("unknown", "error", "a profile that does not validate", 23, False),
    ]


def test_the_details_of_what_went_wrong(results: list[ExampleResult]) -> None:
    first, *_, last = results
    assert first.detail == "expected 2 finding(s), got 1"
    pack = first.location.path
    assert pack.endswith("rules/pack.yaml")
    # located inside the pack, at the example's value
    assert last.detail == f"{pack}:24:55: practicalities.meeting_minutes: should be a whole number (got 'sixty')"


def test_ok_needs_the_outcome_and_no_detail() -> None:
    where = Location("p.yaml")
    assert ExampleResult("r.a", "pass", "pass", where, "d").ok
    assert not ExampleResult("r.a", "pass", "fail", where, "d").ok
    assert not ExampleResult("r.a", "fail", "fail", where, "d", detail="expected 2 finding(s), got 1").ok

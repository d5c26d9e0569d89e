"""Rule packs: loading with located errors, and the built-in catalogue's own integrity."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.rulepack import builtin_rules_dir, compile_rules, load_rules
from copadvisor.thresholds import Thresholds

GOOD = """\
copadvisor-rules: 1
rules:
  - id: local.no-statement
    title: No statement
    stages: all
    severity: high
    source: seed tip 1
    when: {domain_statement_recorded: false}
    message: There is no domain statement.
    rationale: A clear domain is the starting point.
    next_step: Write one sentence on the problem the CoP is for.
    examples:
      fail: [{profile: {}}]
      pass: [{profile: {domain: {statement: Outreach practice}}}]
"""


def pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> str:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return str(folder)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rules([pack(tmp_path, text)])
    return [str(p).split("rules/pack.yaml:", 1)[1] for p in caught.value.problems]


def test_a_good_pack_loads(tmp_path: Path) -> None:
    [rule] = load_rules([pack(tmp_path, GOOD)])
    assert rule.id == "local.no-statement"
    assert rule.location.line == 3


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    title: No statement\n",
            "    titel: No statement\n",
            "4:5: rules[1].titel: unknown key; did you mean 'title'?",
        ),
        (
            "severity: high",
            "severity: severe",
            "6:15: rules[1].severity: 'severe' is not one of info, low, medium, high",
        ),
        (
            "{domain_statement_recorded: false}",
            "{domain_statment_recorded: false}",
            "8:12: local.no-statement: unknown fact 'domain_statment_recorded'; did you mean",
        ),
        (
            "{domain_statement_recorded: false}",
            "{domain_statement_recorded: {is: false}}",
            "8:40: local.no-statement: unknown test 'is'",
        ),
        (
            "There is no domain statement.",
            "There is no {statement}.",
            "9:14: local.no-statement: unknown placeholder '{statement}'",
        ),
        ("    when:", "    on: meetings\n    when:", "8:9: unknown fact kind 'meetings'"),
        (
            "      pass: [{profile: {domain: {statement: Outreach practice}}}]\n",
            "",
            "13:7: rules[1].examples.pass: required, but missing",
        ),
        ("id: local.no-statement", "id: Local statement", "3:9: rules[1].id: 'Local statement' is not a rule id"),
    ],
)
def test_bad_packs_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new))
    location, _, words = expected.partition(": ")
    assert any(p.startswith(location) and words.split(" `")[0] in p for p in found), found


def test_duplicate_ids_across_packs(tmp_path: Path) -> None:
    folder = pack(tmp_path, GOOD, "a.yaml")
    pack(tmp_path, GOOD, "b.yaml")
    with pytest.raises(InputError) as caught:
        load_rules([folder])
    [problem] = caught.value.problems
    assert problem.location.path.endswith("b.yaml")
    assert "duplicate rule id 'local.no-statement'" in problem.message


def test_not_a_pack(tmp_path: Path) -> None:
    assert any("copadvisor-rules" in p for p in problems(tmp_path, "- just a list\n"))
    assert any("invalid YAML" in p for p in problems(tmp_path, "rules: [\n"))


def test_missing_rule_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such rule folder"):
        load_rules([str(tmp_path / "nowhere")])


def test_the_builtin_catalogue_compiles() -> None:
    rules = load_rules([builtin_rules_dir()])
    compiled = compile_rules([r.rule for r in rules], Thresholds())
    assert {info.rule for info in compiled.clauses.values()} == {r.id for r in rules}
    assert compiled.ruleset.name == compile_rules([r.rule for r in rules], Thresholds()).ruleset.name


def test_a_condition_too_large_for_the_engine_is_located(tmp_path: Path) -> None:
    pytest.importorskip("durable", exc_type=ImportError)
    alternatives = ", ".join(
        f"{{all: [{{convener_hours: {{gt: {i}}}}}, {{planned_minutes: {{lt: {i}}}}}]}}" for i in range(30)
    )
    text = GOOD.replace("{domain_statement_recorded: false}", "{any: [" + alternatives + "]}")
    found = problems(tmp_path, text)
    assert any(p.startswith("8:5: local.no-statement: the condition is too complex") for p in found), found


def test_a_message_many_may_only_name_what_the_group_can_fill(tmp_path: Path) -> None:
    text = GOOD.replace("    rationale:", "    message_many: '{count} times, {stage}, {statment}'\n    rationale:")
    assert problems(tmp_path, text) == ["10:19: local.no-statement: unknown placeholder '{statment}' in message_many"]


def test_a_message_many_when_is_checked_like_its_placeholders(tmp_path: Path) -> None:
    variants = (
        "    message_many:\n"
        "      - when: {subjects: chair, count.role: 2}\n"
        "        message: '{count} times'\n"
        "      - message: '{range.domain_statement_recorded}, {count.profile}'\n"
        "    rationale:"
    )
    assert problems(tmp_path, GOOD.replace("    rationale:", variants)) == [
        "11:33: local.no-statement: unknown placeholder 'count.role' under message_many's `when`"
    ]


def test_shown_with_names_a_rule_that_exists(tmp_path: Path) -> None:
    text = GOOD.replace("    rationale:", "    shown_with: [local.no-such-rule]\n    rationale:")
    assert problems(tmp_path, text) == [
        "10:18: local.no-statement: shown_with names 'local.no-such-rule', which is no rule"
    ]


def test_shown_with_never_comes_back_round(tmp_path: Path) -> None:
    second = GOOD.split("rules:\n", 1)[1].replace("local.no-statement", "local.other")
    text = (GOOD + second).replace(
        "    title: No statement\n", "    title: No statement\n    shown_with: [local.other]\n", 1
    )
    text = text.replace(
        "  - id: local.other\n    title: No statement\n",
        "  - id: local.other\n    title: No statement\n    shown_with: [local.no-statement]\n",
    )
    assert problems(tmp_path, text) == [
        "5:18: local.no-statement: shown_with 'local.other' comes back round to local.no-statement",
        "18:18: local.other: shown_with 'local.no-statement' comes back round to local.other",
    ]
    itself = GOOD.replace("    rationale:", "    shown_with: [local.no-statement]\n    rationale:")
    assert problems(tmp_path, itself) == [
        "10:18: local.no-statement: shown_with 'local.no-statement' comes back round to local.no-statement"
    ]


ESCALATING = GOOD.replace(
    "    message: There is no domain statement.\n",
    "    escalate:\n"
    "      - on: KIND\n"
    "        when: {meetings_count: {ge: 3}}\n"
    "        severity: high\n"
    "        because: After {meetings_count} meetings.\n"
    "    message: There is no domain statement.\n",
).replace("severity: high\n    source", "severity: low\n    source")


def test_an_escalation_compiles_to_a_clause_on_the_profile_fact(tmp_path: Path) -> None:
    (loaded,) = load_rules([pack(tmp_path, ESCALATING.replace("KIND", "profile"))])
    compiled = compile_rules([loaded.rule], Thresholds())
    assert compiled.ruleset.definition["local.no-statement@escalate0"] == {
        "all": [{"m": {"$and": [{"kind": "profile"}, {"$gte": {"meetings_count": 3}}]}}]
    }
    info = compiled.clauses["local.no-statement@escalate0"]
    assert (info.escalation, info.index, info.message) == (True, 0, "After {meetings_count} meetings.")


def test_an_escalation_on_another_kind_or_with_an_unknown_placeholder_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, ESCALATING.replace("KIND", "session")) == [
        "10:13: local.no-statement: an escalation is on the profile fact, not 'session'"
    ]
    bad = ESCALATING.replace("      - on: KIND\n        when", "      - when").replace(
        "{meetings_count} m", "{nonsense} m"
    )
    assert problems(tmp_path, bad) == ["12:18: local.no-statement: unknown placeholder '{nonsense}'"]


def test_a_not_due_reason_may_only_name_what_the_profile_fact_can_fill(tmp_path: Path) -> None:
    single = "    applies_when: {launched: true}\n    not_due: launched on {lanch_date}, in the {stage} stage\n"
    listed = (
        "    applies_when:\n"
        "      - when: {launched: true}\n"
        "        not_due: '{launch_date} and {threshold.meeting_minutes} and {nonsense}'\n"
        "        contradicted_by: [local.other]\n"
    )
    assert problems(tmp_path, GOOD.replace("    message:", single + "    message:")) == [
        "10:14: local.no-statement: unknown placeholder '{lanch_date}' in the not-due reason"
    ]
    assert problems(tmp_path, GOOD.replace("    message:", listed + "    message:")) == [
        "11:18: local.no-statement: unknown placeholder '{nonsense}' in the not-due reason"
    ]
    good = "    applies_when: {launched: true}\n    not_due: launched on {launch_date}\n"
    [rule] = load_rules([pack(tmp_path, GOOD.replace("    message:", good + "    message:"))])
    assert rule.rule.preconditions[0].not_due == "launched on {launch_date}"

"""copadvisor.load.validate: pydantic's errors → plain, located problems, with a did-you-mean where one fits."""

from __future__ import annotations

import datetime as dt

import pytest

from copadvisor.errors import InputError
from copadvisor.load.validate import validate_profile
from copadvisor.load.yamlsource import parse
from copadvisor.model import EVENT_TYPES, Profile

PATH = "cop.yaml"
TYPES = ", ".join(EVENT_TYPES)  # an unknown event type lists them all
HEAD = "copadvisor: 1\nname: A CoP\n"


def invalid(text: str) -> list[str]:
    """Every problem of a profile that parses but does not validate, as ``path:line:col: message``."""
    document = parse(text, PATH)
    with pytest.raises(InputError) as info:
        validate_profile(document.value, document.source, document.flagged)
    return [str(problem) for problem in info.value.problems]


def valid(text: str) -> Profile:
    document = parse(text, PATH)
    assert document.problems == ()
    return validate_profile(document.value, document.source, document.flagged)


def event(body: str, kind: str = "meeting") -> str:
    """A profile with one event of ``kind`` (line 4), whose extra lines ``body`` start at line 6."""
    return HEAD + f"events:\n  - date: 2024-01-01\n    type: {kind}\n" + body


# --- the smallest profile ------------------------------------------------------------------------------------


def test_the_smallest_profile_is_valid() -> None:
    profile = valid(HEAD)
    assert (profile.copadvisor, profile.name) == (1, "A CoP")


@pytest.mark.parametrize("value", [["a"], "text", 5, None])
def test_a_profile_must_be_a_mapping(value: object) -> None:
    document = parse("x: 1\n", PATH)
    with pytest.raises(InputError) as info:
        validate_profile(value, document.source)
    assert [str(p) for p in info.value.problems] == [f"{PATH}:1:1: a profile must be a mapping of keys (name: …)"]


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("name: a\n", "copadvisor"),
        ("copadvisor: 1\n", "name"),
        ("# a header comment\n\n# and another\nname: a\n", "copadvisor"),  # still line 1, not the first key
        ("\n\nstage: potential\ncopadvisor: 1\n", "name"),
    ],
)
def test_a_missing_required_key_is_located_at_line_1_column_1(text: str, missing: str) -> None:
    assert invalid(text) == [f"{PATH}:1:1: {missing}: required, but missing"]


def test_both_required_keys_missing_are_both_reported() -> None:
    assert invalid("stage: potential\n") == [
        f"{PATH}:1:1: copadvisor: required, but missing",
        f"{PATH}:1:1: name: required, but missing",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "sponsors:\n  - id: S1\n  - oversight: false\n", "5:5: sponsors[2].id"),
        (HEAD + "people:\n  - id: A\n", "4:5: people[1].kinds"),
        (HEAD + "acknowledged_risks:\n  - rule: roles.unfilled\n", "4:5: acknowledged_risks[1].reason"),
        (HEAD + "events:\n  - type: meeting\n", "4:5: events[1].date"),
        (event("", "value_evidence"), "4:5: events[1].cycle"),
        (event("", "role_change"), "4:5: events[1].role"),
    ],
)
def test_a_missing_nested_key_is_located_at_the_mapping_that_lacks_it(text: str, expected: str) -> None:
    assert invalid(text) == [f"{PATH}:{expected}: required, but missing"]


# --- the format version --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "shown"), [("2", "2"), ("0", "0"), ("'1'", "'1'"), ("true", "True"), ("1.0", "1.0")])
def test_an_unsupported_format_version_names_the_supported_one(value: str, shown: str) -> None:
    assert invalid(f"copadvisor: {value}\nname: a\n") == [
        f"{PATH}:1:13: copadvisor: format version {shown} is not supported: this copadvisor reads `copadvisor: 1`"
    ]


# --- unknown keys and did-you-mean ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "nmae: b\n", "3:1: nmae: unknown key; did you mean 'name'?"),
        (HEAD + "colour: red\n", "3:1: colour: unknown key"),
        (HEAD + "convener:\n  trainde: true\n", "4:3: convener.trainde: unknown key; did you mean 'trained'?"),
        (
            HEAD + "practicalities:\n  fromat: online\n",
            "4:3: practicalities.fromat: unknown key; did you mean 'format'?",
        ),
        (
            HEAD + "sponsors:\n  - id: A\n    oversite: false\n",
            "5:5: sponsors[1].oversite: unknown key; did you mean 'oversight'?",
        ),
        (event("    minuts: 120\n"), "6:5: events[1].minuts: unknown key; did you mean 'minutes'?"),
        (event("    fro: venue\n", "funding"), "6:5: events[1].fro: unknown key; did you mean 'for'?"),
        (
            event("    frm: A\n    role: chair\n", "role_change"),
            "6:5: events[1].frm: unknown key; did you mean 'from'?",
        ),
    ],
)
def test_an_unknown_key_is_located_at_the_key_with_a_suggestion_when_one_is_close(text: str, expected: str) -> None:
    assert invalid(text) == [f"{PATH}:{expected}"]


def test_an_events_suggestions_come_from_its_own_type() -> None:
    # `outcome` is a key of a funding event, not of a meeting: no suggestion, just "unknown".
    assert invalid(event("    outcome: granted\n")) == [f"{PATH}:6:5: events[1].outcome: unknown key"]
    assert invalid(event("    outcom: granted\n", "funding")) == [
        f"{PATH}:6:5: events[1].outcom: unknown key; did you mean 'outcome'?"
    ]


def test_a_missing_key_and_its_misspelling_are_both_reported() -> None:
    assert invalid(HEAD + "people:\n  - id: A\n    kind: [other]\n") == [
        f"{PATH}:4:5: people[1].kinds: required, but missing",
        f"{PATH}:5:5: people[1].kind: unknown key; did you mean 'kinds'?",
    ]


def test_the_python_name_of_an_aliased_key_is_unknown() -> None:
    assert invalid(event("    for_: venue\n", "funding")) == [
        f"{PATH}:6:5: events[1].for_: unknown key; did you mean 'for'?"
    ]


# --- event types ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "suggestion"),
    [("meetng", "; did you mean 'meeting'?"), ("lunch", "; did you mean 'launch'?"), ("party", "")],
)
def test_an_unknown_event_type_is_located_at_the_event(kind: str, suggestion: str) -> None:
    assert invalid(event("", kind)) == [
        f"{PATH}:4:5: events[1]: unknown event type '{kind}'{suggestion} (the event types: {TYPES})"
    ]


def test_the_event_types_are_listed_in_full() -> None:
    (problem,) = invalid(event("", "party"))
    assert problem == (
        f"{PATH}:4:5: events[1]: unknown event type 'party' (the event types: planning_meeting, launch, meeting,"
        " contact, membership_review, task_proposed, funding, role_change, value_evidence, training,"
        " governance_report, closed, pulse)"
    )


def test_an_event_without_a_type_lists_the_types() -> None:
    (problem,) = invalid(HEAD + "events:\n  - date: 2024-01-01\n    notes: x\n")
    assert problem == f"{PATH}:4:5: events[1]: an event needs a 'type' (" + ", ".join(EVENT_TYPES) + ")"


def test_an_event_that_is_not_a_mapping() -> None:
    assert invalid(HEAD + "events:\n  - [meeting]\n") == [f"{PATH}:4:5: events[1]: should be a mapping (got a list)"]


def test_errors_in_several_events_name_each_event() -> None:
    text = HEAD + "events:\n  - date: 2024-01-01\n    type: launch\n    minutes: 0\n"
    text += "  - date: 2024-02-01\n    type: meeting\n    minutes: -5\n"
    assert invalid(text) == [
        f"{PATH}:6:14: events[1].minutes: should be greater than 0 (got 0)",
        f"{PATH}:9:14: events[2].minutes: should be greater than 0 (got -5)",
    ]


# --- wrong types ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "membership:\n  size: '5'\n", "4:9: membership.size: should be a whole number (got '5')"),
        (HEAD + "membership:\n  size: 5.0\n", "4:9: membership.size: should be a whole number (got 5.0)"),
        (HEAD + "membership:\n  size: true\n", "4:9: membership.size: should be a whole number (got true)"),
        (HEAD + "convener:\n  trained: 'yes'\n", "4:12: convener.trained: should be true or false (got 'yes')"),
        (HEAD + "convener:\n  trained: 1\n", "4:12: convener.trained: should be true or false (got 1)"),
        (HEAD + "domain: [a, b]\n", "3:9: domain: should be a mapping (got a list)"),
        (HEAD + "planning_group: {a: 1}\n", "3:17: planning_group: should be a list (got a mapping)"),
        (HEAD + "convener:\n  id: 5\n", "4:7: convener.id: should be text (got 5)"),
        ("copadvisor: 1\nname:\n", "2:6: name: should be text (got nothing)"),
        (HEAD + "roles:\n  admin: A\n", "4:10: roles.admin: should be a list (got 'A')"),
        (
            HEAD + "events:\n  - date: 20240101\n    type: meeting\n",
            "4:11: events[1].date: '20240101' is not a date: write it as YYYY-MM-DD",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_located_at_the_value(text: str, expected: str) -> None:
    assert invalid(text) == [f"{PATH}:{expected}"]


def test_an_unquoted_yes_is_yaml_1_1_true() -> None:
    # PyYAML reads YAML 1.1, where `yes` is a boolean: only the quoted word is text.
    assert valid(HEAD + "convener:\n  trained: yes\n").convener.trained is True  # type: ignore[union-attr]


STAGES = "potential, coalescing, maturing, stewardship, transformation"
KINDS = "practitioner, manager, commissioner, expert_by_experience, researcher, sponsor, other"
ROLES = "co_convener, admin, tech, communications, timekeeper, session_design, chair"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "stage: matureing\n", f"3:8: stage: 'matureing' is not one of {STAGES}; did you mean 'maturing'?"),
        (
            HEAD + "people:\n  - id: A\n    kinds: [manger]\n",
            f"5:13: people[1].kinds[1]: 'manger' is not one of {KINDS}; did you mean 'manager'?",
        ),
        (
            event("    role: chairman\n", "role_change"),
            f"6:11: events[1].role: 'chairman' is not one of {ROLES}, convener, planning_group; did you mean 'chair'?",
        ),
    ],
)
def test_a_value_outside_its_choices_lists_them_once(text: str, expected: str) -> None:
    assert invalid(text) == [f"{PATH}:{expected}"]


# --- ranges --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "value", "expected"),
    [
        ("convener", "dedicated_hours_per_month", "-1", "should be 0 or more (got -1)"),
        ("convener", "dedicated_hours_per_month", "-0.5", "should be 0 or more (got -0.5)"),
        ("convener", "dedicated_hours_per_month", "745", "should be 744 or less (got 745)"),
        ("practicalities", "meeting_minutes", "0", "should be greater than 0 (got 0)"),
        ("practicalities", "meeting_minutes", "1441", "should be 1440 or less (got 1441)"),
        ("practicalities", "cadence_weeks", "0", "should be 0.1 or more (got 0)"),
        ("practicalities", "cadence_weeks", ".inf", "should be a finite number (got inf)"),
        ("practicalities", "cadence_weeks", "-.inf", "should be a finite number (got -inf)"),
        ("practicalities", "cadence_weeks", ".nan", "should be a finite number (got nan)"),
        ("membership", "size", "-1", "should be 0 or more (got -1)"),
        ("domain", "strategic_objectives", "['']", "should not be empty (got '')"),
    ],
)
def test_a_number_or_text_out_of_range_is_located_at_the_value(
    section: str, key: str, value: str, expected: str
) -> None:
    column = len(f"  {key}: ") + 1
    problem = invalid(HEAD + f"{section}:\n  {key}: {value}\n")
    if key == "strategic_objectives":
        key += "[1]"
        column += 1
    assert problem == [f"{PATH}:4:{column}: {section}.{key}: {expected}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (event("    minutes: 0\n"), "6:14: events[1].minutes: should be greater than 0 (got 0)"),
        (event("    amount: .nan\n", "funding"), "6:13: events[1].amount: should be a finite number (got nan)"),
        (
            HEAD + "people:\n  - id: A\n    kinds: []\n",
            "5:12: people[1].kinds: should have at least 1 item(s) (got a list)",
        ),
    ],
)
def test_a_value_out_of_range_in_a_list_is_located_at_the_value(text: str, expected: str) -> None:
    assert invalid(text) == [f"{PATH}:{expected}"]


def test_a_too_long_name_says_the_limit() -> None:
    (problem,) = invalid("copadvisor: 1\nname: " + "x" * 201 + "\n")
    assert problem.startswith(f"{PATH}:2:7: name: should be at most 200 characters")


@pytest.mark.parametrize("person", ["' AK'", '"A\\nK"'])
def test_a_person_id_is_one_line_without_leading_space(person: str) -> None:
    (problem,) = invalid(HEAD + f"convener:\n  id: {person}\n")
    assert problem.startswith(f"{PATH}:4:7: convener.id: should be an id on one line, not starting with a space")


# --- roles and attendance ------------------------------------------------------------------------------------


def test_an_unknown_role_is_located_at_its_key() -> None:
    assert invalid(HEAD + "roles:\n  admin: [LG]\n  chiar: [JC]\n") == [
        f"{PATH}:5:3: roles.chiar: 'chiar' is not one of co_convener, admin, tech, communications, timekeeper, "
        "session_design, chair; did you mean 'chair'?"
    ]


def test_roles_must_be_a_mapping() -> None:
    assert invalid(HEAD + "roles: [admin]\n") == [f"{PATH}:3:8: roles: should be a mapping (got a list)"]


def test_attendance_by_kind_reports_only_the_bad_kind() -> None:
    assert invalid(event("    attendance: {manager: 2, expert: 1}\n")) == [
        f"{PATH}:6:30: events[1].attendance.expert: 'expert' is not one of practitioner, manager, commissioner, "
        "expert_by_experience, researcher, sponsor, other"
    ]


def test_attendance_by_kind_reports_a_bad_count_at_the_count() -> None:
    assert invalid(event("    attendance: {manager: -1}\n", "launch")) == [
        f"{PATH}:6:27: events[1].attendance.manager: should be 0 or more (got -1)"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("five", "should be a whole number (got 'five')"),
        ("-3", "should be 0 or more (got -3)"),
        ("[1]", "should be a whole number (got a list)"),
    ],
)
def test_a_total_attendance_is_one_problem(value: str, expected: str) -> None:
    assert invalid(event(f"    attendance: {value}\n")) == [f"{PATH}:6:17: events[1].attendance: {expected}"]


@pytest.mark.parametrize(
    ("value", "expected"), [("12", 12), ("{practitioner: 3, manager: 1}", {"practitioner": 3, "manager": 1})]
)
def test_attendance_is_a_count_or_a_map_of_counts(value: str, expected: object) -> None:
    (meeting,) = valid(event(f"    attendance: {value}\n")).events or []
    assert meeting.attendance == expected  # type: ignore[union-attr]


# --- dates ---------------------------------------------------------------------------------------------------


def test_a_quoted_iso_date_is_a_date() -> None:
    (meeting,) = valid(HEAD + "events:\n  - date: '2024-02-29'\n    type: meeting\n").events or []
    assert meeting.date == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'2024-02-30'", "'2024-02-30' is not a date: there is no such day"),
        ("'2024/01/01'", "'2024/01/01' is not a date: write it as YYYY-MM-DD"),
        ("'24-02-03'", "'24-02-03' is not a date: write it as YYYY-MM-DD"),
    ],
)
def test_a_quoted_text_that_is_not_an_iso_date(value: str, expected: str) -> None:
    assert invalid(HEAD + f"events:\n  - date: {value}\n    type: meeting\n") == [
        f"{PATH}:4:11: events[1].date: {expected}"
    ]


def test_a_value_refused_while_parsing_is_not_reported_again() -> None:
    text = HEAD + "convener:\n  involvement_ends: 2024-02-30\n"
    document = parse(text, PATH)
    assert [p.message for p in document.problems] == [
        "convener.involvement_ends: '2024-02-30' is not a date: there is no such day"
    ]
    # The parser left None behind, which an optional field takes.
    assert validate_profile(document.value, document.source, document.flagged).convener is not None


def test_a_required_value_refused_while_parsing_is_not_reported_again() -> None:
    document = parse(HEAD + "events:\n  - date: 2024-02-30\n    type: meeting\n", PATH)
    assert [p.message for p in document.problems] == [
        "events[1].date: '2024-02-30' is not a date: there is no such day"
    ]
    with pytest.raises(InputError) as info:
        validate_profile(document.value, document.source, document.flagged)
    assert info.value.problems == ()  # the parser's problem says it all
    with pytest.raises(InputError) as info:
        validate_profile(document.value, document.source)  # unflagged, the None left behind would be reported
    assert [p.message for p in info.value.problems] == ["events[1].date: no date given: write it as YYYY-MM-DD"]


# --- every problem, in order ---------------------------------------------------------------------------------


def test_every_problem_of_a_profile_is_reported_in_order() -> None:
    text = (
        "copadvisor: 1\n"
        "name: 5\n"
        "stage: 3\n"
        "convener:\n"
        "  trained: 'no'\n"
        "  hours: 4\n"
        "events:\n"
        "  - date: 2024-01-01\n"
        "    type: meetng\n"
        "  - date: 2024-02-01\n"
        "    type: meeting\n"
        "    minutes: 0\n"
    )
    assert invalid(text) == [
        f"{PATH}:2:7: name: should be text (got 5)",
        f"{PATH}:3:8: stage: 3 is not one of potential, coalescing, maturing, stewardship, transformation",
        f"{PATH}:5:12: convener.trained: should be true or false (got 'no')",
        f"{PATH}:6:3: convener.hours: unknown key",
        f"{PATH}:8:5: events[1]: unknown event type 'meetng'; did you mean 'meeting'? (the event types: {TYPES})",
        f"{PATH}:12:14: events[2].minutes: should be greater than 0 (got 0)",
    ]

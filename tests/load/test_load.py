"""copadvisor.load: paths → validated profiles with positions, or every located problem of each profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copadvisor.errors import Location
from copadvisor.load import LoadedProfile, LoadFailure, ProfileSource, load_paths, load_source
from copadvisor.model import EVENT_TYPES

from .support import Write, failure, loaded, problems

EXAMPLE = Path(__file__).resolve().parents[2] / "profiles" / "aaot-north"
HEAD = "copadvisor: 1\nname: A CoP\n"
EVENTS = "- date: 2024-01-10\n  type: launch\n  minutes: 120\n- date: 2024-02-10\n  type: meeting\n"


def test_the_example_profile_loads_with_its_event_log() -> None:
    result = loaded(str(EXAMPLE))
    assert result.slug == "aaot-north"
    assert result.path == str(EXAMPLE / "cop.yaml")
    assert result.profile.name == "Alcohol Assertive Outreach Team CoP"
    events = result.profile.events or []
    assert [e.type for e in events][:3] == ["training", "planning_meeting", "planning_meeting"]
    # Events stand in events.yaml, at their own lines; the profile's values in cop.yaml.
    events_path = str(EXAMPLE / "events.yaml")
    lines = (EXAMPLE / "events.yaml").read_text(encoding="utf-8").splitlines()
    for index in range(len(events)):
        location = result.source.of_value(("events", index))
        assert location.path == events_path
        assert lines[location.line - 1].startswith("- date:")
    assert result.source.of_key(("convener", "id")).path == result.path


# --- files that hold no profile ------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"# only a comment\n# and another\n", b"---\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_an_error_at_line_1(write: Write, content: bytes) -> None:
    path = write(content)
    assert problems(path) == [f"{path}:1:1: the file is empty: a profile needs at least `copadvisor: 1` and `name`"]


@pytest.mark.parametrize("text", ["- copadvisor: 1\n- name: a\n", "just some text\n", "42\n", "[copadvisor, 1]\n"])
def test_a_top_level_that_is_not_a_mapping_is_an_error(write: Write, text: str) -> None:
    path = write(text)
    assert problems(path) == [f"{path}:1:1: a profile must be a mapping of keys (name: …)"]


def test_a_file_with_a_bom_is_read(write: Write) -> None:
    assert loaded(write(b"\xef\xbb\xbf" + HEAD.encode())).profile.name == "A CoP"


def test_invalid_utf8_on_a_later_line(write: Write) -> None:
    path = write(HEAD.encode() + b"domain:\n  statement: caf\xc3\xa9 \xe9t\xe9\n")
    assert problems(path) == [f"{path}:4:19: the file is not valid UTF-8 text"]


def test_binary_content(write: Write) -> None:
    path = write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # the NUL starts the third line
    assert problems(path) == [f"{path}:3:1: binary content (a NUL byte)"]


def test_a_50_mb_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(HEAD.encode())
        handle.truncate(50 * 1024 * 1024)  # sparse: fast to make
    assert problems(str(path)) == [f"{path}:1:1: the file is larger than the 4 MiB limit"]


def test_an_alias_bomb_is_refused(write: Write) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    path = write(HEAD + "\n".join(lines) + "\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:3:")
    assert "once aliases are expanded (an alias bomb?)" in problem


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    result = load_source(ProfileSource(str(tmp_path), "folder"))
    assert isinstance(result, LoadFailure)
    (problem,) = result.problems
    assert problem.location == Location(str(tmp_path))
    assert problem.message.startswith("cannot read the file:")


def test_a_nonexistent_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "cop.yaml")
    result = failure(missing)
    assert (result.slug, result.path, result.name) == (missing, missing, None)
    assert [str(p) for p in result.problems] == [f"{missing}:1:1: no such file or directory"]


# --- the event log in events.yaml ----------------------------------------------------------------------------


def test_events_yaml_is_the_profiles_event_log(write: Write) -> None:
    write(HEAD, "north/cop.yaml")
    events = write(EVENTS, "north/events.yaml")
    result = loaded(str(Path(events).parent))
    assert [(e.type, e.date) for e in result.profile.events or []] == [
        ("launch", dt.date(2024, 1, 10)),
        ("meeting", dt.date(2024, 2, 10)),
    ]
    assert result.source.of_value(("events", 1)) == Location(events, 4, 3)
    assert result.source.of_value(("events", 0, "minutes")) == Location(events, 3, 12)


@pytest.mark.parametrize("text", ["", "# no events yet\n"])
def test_an_empty_event_log_is_no_events(write: Write, text: str) -> None:
    cop = write(HEAD, "north/cop.yaml")
    write(text, "north/events.yaml")
    assert loaded(cop).profile.events is None


def test_an_empty_list_of_events_is_kept(write: Write) -> None:
    cop = write(HEAD, "north/cop.yaml")
    write("[]\n", "north/events.yaml")
    assert loaded(cop).profile.events == []


@pytest.mark.parametrize("text", ["date: 2024-01-01\ntype: meeting\n", "meetings\n", "{}\n"])
def test_an_event_log_that_is_not_a_list(write: Write, text: str) -> None:
    cop = write(HEAD, "north/cop.yaml")
    events = write(text, "north/events.yaml")
    assert problems(cop) == [f"{events}:1:1: an event log must be a list of events (- date: …)"]


def test_events_inline_and_in_events_yaml(write: Write) -> None:
    cop = write(HEAD + "stage: potential\nevents: []\n", "north/cop.yaml")
    events = write(EVENTS, "north/events.yaml")
    assert problems(cop) == [f"{cop}:4:1: events are given both here and in {events}: keep one list"]


def test_errors_in_events_yaml_are_located_in_events_yaml(write: Write) -> None:
    cop = write(HEAD, "north/cop.yaml")
    text = (
        "# The event log\n"  # 1
        "- date: 2024-01-10\n"  # 2
        "  type: launch\n"  # 3
        "  minuts: 120\n"  # 4
        "- type: meeting\n"  # 5
        "- date: 2024-03-01\n"  # 6
        "  type: meetng\n"  # 7
        "- date: 2024-04-31\n"  # 8
        "  type: meeting\n"  # 9
        "  minutes: 90\n"  # 10
        "  minutes: 100\n"  # 11
    )
    events = write(text, "north/events.yaml")
    assert problems(cop) == [
        f"{events}:4:3: events[1].minuts: unknown key; did you mean 'minutes'?",
        f"{events}:5:3: events[2].date: required, but missing",
        f"{events}:6:3: events[3]: unknown event type 'meetng'; did you mean 'meeting'? (the event types: {', '.join(EVENT_TYPES)})",
        f"{events}:8:9: events[4].date: '2024-04-31' is not a date: there is no such day",
        f"{events}:11:3: events[4]: duplicate key 'minutes' (first defined at line 10)",
    ]


def test_problems_of_both_files_are_all_reported(write: Write) -> None:
    cop = write(HEAD + "convener:\n  trainde: true\n", "north/cop.yaml")
    events = write("- date: 2024-01-10\n  type: launch\n  minutes: 0\n", "north/events.yaml")
    assert problems(cop) == [
        f"{cop}:4:3: convener.trainde: unknown key; did you mean 'trained'?",
        f"{events}:3:12: events[1].minutes: should be greater than 0 (got 0)",
    ]


def test_a_syntax_error_in_events_yaml_still_lets_the_profile_be_checked(write: Write) -> None:
    cop = write(HEAD + "stag: potential\n", "north/cop.yaml")
    events = write("- date: 2024-01-10\n  type: [launch\n", "north/events.yaml")
    (first, second) = problems(cop)
    assert first == f"{cop}:3:1: stag: unknown key; did you mean 'stage'?"
    assert second.startswith(f"{events}:3:1: invalid YAML:")


def test_a_duplicate_key_and_a_tab_in_events_yaml(write: Write) -> None:
    cop = write(HEAD, "north/cop.yaml")
    events = write("- date: 2024-01-10\n\ttype: launch\n", "north/events.yaml")
    assert problems(cop) == [f"{events}:2:1: invalid YAML: a tab character where YAML needs spaces for indentation"]


def test_a_failure_keeps_the_name_when_it_can_be_read(write: Write) -> None:
    result = failure(write("copadvisor: 1\nname: North\nstag: potential\n"))
    assert result.name == "North"
    assert failure(write("copadvisor: 1\nname: 5\n", "other.yaml")).name is None


# --- every problem, every profile ----------------------------------------------------------------------------


def test_several_errors_in_one_file_are_all_reported(write: Write) -> None:
    path = write(
        "copadvisor: 2\n"
        "name: a\n"
        "name: b\n"
        "convener:\n"
        "  dedicated_hours_per_month: -4\n"
        "  involvement_ends: 2024-02-30\n"
        "roles:\n"
        "  chiar: [A]\n"
        "events:\n"
        "  - date: 2024-01-01 10:00:00\n"
        "    type: meeting\n"
        "  - date: 2024-01-01\n"
    )
    assert problems(path) == [
        f"{path}:1:13: copadvisor: format version 2 is not supported: this copadvisor reads `copadvisor: 1`",
        f"{path}:3:1: profile: duplicate key 'name' (first defined at line 2)",
        f"{path}:5:30: convener.dedicated_hours_per_month: should be 0 or more (got -4)",
        f"{path}:6:21: convener.involvement_ends: '2024-02-30' is not a date: there is no such day",
        f"{path}:8:3: roles.chiar: 'chiar' is not one of co_convener, admin, tech, communications, timekeeper, "
        "session_design, chair; did you mean 'chair'?",
        f"{path}:10:11: events[1].date: '2024-01-01 10:00:00' is not a date: write it as YYYY-MM-DD, without a time",
        f"{path}:12:5: events[2]: an event needs a 'type' (planning_meeting, launch, meeting, contact, "
        "membership_review, task_proposed, funding, role_change, value_evidence, training, governance_report, closed, pulse)",
    ]


def test_one_bad_profile_does_not_stop_the_others(write: Write, tmp_path: Path) -> None:
    write(HEAD, "a-good/cop.yaml")
    write("copadvisor: 1\nname: [\n", "b-broken/cop.yaml")
    write("", "c-empty/cop.yaml")
    write(b"\xff\xfe", "d-binary/cop.yaml")
    write(HEAD + "events:\n  - date: 2024-01-01\n    type: meeting\n", "e-good.yaml")
    missing = str(tmp_path / "nowhere")
    results = load_paths([missing, str(tmp_path)])
    assert [(type(r).__name__, r.slug) for r in results] == [
        ("LoadFailure", missing),
        ("LoadedProfile", "e-good"),
        ("LoadedProfile", "a-good"),
        ("LoadFailure", "b-broken"),
        ("LoadFailure", "c-empty"),
        ("LoadFailure", "d-binary"),
    ]
    assert all(r.problems for r in results if isinstance(r, LoadFailure))


def test_a_file_given_with_its_folder_is_loaded_once(write: Write) -> None:
    cop = write(HEAD, "north/cop.yaml")
    results = load_paths([cop, str(Path(cop).parent)])
    assert [r.slug for r in results] == ["north"]


# --- absent is not false, zero or empty ----------------------------------------------------------------------


def test_absent_stays_distinguishable_from_false_zero_and_empty(write: Write) -> None:
    profile = loaded(
        write(
            HEAD + "convener:\n"
            "  trained: false\n"
            "  dedicated_hours_per_month: 0\n"
            "membership:\n"
            "  size: 0\n"
            "  includes: []\n"
            "roles:\n"
            "  tech: []\n"
            "planning_group: []\n"
            "experts_by_experience:\n"
            "governance: {}\n"
            "events:\n"
            "  - date: 2024-01-01\n"
            "    type: meeting\n"
            "    planning_offer: false\n"
            "    attendance: 0\n"
            "    themes: []\n"
        )
    ).profile
    assert profile.convener is not None
    assert profile.membership is not None
    assert profile.roles is not None
    assert profile.convener.trained is False
    assert profile.convener.dedicated_hours_per_month == 0
    assert profile.convener.id is None  # absent
    assert profile.membership.size == 0
    assert type(profile.membership.size) is int
    assert profile.membership.includes == []
    assert profile.membership.target is None
    assert profile.roles == {"tech": []}  # absent roles are absent, not empty
    assert profile.planning_group == []
    assert profile.experts_by_experience is None  # `key:` with nothing is not recorded
    assert profile.governance is not None
    assert profile.governance.acknowledged is None  # an empty mapping records nothing inside it
    assert profile.domain is None
    assert profile.sponsors is None
    assert profile.stage is None
    (meeting,) = profile.events or []
    assert meeting.type == "meeting"
    assert (meeting.planning_offer, meeting.attendance, meeting.themes) == (False, 0, [])
    assert meeting.minutes is None
    assert meeting.principles_revisited is None


def test_loaded_profiles_are_immutable(write: Write) -> None:
    result = loaded(write(HEAD))
    assert isinstance(result, LoadedProfile)
    with pytest.raises(ValueError, match="frozen"):
        result.profile.name = "changed"  # type: ignore[misc]

"""The shared appender (``copadvisor.load.imports.append``): what is there stays as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copadvisor.errors import InputError
from copadvisor.load.imports import append as append_module
from copadvisor.load.imports.append import (
    HEADER,
    Fill,
    append,
    entry,
    identities,
    identity,
    open_target,
    scalar,
    write,
)
from copadvisor.model import Launch, Meeting

from .support import events_bytes, profile

D = dt.date(2026, 3, 11)
MEETING = {"date": D, "type": "meeting", "minutes": 120}


def test_identity_is_the_date_and_type_a_launch_and_a_meeting_being_one_session() -> None:
    assert identity(D, "launch") == identity(D, "meeting") == (D, "session")
    assert identity(D, "pulse") == (D, "pulse")
    assert identities([Launch(date=D, type="launch"), Meeting(date=D, type="meeting")]) == {(D, "session")}


def test_events_are_written_one_line_each_or_as_a_block_with_nested_maps() -> None:
    assert entry(MEETING) == ["- {date: 2026-03-11, type: meeting, minutes: 120}"]
    assert entry({"date": D, "type": "meeting", "attendance": {"practitioner": 9}}) == [
        "- {date: 2026-03-11, type: meeting, attendance: {practitioner: 9}}"
    ]
    pulse = {
        "date": D,
        "type": "pulse",
        "responses": 6,
        "answers": {"voice": {"agree": 5, "neutral": 0, "disagree": 1}},
    }
    assert entry(pulse) == [
        "- date: 2026-03-11",
        "  type: pulse",
        "  responses: 6",
        "  answers:",
        "    voice: {agree: 5, neutral: 0, disagree: 1}",
    ]


def test_scalars_that_yaml_would_read_otherwise_are_quoted() -> None:
    assert [scalar(v) for v in ("voice", "no", "on", "null", "1e3", "a b", True, 0)] == [
        "voice",
        '"no"',
        '"on"',
        '"null"',
        '"1e3"',
        '"a b"',
        "true",
        "0",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, HEADER + "- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        ("", "- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        ("# only a comment", "# only a comment\n- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        ("# init\n[]\n", "# init\n\n- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        (
            "- date: 2026-01-10  # the launch\n  type: launch\n",
            "- date: 2026-01-10  # the launch\n  type: launch\n- {date: 2026-03-11, type: meeting, minutes: 120}\n",
        ),
        (
            "  - {date: 2026-01-10, type: launch}\n",
            "  - {date: 2026-01-10, type: launch}\n  - {date: 2026-03-11, type: meeting, minutes: 120}\n",
        ),
        (
            "\ufeff- {date: 2026-01-10, type: launch}\r\n# end\r\n",
            "\ufeff- {date: 2026-01-10, type: launch}\r\n# end\r\n- {date: 2026-03-11, type: meeting, minutes: 120}\r\n",
        ),
    ],
)
def test_appending_keeps_the_text_that_is_there(tmp_path: Path, before: str | None, after: str) -> None:
    folder = profile(tmp_path, before)
    target = open_target(folder)
    outcome = append(target, [MEETING], 0)
    write(target, outcome)
    assert events_bytes(folder).decode("utf-8") == after
    assert outcome.added == (MEETING,)


def test_new_events_follow_in_date_order(tmp_path: Path) -> None:
    target = open_target(profile(tmp_path, "[]\n"))
    later = {**MEETING, "date": dt.date(2026, 4, 1)}
    assert append(target, [later, MEETING], 0).text == (
        "\n- {date: 2026-03-11, type: meeting, minutes: 120}\n- {date: 2026-04-01, type: meeting, minutes: 120}\n"
    )


def test_fills_go_into_a_flow_mapping_or_on_a_new_line_of_a_block_mapping(tmp_path: Path) -> None:
    text = (
        "- {date: 2026-01-10, type: launch}  # the launch\n"
        "- date: 2026-02-10\n"
        "  type: meeting\n"
        "  themes:\n"
        "    - rotas  # why\n"
        "\n"
        "# later\n"
        "- date: 2026-03-10\n"
        "  type: meeting\n"
        "  notes: >\n"
        "    a long note\n"
    )
    target = open_target(profile(tmp_path, text))
    fills = [Fill(0, "attendance", 20), Fill(1, "attendance", {"practitioner": 9}), Fill(2, "attendance", 7)]
    assert append(target, [], 0, fills=fills).text == (
        "- {date: 2026-01-10, type: launch, attendance: 20}  # the launch\n"
        "- date: 2026-02-10\n"
        "  type: meeting\n"
        "  themes:\n"
        "    - rotas  # why\n"
        "  attendance: {practitioner: 9}\n"
        "\n"
        "# later\n"
        "- date: 2026-03-10\n"
        "  type: meeting\n"
        "  notes: >\n"
        "    a long note\n"
        "  attendance: 7\n"
    )


def test_a_fill_at_the_end_of_a_file_without_a_final_newline(tmp_path: Path) -> None:
    target = open_target(profile(tmp_path, "- date: 2026-02-10\n  type: meeting"))
    assert append(target, [], 0, fills=[Fill(0, "attendance", 4)]).text == (
        "- date: 2026-02-10\n  type: meeting\n  attendance: 4"
    )


def test_nothing_to_add_writes_nothing(tmp_path: Path) -> None:
    folder = profile(tmp_path)
    target = open_target(folder)
    write(target, append(target, [], 3))
    assert not (Path(folder) / "events.yaml").exists()


def test_a_flow_list_with_events_is_refused(tmp_path: Path) -> None:
    target = open_target(profile(tmp_path, "# log\n[{date: 2026-01-10, type: launch}]\n"))
    with pytest.raises(InputError) as caught:
        append(target, [MEETING], 0)
    assert [str(p) for p in caught.value.problems] == [
        f"{target.path}:2:1: the event log is one [ … ] list: import appends to `- ` lines"
    ]


def test_the_profile_must_be_valid_and_keep_its_events_in_events_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "inline"
    folder.mkdir()
    (folder / "cop.yaml").write_text("copadvisor: 1\nname: x\nevents: []\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_target(str(folder))
    assert [p.message for p in caught.value.problems] == [
        "the events are kept here, in cop.yaml: import appends to events.yaml"
    ]
    assert caught.value.problems[0].location.line == 3
    with pytest.raises(InputError) as caught:
        open_target(profile(tmp_path, "- {date: 2026-01-10, type: lunch}\n", name="bad"))
    assert "lunch" in caught.value.problems[0].message
    with pytest.raises(InputError) as caught:
        open_target(str(tmp_path / "nowhere"))
    assert caught.value.problems[0].message == "not a folder: --profile names a profile's folder"
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        open_target(str(tmp_path / "empty"))


@pytest.mark.parametrize(
    "text",
    [
        "- {date: 2026-01-01,\ttype: contact, channel: email}\t# tab\n",
        "- {date: 2026-01-01, type: contact, channel: email}\t# tab\n",
        "- {date: 2026-01-01,\ttype: contact, channel: email}\n",
    ],
)
def test_tabs_the_loader_reads_are_kept_byte_for_byte(tmp_path: Path, text: str) -> None:
    outcome = append(open_target(profile(tmp_path, text)), [MEETING], 0)
    assert outcome.text == text + "- {date: 2026-03-11, type: meeting, minutes: 120}\n"


@pytest.mark.parametrize(
    ("text", "filled"),
    [
        (
            "- {date: 2026-03-11, type: meeting, attendance: null}\n",
            "- {date: 2026-03-11, type: meeting, attendance: 12}\n",
        ),
        (
            "- {date: 2026-03-11, type: meeting, attendance: ~}\n",
            "- {date: 2026-03-11, type: meeting, attendance: 12}\n",
        ),
        (
            "- date: 2026-03-11\n  type: meeting\n  attendance:\n  notes: x\n",
            "- date: 2026-03-11\n  type: meeting\n  attendance: 12\n  notes: x\n",
        ),
        ("- date: 2026-03-11\n  type: meeting\n  attendance:", "- date: 2026-03-11\n  type: meeting\n  attendance: 12"),
    ],
)
def test_an_attendance_recorded_as_null_is_filled_in_place(tmp_path: Path, text: str, filled: str) -> None:
    outcome = append(open_target(profile(tmp_path, text)), [], 0, fills=[Fill(0, "attendance", 12)])
    assert outcome.text == filled


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("null\n", "\n- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        ("~\n", "\n- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        ("# log\nnull  # none yet\n", "# log\n  # none yet\n- {date: 2026-03-11, type: meeting, minutes: 120}\n"),
        (
            "- date: 2026-01-14\r  type: meeting\r",
            "- date: 2026-01-14\r  type: meeting\r- {date: 2026-03-11, type: meeting, minutes: 120}\r",
        ),
    ],
)
def test_an_empty_log_written_as_null_gives_way_and_a_cr_file_keeps_its_line_ends(
    tmp_path: Path, text: str, result: str
) -> None:
    assert append(open_target(profile(tmp_path, text)), [MEETING], 0).text == result


@pytest.mark.parametrize(
    ("text", "filled"),
    [
        (
            "- {date: 2026-03-11, type: meeting, minutes: 60, }\n",
            "- {date: 2026-03-11, type: meeting, minutes: 60, attendance: 4}\n",
        ),
        (
            "- date: 2026-03-11\r  type: meeting\r- {date: 2026-04-01, type: contact, channel: x}\r",
            "- date: 2026-03-11\r  type: meeting\r  attendance: 4\r- {date: 2026-04-01, type: contact, channel: x}\r",
        ),
    ],
)
def test_fills_after_a_trailing_comma_and_in_a_cr_file(tmp_path: Path, text: str, filled: str) -> None:
    assert append(open_target(profile(tmp_path, text)), [], 0, fills=[Fill(0, "attendance", 4)]).text == filled


@pytest.mark.parametrize(
    ("text", "fills", "message"),
    [
        (
            "---\n...\n",
            [],
            "2:1: the event log ends its document with '...': import cannot append after a document end; remove it",
        ),
        (
            "- {date: 2026-01-01, type: contact, channel: email}\n...\n# end\n",
            [],
            "2:1: the event log ends its document with '...': import cannot append after a document end; remove it",
        ),
        (
            "- {date: 2026-01-07, type: meeting, minutes: &m 60}\n- date: 2026-03-11\n  type: meeting\n  minutes: *m\n",
            [Fill(1, "attendance", 4)],
            "4:3: the event ends with an alias (*name): import cannot add to it; write the value out instead",
        ),
    ],
)
def test_forms_that_cannot_be_added_to_are_refused_in_the_users_file(
    tmp_path: Path, text: str, fills: list[Fill], message: str
) -> None:
    folder = profile(tmp_path, text)
    with pytest.raises(InputError) as caught:
        append(open_target(folder), [] if fills else [MEETING], 0, fills=fills)
    assert [str(p) for p in caught.value.problems] == [f"{Path(folder) / 'events.yaml'}:{message}"]
    assert events_bytes(folder) == text.encode()


def test_a_result_that_would_not_read_is_blamed_on_the_form_not_on_a_line_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A safety net for forms of YAML the appender does not know yet: the message is at the user's file, line 1.
    folder = profile(tmp_path, "# mine\n")
    monkeypatch.setattr(append_module, "_appended", lambda *_: "- [\n")
    with pytest.raises(InputError) as caught:
        append(open_target(folder), [MEETING], 0)
    assert [str(p) for p in caught.value.problems] == [
        f"{Path(folder) / 'events.yaml'}:1:1: import cannot add to this file as it is written (the result would not "
        "read: invalid YAML: a value is missing, or starts with a character that needs quotes); nothing was written"
    ]
    assert events_bytes(folder) == b"# mine\n"

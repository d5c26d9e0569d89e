"""Properties of the whole loader: valid profiles round-trip; no input, however broken, raises or escapes.

The strategies follow SPEC §3 (not the model's code), so that a model that drifts from the spec is caught.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copadvisor.errors import Problem
from copadvisor.load import LoadedProfile, LoadFailure, load_paths
from copadvisor.model import Profile

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
# A CLI run compiles the rule packs: fewer examples, for the whole file to stay well under a minute.
CLI = settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])

# --- valid profiles, following SPEC §3 -----------------------------------------------------------------------

STAGES = ["potential", "coalescing", "maturing", "stewardship", "transformation"]
KINDS = ["practitioner", "manager", "commissioner", "expert_by_experience", "researcher", "sponsor", "other"]
ROLES = ["co_convener", "admin", "tech", "communications", "timekeeper", "session_design", "chair"]
FORMATS = ["online", "face_to_face", "hybrid"]

# Any character but surrogates and the line breaks YAML 1.1 folds away inside scalars (NEL, LS, PS), which
# PyYAML's emitter writes raw when allow_unicode is on: that is a round trip of PyYAML's, not of ours.
CHARACTERS = st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029")


def prose(max_size: int = 30) -> st.SearchStrategy[str]:
    return st.text(CHARACTERS, min_size=1, max_size=max_size)


person = st.text(st.characters(categories=["L", "N"]) | st.sampled_from("-_."), min_size=1, max_size=12)
people_ids = st.lists(person, max_size=4)
dates = st.dates()
count = st.integers(0, 1_000_000)
minutes = st.integers(1, 24 * 60)
attendance = count | st.dictionaries(st.sampled_from(KINDS), count, max_size=4)


def number(low: float, high: float, exclude_low: bool = False) -> st.SearchStrategy[float | int]:
    floats = st.floats(low, high, exclude_min=exclude_low, allow_nan=False, allow_infinity=False)
    return st.integers(int(low) + exclude_low, int(high)) | floats


def optional(**fields: st.SearchStrategy[Any]) -> dict[str, st.SearchStrategy[Any]]:
    """Optional fields: absent, null (not recorded either) or a value."""
    return {name: st.none() | strategy for name, strategy in fields.items()}


def section(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=optional(**fields))


def event(
    kind: str, required: dict[str, st.SearchStrategy[Any]] | None = None, /, **fields: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {"date": dates, "type": st.just(kind), **(required or {})},
        optional=optional(notes=prose(60), **fields),
    )


EVENTS = [
    event("planning_meeting", attendees=people_ids),
    event("launch", minutes=minutes, attendance=attendance, principles_introduced=st.booleans()),
    event(
        "meeting",
        minutes=minutes,
        attendance=attendance,
        convened_by=people_ids,
        planning_offer=st.booleans(),
        principles_revisited=st.booleans(),
        themes=st.lists(prose(), max_size=3),
        format=st.sampled_from(FORMATS),
        external_voice=st.booleans(),
        feedback_responses=count,
    ),
    event("contact", channel=prose()),
    event("membership_review"),
    event(
        "task_proposed",
        by=person,
        task=prose(60),
        decision=st.sampled_from(["accepted", "declined", "pending"]),
        decided_by=st.sampled_from(["members", "convener", "planning_group", "sponsor"]),
    ),
    event(
        "funding",
        **{
            "for": st.sampled_from(["experts_by_experience", "venue", "licences", "other"]),
            "outcome": st.sampled_from(["requested", "granted", "denied"]),
            "amount": number(0, 1e9),
        },
    ),
    event(
        "role_change",
        {"role": st.sampled_from([*ROLES, "convener", "planning_group"])},
        **{"from": person, "to": person, "handover": st.booleans()},
    ),
    event(
        "value_evidence",
        {"cycle": st.sampled_from(["immediate", "potential", "applied", "realised", "reframing"])},
        summary=prose(60),
    ),
    event("training", person=person, course=prose()),
    event("governance_report", to=prose()),
    event(
        "closed",
        reason=st.sampled_from(["work_done", "enthusiasts_moved_on", "priorities_changed", "merged", "other"]),
        learning_captured=st.booleans(),
    ),
]

PROFILE_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "stage": st.sampled_from(STAGES),
    "domain": section(
        statement=prose(80),
        strategic_objectives=st.lists(prose(), max_size=3),
        wicked_problems=st.lists(prose(), max_size=3),
        out_of_scope=st.lists(prose(), max_size=2),
    ),
    "convener": section(
        id=person,
        dedicated_hours_per_month=number(0, 744),
        trained=st.booleans(),
        involvement_ends=dates,
        successor=person,
    ),
    "people": st.lists(
        st.fixed_dictionaries({"id": person, "kinds": st.lists(st.sampled_from(KINDS), min_size=1, max_size=3)}),
        max_size=4,
    ),
    "roles": st.dictionaries(st.sampled_from(ROLES), people_ids, max_size=4),
    "planning_group": people_ids,
    "sponsors": st.lists(
        st.fixed_dictionaries({"id": person}, optional=optional(oversight=st.booleans(), in_planning=st.booleans())),
        max_size=3,
    ),
    "membership": section(
        target=prose(60),
        size=count,
        includes=st.lists(st.sampled_from(KINDS), max_size=3),
        commissioners=st.sampled_from(["members", "deferred", "excluded", "undecided"]),
    ),
    "practicalities": section(
        cadence_weeks=st.integers(1, 520) | st.floats(0.1, 520, allow_nan=False, allow_infinity=False),
        meeting_minutes=minutes,
        format=st.sampled_from(FORMATS),
        format_chosen_by_members=st.booleans(),
        schedule=st.sampled_from(["fixed", "rotating"]),
        shift_workers=st.booleans(),
        resources=st.lists(prose(), max_size=3),
    ),
    "experts_by_experience": section(
        involved=st.booleans(),
        recompense=st.sampled_from(["funded", "requested", "unfunded", "not_applicable"]),
        payment_policy=st.booleans(),
    ),
    "governance": section(acknowledged=st.booleans(), reports_to=prose()),
    "between_meetings": section(channels=st.lists(prose(), max_size=3)),
    "value_capture": section(methods=st.lists(prose(), max_size=3)),
    "acknowledged_risks": st.lists(
        st.fixed_dictionaries(
            {"rule": st.text(CHARACTERS, min_size=1, max_size=40), "reason": prose(60)},
            optional=optional(until=dates),
        ),
        max_size=2,
    ),
}


@st.composite
def profiles(draw: st.DrawFn, max_events: int = 6) -> dict[str, Any]:
    """A valid profile as plain data; `events`, when present, is its last key (so its items end the file)."""
    data: dict[str, Any] = draw(
        st.fixed_dictionaries({"copadvisor": st.just(1), "name": prose(60)}, optional=optional(**PROFILE_FIELDS))
    )
    presence = draw(st.sampled_from(["absent", "null", "list", "list", "list"]))
    if presence != "absent":
        data["events"] = draw(st.lists(st.one_of(EVENTS), max_size=max_events)) if presence == "list" else None
    return data


def dump(value: Any, unicode: bool) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=unicode)


# --- helpers -------------------------------------------------------------------------------------------------

ITEM = re.compile(r"^-(?: |$)")


def item_lines(text: str, after: str | None) -> list[int]:
    """1-based lines of the top-level list items in ``text``; those after the line ``after`` when given."""
    lines = text.split("\n")
    start = lines.index(after) + 1 if after is not None else 0
    return [i + 1 for i in range(start, len(lines)) if ITEM.match(lines[i])]


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def assert_located(results: Sequence[LoadedProfile | LoadFailure], files: dict[str, bytes]) -> None:
    """Every problem is in a file that was given, at a line and column that exist in it (or just past its end)."""
    for result in results:
        assert isinstance(result, LoadedProfile | LoadFailure)
        if isinstance(result, LoadFailure):
            assert result.problems, result
            for problem in result.problems:
                assert_in_file(problem, files)


def assert_in_file(problem: Problem, files: dict[str, bytes]) -> None:
    location = problem.location
    assert location.line >= 1, problem
    assert location.column >= 1, problem
    assert "\n" not in problem.message, problem
    if location.path not in files:  # a file that could not be found is named as given, at 1:1
        assert (location.line, location.column) == (1, 1), problem
        return
    lines = _BREAK.split(files[location.path].decode("utf-8", "replace").removeprefix("\ufeff"))
    assert location.line <= len(lines), problem
    assert location.column <= len(lines[location.line - 1]) + 1, problem


def write_files(folder: str, files: dict[str, bytes]) -> dict[str, bytes]:
    """Write ``files`` (names relative to ``folder``); the same, keyed by their full paths."""
    written = {}
    for name, content in files.items():
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(content)
        written[path] = content
    return written


# --- valid profiles round-trip -------------------------------------------------------------------------------


@SETTINGS
@given(data=profiles(), separate_events=st.booleans(), unicode=st.booleans())
def test_a_valid_profile_loads_as_the_model_reads_it(
    data: dict[str, Any], separate_events: bool, unicode: bool
) -> None:
    expected = Profile.model_validate(data)
    events = data.get("events")
    separate = separate_events and isinstance(events, list)
    with tempfile.TemporaryDirectory() as folder:
        if separate:
            cop = dump({k: v for k, v in data.items() if k != "events"}, unicode)
            log = dump(events, unicode)
            files = write_files(folder, {"cop.yaml": cop.encode(), "events.yaml": log.encode()})
            events_path, lines = os.path.join(folder, "events.yaml"), item_lines(log, None)
        else:
            cop = dump(data, unicode)
            files = write_files(folder, {"cop.yaml": cop.encode()})
            events_path, lines = os.path.join(folder, "cop.yaml"), item_lines(cop, "events:") if events else []
        results = load_paths([folder])
        assert_located(results, files)
        (result,) = results
        assert isinstance(result, LoadedProfile), result
        assert result.profile == expected
        assert len(lines) == len(events or [])
        for index, line in enumerate(lines):
            location = result.source.of_value(("events", index))
            assert (location.path, location.line) == (events_path, line)


@SETTINGS
@given(data=profiles(max_events=3))
def test_the_profile_file_may_be_any_yaml_name_and_style(data: dict[str, Any]) -> None:
    # Flow style and sorted keys: the same data, so the same profile.
    text = yaml.safe_dump(data, default_flow_style=True, sort_keys=True, width=60)
    with tempfile.TemporaryDirectory() as folder:
        (path,) = write_files(folder, {"north.yml": text.encode()})
        (result,) = load_paths([path])
        assert isinstance(result, LoadedProfile), result
        assert result.profile == Profile.model_validate(data)
        assert result.slug == "north"


TOP_LEVEL_KEY = re.compile(r"^([a-z_]+):")


@SETTINGS
@given(data=profiles(max_events=3), pick=st.integers(min_value=0))
def test_a_top_level_key_given_again_is_always_reported_where_it_is(data: dict[str, Any], pick: int) -> None:
    text = dump(data, unicode=True)
    lines = text.split("\n")  # the last is the empty one after the final line break: where a new line goes
    keyed = [(n + 1, m.group(1)) for n, line in enumerate(lines) if (m := TOP_LEVEL_KEY.match(line))]
    first, key = keyed[pick % len(keyed)]
    with tempfile.TemporaryDirectory() as folder:
        (path,) = write_files(folder, {"cop.yaml": (text + f"{key}: ~\n").encode()})
        (result,) = load_paths([path])
        assert isinstance(result, LoadFailure)
        assert f"{path}:{len(lines)}:1: profile: duplicate key '{key}' (first defined at line {first})" in [
            str(problem) for problem in result.problems
        ]


# --- anything at all: never an exception ---------------------------------------------------------------------


def load_anything(files: dict[str, bytes], target: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        written = write_files(folder, files)
        paths = [os.path.join(folder, target)] if target else [folder]
        results = load_paths(paths)
        assert_located(results, written)
        if target:
            assert len(results) == 1


@FUZZ
@given(content=st.text())
def test_any_text_named_on_the_command_line_gives_results_not_exceptions(content: str) -> None:
    load_anything({"cop.yaml": content.encode("utf-8", "surrogatepass")}, "cop.yaml")


@FUZZ
@given(content=st.binary(max_size=300))
def test_any_bytes_give_results_not_exceptions(content: bytes) -> None:
    load_anything({"profile.yaml": content}, "profile.yaml")


@FUZZ
@given(cop=st.text(max_size=200), events=st.text(max_size=200))
def test_any_profile_and_event_log_give_results_not_exceptions(cop: str, events: str) -> None:
    load_anything(
        {"cop.yaml": cop.encode("utf-8", "surrogatepass"), "events.yaml": events.encode("utf-8", "surrogatepass")}
    )


YAMLISH = st.sampled_from(
    [
        "copadvisor: 1\n",
        "name: x\n",
        "events:\n",
        "- date: 2024-01-01\n",
        "  type: meeting\n",
        "  - ",
        ": ",
        "- ",
        "  ",
        "\t",
        "\n",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!binary ",
        "!x ",
        "<<: ",
        "? ",
        "'",
        '"',
        "#",
        "---\n",
        "2024-02-30",
        "1e999",
        ".nan",
        "yes",
        "~",
        "\ufeff",
        "\x00",
        "é",
    ]
)


@FUZZ
@given(pieces=st.lists(YAMLISH | st.text(max_size=5), max_size=40))
def test_yaml_like_text_gives_results_not_exceptions(pieces: list[str]) -> None:
    load_anything({"cop.yaml": "".join(pieces).encode("utf-8", "surrogatepass")}, "cop.yaml")


# --- a valid profile, mutated --------------------------------------------------------------------------------

SCALARS = [
    "[1, 2]",
    "{a: 1}",
    "[]",
    "{}",
    "",
    "~",
    "yes",
    "'yes'",
    "-1",
    "0",
    "1.5",
    ".inf",
    "-.inf",
    ".nan",
    "99999999999999999999999",
    "2024-02-30",
    "2024-01-01 10:00:00",
    "!!binary aGk=",
    "!custom x",
    "!!python/object:os.system x",
    "*undefined",
    "&anchor x",
    "<<",
    "'unterminated",
    "[",
    '"\\x00"',
    "|\n  block",
    "- a\n- b",
    "\t",
]
Mutation = Callable[[list[str]], list[str]]
KEY_VALUE = re.compile(r"^(\s*(?:- )?[^:\s]+:)(?: .*)?$")


@st.composite
def mutation(draw: st.DrawFn, size: int) -> Mutation:
    i = draw(st.integers(0, max(size - 1, 0)))
    j = draw(st.integers(0, max(size - 1, 0)))
    junk = draw(st.text(max_size=8) | st.sampled_from(SCALARS))
    value = draw(st.sampled_from(SCALARS) | st.text(max_size=6))
    indent = draw(st.sampled_from(["", " ", "  ", "    ", "\t"]))
    cut = draw(st.integers(0, 200))

    def delete(lines: list[str]) -> list[str]:
        return lines[:i] + lines[i + 1 :]

    def duplicate(lines: list[str]) -> list[str]:
        return lines[: i + 1] + lines[i : i + 1] + lines[i + 1 :]

    def swap(lines: list[str]) -> list[str]:
        out = list(lines)
        if i < len(out) and j < len(out):
            out[i], out[j] = out[j], out[i]
        return out

    def insert(lines: list[str]) -> list[str]:
        return [*lines[:i], junk, *lines[i:]]

    def reindent(lines: list[str]) -> list[str]:
        return [indent + line.lstrip(" ") if n == i else line for n, line in enumerate(lines)]

    def retype(lines: list[str]) -> list[str]:
        return [
            KEY_VALUE.sub(lambda m: f"{m.group(1)} {value}", line) if n == i else line for n, line in enumerate(lines)
        ]

    def truncate(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return text[: len(text) * cut // 200].split("\n")

    return draw(st.sampled_from([delete, duplicate, swap, insert, reindent, retype, truncate]))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = dump(draw(profiles(max_events=4)), draw(st.booleans())).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(mutation(len(lines)))(lines)
    return "\n".join(lines)


@FUZZ
@given(text=mutated())
def test_a_mutated_valid_profile_gives_results_not_exceptions(text: str) -> None:
    load_anything({"cop.yaml": text.encode("utf-8", "surrogatepass")}, "cop.yaml")


@FUZZ
@given(cop=mutated(), events=st.lists(st.one_of(EVENTS), min_size=1, max_size=4), cut=st.integers(0, 100))
def test_a_mutated_event_log_gives_results_not_exceptions(cop: str, events: list[Any], cut: int) -> None:
    log = dump(events, unicode=True)
    log = log[: len(log) * cut // 100] + log[len(log) * cut // 100 :].replace(":", "", 1)
    load_anything({"cop.yaml": cop.encode("utf-8", "surrogatepass"), "events.yaml": log.encode()})


# --- the CLI on random files ---------------------------------------------------------------------------------


def check(folder: str, *options: str) -> tuple[int, str]:
    """``copadvisor check [options] folder``: its exit code and everything it printed."""
    from copadvisor.cli.main import run

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = run(["check", *options, folder])
    return code, printed.getvalue()


def assert_checked(folder: str, *options: str) -> None:
    """Never 3 (an internal error); 2 for a profile that does not load, and only with a located error."""
    failed = any(isinstance(r, LoadFailure) for r in load_paths([folder]))
    code, printed = check(folder, *options)
    assert code == 2 if failed else code in (0, 1, 2), (code, printed)
    if code == 2:
        # The rules engine may refuse a valid profile it cannot represent: an error too, located like the others.
        assert re.search(rf"{re.escape(folder)}/cop\.yaml:[0-9]+:[0-9]+: ", printed), printed


@CLI
@given(content=st.binary(max_size=200) | mutated().map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_the_cli_never_fails_with_an_internal_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_files(folder, {"cop.yaml": content})
        assert_checked(folder)


@CLI
@given(data=profiles(), as_of=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)))
def test_the_cli_checks_any_valid_profile(data: dict[str, Any], as_of: dt.date) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_files(folder, {"cop.yaml": dump(data, unicode=True).encode()})
        assert_checked(folder, "--as-of", as_of.isoformat())

"""copadvisor.load.yamlsource: bytes → text → values with positions, and every way YAML can be refused."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from copadvisor.errors import InputError, Location
from copadvisor.load import yamlsource
from copadvisor.load.yamlsource import MAX_BYTES, MAX_DEPTH, Document, SourceMap, decode, label, parse

PATH = "cop.yaml"


def refused(text: str) -> list[str]:
    """The problems of a text that cannot be parsed at all (``parse`` raises)."""
    with pytest.raises(InputError) as info:
        parse(text, PATH)
    return [str(problem) for problem in info.value.problems]


def kept(text: str) -> list[str]:
    """The problems ``parse`` keeps in a document that still has a value."""
    return [str(problem) for problem in parse(text, PATH).problems]


def undecodable(data: bytes) -> list[str]:
    with pytest.raises(InputError) as info:
        decode(data, PATH)
    return [str(problem) for problem in info.value.problems]


# --- decoding ------------------------------------------------------------------------------------------------


def test_utf8_text_is_decoded() -> None:
    assert decode("name: Café ☕\n".encode(), PATH) == "name: Café ☕\n"


def test_a_utf8_bom_is_accepted_and_dropped() -> None:
    assert decode(b"\xef\xbb\xbfcopadvisor: 1\n", PATH) == "copadvisor: 1\n"


def test_invalid_utf8_is_located_at_the_bad_byte() -> None:
    assert undecodable(b"copadvisor: 1\nname: caf\xe9\n") == [f"{PATH}:2:10: the file is not valid UTF-8 text"]


def test_invalid_utf8_on_a_later_line_counts_columns_in_characters() -> None:
    data = "copadvisor: 1\nname: a\n# ééé\nnotes: ☕☕ x".encode() + b"\xff\n"
    assert undecodable(data) == [f"{PATH}:4:12: the file is not valid UTF-8 text"]


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"a: 1\r\nb: 2\r\nc: \xff\r\n", 3, 4),  # Windows line ends
        (b"a: 1\rb: \xff\r", 2, 4),  # old Mac line ends: YAML counts a lone CR as a line break
        (b"\xef\xbb\xbfa: \xff\n", 1, 4),  # the BOM is not a column
    ],
)
def test_invalid_utf8_lines_are_counted_as_yaml_counts_them(data: bytes, line: int, column: int) -> None:
    assert undecodable(data) == [f"{PATH}:{line}:{column}: the file is not valid UTF-8 text"]


@pytest.mark.parametrize(
    "bad",
    [
        b"\xed\xa0\x80",  # an encoded surrogate
        b"\xc0\xaf",  # an overlong '/'
        b"\xe2\x82",  # a sequence cut short
    ],
)
def test_every_kind_of_malformed_utf8_is_refused(bad: bytes) -> None:
    assert undecodable(b"name: x" + bad + b"\n") == [f"{PATH}:1:8: the file is not valid UTF-8 text"]


def test_binary_content_is_refused_at_the_nul_byte() -> None:
    assert undecodable(b"copadvisor: 1\nna\x00me: a\n") == [f"{PATH}:2:3: binary content (a NUL byte)"]


def test_binary_content_is_refused_even_when_it_would_otherwise_decode() -> None:
    assert undecodable(b"\x00\x01\x02") == [f"{PATH}:1:1: binary content (a NUL byte)"]


def test_a_file_at_the_size_cap_is_read() -> None:
    assert len(decode(b"#" * MAX_BYTES, PATH)) == MAX_BYTES


def test_a_file_over_the_size_cap_is_refused_before_decoding() -> None:
    # Over the cap, even bytes that are not UTF-8 are not looked at.
    assert undecodable(b"\xff" * (MAX_BYTES + 1)) == [f"{PATH}:1:1: the file is larger than the 4 MiB limit"]


def test_the_size_cap_is_read_when_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_BYTES", 1024 * 1024)
    assert undecodable(b"#" * (1024 * 1024 + 1)) == [f"{PATH}:1:1: the file is larger than the 1 MiB limit"]
    assert decode(b"#" * 1024 * 1024, PATH)


# --- YAML syntax ---------------------------------------------------------------------------------------------


def test_a_syntax_error_is_located_where_libyaml_stops() -> None:
    (problem,) = refused("copadvisor: 1\nname: [a\n")
    assert problem == f"{PATH}:3:1: invalid YAML: {LIST_OPEN}"


def test_a_syntax_error_inside_a_line_has_its_column() -> None:
    (problem,) = refused("copadvisor: 1\nname: a: b\n")
    assert problem == (
        f"{PATH}:2:8: invalid YAML: a key is missing its value, or this line is indented too far"
        " (a value that holds ': ' needs quotes)"
    )


def test_an_unclosed_quote_is_a_syntax_error_where_the_quote_opens() -> None:
    (problem,) = refused('copadvisor: 1\nname: "abc\n')
    assert problem == f"{PATH}:2:7: invalid YAML: a quoted text is not closed: its closing quote is missing"


def test_a_syntax_error_is_one_line() -> None:
    (problem,) = refused("a:\n  - b\n c: d\n")
    assert "\n" not in problem
    assert problem.startswith(f"{PATH}:3:")


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line() -> None:
    # libyaml ends the stream on a line of its own; the problem is shown where the text ends.
    (problem,) = refused("copadvisor: 1\nname: [a, é")
    assert problem == f"{PATH}:2:12: invalid YAML: {LIST_OPEN}"
    (problem,) = refused("copadvisor: 1\nname: [a\n")
    assert problem.startswith(f"{PATH}:3:1: invalid YAML:")  # after a final line break, the empty last line


def test_several_documents_in_one_file_are_refused() -> None:
    (problem,) = refused("copadvisor: 1\nname: a\n---\nname: b\n")
    assert problem == f"{PATH}:3:1: invalid YAML: a second YAML document ('---'): the file must hold one document"


LIST_OPEN = "a list in [ ] is not closed: a ']' or a ',' between its items is missing"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: {a: 1\n", "2:1: a mapping in { } is not closed: a '}' or a ',' between its keys is missing"),
        ("- a\nb: 1\n", "2:1: a list item should start with '- ' here, or this line is indented wrongly"),
        (
            "name: 'it's'\n",
            "1:11: this line does not fit the lines above it: check its indentation, and put quotes around a value"
            " that goes on after a closing quote or bracket",
        ),
        ("name: *nope\n", "1:7: an alias (*name) refers to no anchor (&name) defined before it"),
        ("name: @x\n", "1:7: a value cannot start with '@': put the value in quotes"),
        (
            'name: "a\\q"\n',
            "1:9: an unknown escape (\\) in double-quoted text: use single quotes, or write \\\\ for a backslash",
        ),
        ("a: b\nc\nd: e\n", "3:1: a key is missing its ':', or a text that goes on to the next line needs quotes"),
        ("a: - b\n", "1:4: a list ('- ') cannot start on the line of its key: start it on the next line, indented"),
    ],
)
def test_the_common_syntax_errors_in_plain_words(text: str, message: str) -> None:
    assert refused(text) == [f"{PATH}:{message.split(': ', 1)[0]}: invalid YAML: {message.split(': ', 1)[1]}"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("copadvisor: 1\nname: a\nconvener:\n\tid: A\n", 4),  # a tab where a nested key is indented
        ("copadvisor: 1\n\tname: a\n", 2),  # a tab before a top-level key
        ("copadvisor: 1\nname: a\nconvener:\n  id: A\n\t  trained: true\n", 5),  # spaces after a tab
        ("copadvisor: 1\nname: a\nevents:\n  - date: 2024-01-01\n\t- type: meeting\n", 5),  # in a list
    ],
)
def test_tabs_for_indentation_are_named_as_such(text: str, line: int) -> None:
    assert refused(text) == [f"{PATH}:{line}:1: invalid YAML: a tab character where YAML needs spaces for indentation"]


def test_a_tab_between_a_key_and_its_value_is_fine() -> None:
    assert parse("copadvisor: 1\nname:\ta\n", PATH).value == {"copadvisor": 1, "name": "a"}


def test_a_control_character_is_located_and_reported_on_one_line() -> None:
    text = "copadvisor: 1\nname: café\nnotes: a\x01b\n"  # after a two-byte character on the line before
    assert refused(text) == [
        f"{PATH}:3:9: invalid YAML: unacceptable character #x0001: control characters are not allowed"
    ]


def test_a_control_character_written_as_an_escape_is_text() -> None:
    assert parse('name: "a\\x01b"\n', PATH).value == {"name": "a\x01b"}


# --- empty documents -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# and another\n", "---\n...\n", "&anchor\n"])
def test_an_empty_document_has_no_value(text: str) -> None:
    document = parse(text, PATH)
    assert document.value is None
    assert document.problems == ()


# --- duplicate keys ------------------------------------------------------------------------------------------


def test_a_duplicate_top_level_key_is_located_at_the_second_and_names_the_first() -> None:
    document = parse("copadvisor: 1\nname: first\nstage: potential\nname: second\n", PATH)
    assert [str(p) for p in document.problems] == [
        f"{PATH}:4:1: profile: duplicate key 'name' (first defined at line 2)"
    ]
    assert document.value["name"] == "first"


def test_a_duplicate_nested_key_is_located() -> None:
    assert kept("copadvisor: 1\nname: a\nconvener:\n  id: A\n  trained: true\n  id: B\n") == [
        f"{PATH}:6:3: convener: duplicate key 'id' (first defined at line 4)"
    ]


def test_a_duplicate_key_inside_an_event_is_located() -> None:
    text = "copadvisor: 1\nname: a\nevents:\n  - date: 2024-01-01\n    type: meeting\n  - date: 2024-02-01\n"
    text += "    type: meeting\n    type: launch\n"
    assert kept(text) == [f"{PATH}:8:5: events[2]: duplicate key 'type' (first defined at line 7)"]


def test_keys_that_read_the_same_are_duplicates() -> None:
    # `1:` and `"1":` are both the key "1": keys are names, read as the text they show.
    assert kept('roles:\n  1: [A]\n  "1": [B]\n') == [f"{PATH}:3:3: roles: duplicate key '1' (first defined at line 2)"]


def test_a_duplicate_key_in_a_flow_mapping_is_located() -> None:
    assert kept("people:\n  - {id: A, kinds: [other], id: B}\n") == [
        f"{PATH}:2:29: people[1]: duplicate key 'id' (first defined at line 2)"
    ]


# --- what is not plain data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!!python/object:os.system ls", "tag:yaml.org,2002:python/object:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!custom text", "!custom"),
        ("!custom {id: A}", "!custom"),
        ("!!python/object/apply:os.system [ls]", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!set {a, b}", "tag:yaml.org,2002:set"),
        ("!!omap [a: 1]", "tag:yaml.org,2002:omap"),
    ],
)
def test_unsupported_tags_are_refused_at_the_value(value: str, tag: str) -> None:
    document = parse(f"copadvisor: 1\nname: {value}\n", PATH)
    assert [str(p) for p in document.problems] == [
        f"{PATH}:2:7: name: unsupported YAML tag '{tag}': use plain text, numbers, dates and lists"
    ]
    assert document.value == {"copadvisor": 1, "name": None}
    assert ("name",) in document.flagged


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!str 5", "5"),
        ('!!int "5"', 5),
        ("!!map {a: 1}", {"a": 1}),
        ("!!seq [1]", [1]),
        ("!!null ''", None),
    ],
)
def test_the_standard_tags_of_plain_data_are_accepted(value: str, expected: object) -> None:
    document = parse(f"x: {value}\n", PATH)
    assert document.problems == ()
    assert document.value == {"x": expected}


@pytest.mark.parametrize("text", ["<<", "="])
def test_yaml_1_1_special_scalars_are_text_as_values(text: str) -> None:
    document = parse(f"name: {text}\n", PATH)
    assert document.problems == ()
    assert document.value == {"name": text}


def test_merge_keys_are_refused_at_the_key() -> None:
    text = "copadvisor: 1\nname: a\nbase: &b {id: A}\nconvener:\n  trained: true\n  <<: *b\n"
    document = parse(text, PATH)
    assert [str(p) for p in document.problems] == [
        f"{PATH}:6:3: merge keys ('<<') are not supported: write the keys out"
    ]
    assert document.value["convener"] == {"trained": True}  # nothing merged in


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("copadvisor: 1\n[a, b]: c\n", 2, 1),
        ("copadvisor: 1\n{a: 1}: b\n", 2, 1),
        ("copadvisor: 1\n? [a]\n: b\n", 2, 3),
        ("convener:\n  id: A\n  ? {x: 1}\n  : y\n", 3, 5),
    ],
)
def test_a_key_that_is_not_a_scalar_is_refused(text: str, line: int, column: int) -> None:
    assert kept(text) == [f"{PATH}:{line}:{column}: a key must be plain text, not a list or mapping"]


# --- dates ---------------------------------------------------------------------------------------------------


def test_a_date_is_a_date() -> None:
    assert parse("until: 2024-02-29\n", PATH).value == {"until": dt.date(2024, 2, 29)}


@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "2024-13-01", "0000-01-01"])
def test_an_impossible_date_is_refused_at_its_value(date: str) -> None:
    document = parse(f"convener:\n  involvement_ends: {date}\n", PATH)
    assert [str(p) for p in document.problems] == [
        f"{PATH}:2:21: convener.involvement_ends: '{date}' is not a date: there is no such day"
    ]
    assert ("convener", "involvement_ends") in document.flagged


@pytest.mark.parametrize("stamp", ["2024-02-03 10:00:00", "2024-02-03T10:00:00Z", "2024-02-03t10:00:00.5+01:00"])
def test_a_datetime_is_refused_with_a_hint(stamp: str) -> None:
    text = f"events:\n  - type: meeting\n    date: {stamp}\n"
    assert kept(text) == [
        f"{PATH}:3:11: events[1].date: '{stamp}' is not a date: write it as YYYY-MM-DD, without a time"
    ]


# --- caps: aliases and depth ---------------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_the_billion_laughs_are_refused() -> None:
    document = parse(billion_laughs(), PATH)
    assert len(document.problems) == 1
    (problem,) = document.problems
    assert problem.message == (
        "the document is too large: more than 100,000 values once aliases are expanded (an alias bomb?)"
    )
    assert problem.location.path == PATH
    assert () in document.flagged  # nothing of it is validated


def test_alias_expansion_counts_against_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a]\n"  # 1 + 11 + 1 + 5 × 11 = 68 values
    monkeypatch.setattr(yamlsource, "MAX_NODES", 68)
    assert parse(text, PATH).problems == ()
    monkeypatch.setattr(yamlsource, "MAX_NODES", 67)
    (problem,) = parse(text, PATH).problems
    assert "once aliases are expanded" in problem.message


def test_a_plain_alias_is_expanded() -> None:
    document = parse("a: &x [A, B]\nb: *x\n", PATH)
    assert document.value == {"a": ["A", "B"], "b": ["A", "B"]}
    assert document.source.of_value(("b", 1)) == Location(PATH, 1, 11)  # where the aliased node stands


def test_a_recursive_alias_is_refused_without_hanging() -> None:
    outcome: list[Document | BaseException] = []

    def target() -> None:
        try:
            outcome.append(parse("a: &x [*x]\n", PATH))
        except BaseException as exc:  # pragma: no cover - reported by the assertion below
            outcome.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "parsing a recursive alias did not finish"
    (document,) = outcome
    assert isinstance(document, Document)
    (problem,) = document.problems
    assert problem.message.startswith("the document is too large")


def test_nesting_up_to_the_cap_is_accepted() -> None:
    # The value of `x` is at depth 1: the n-th list is at depth n.
    depth = MAX_DEPTH
    assert parse("x: " + "[" * depth + "]" * depth + "\n", PATH).problems == ()


def test_nesting_beyond_the_cap_is_refused_at_the_first_node_too_deep() -> None:
    depth = MAX_DEPTH + 1
    text = "x: " + "[" * depth + "]" * depth + "\n"
    assert kept(text) == [f"{PATH}:1:{3 + depth}: the document is too large: nested more than {MAX_DEPTH} levels deep"]


def test_deep_block_nesting_is_refused() -> None:
    # The value of `k{n}` is the mapping of `k{n+1}`, at depth n + 1: the first too deep is that of k{MAX_DEPTH + 1}.
    text = "".join(" " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 5))
    line = MAX_DEPTH + 2
    assert kept(text) == [f"{PATH}:{line}:{line}: the document is too large: nested more than {MAX_DEPTH} levels deep"]


def test_nesting_beyond_libyamls_own_limit_is_a_syntax_error() -> None:
    (problem,) = refused("x: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problem.startswith(f"{PATH}:1:")
    assert "invalid YAML" in problem


def test_a_long_text_of_tiny_nodes_is_refused_before_it_is_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 10)
    # 1 mapping + 1 key + 1 list + its items: the 21st node is the list's 18th item, at column 4 + 17 × 2 + 1.
    text = "x: [" + ", ".join(["1"] * 30) + "]\n"
    text = text.replace(", ", ",")
    assert refused(text) == [f"{PATH}:1:39: the document is too large: more than 20 keys and values"]


def test_a_long_text_under_the_count_is_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 10)
    text = "x: " + "'" + "y" * 100 + "'\n"  # long, but three nodes
    assert parse(text, PATH).value == {"x": "y" * 100}


def test_messages_name_paths_within_the_whole_document() -> None:
    # An event log is parsed on its own but read as the profile's `events`: its messages say so ...
    text = "- date: 2024-02-30\n  type: meeting\n  type: launch\n"
    document = parse(text, "events.yaml", within=("events",))
    assert [str(p) for p in document.problems] == [
        "events.yaml:1:9: events[1].date: '2024-02-30' is not a date: there is no such day",
        "events.yaml:3:3: events[1]: duplicate key 'type' (first defined at line 2)",
    ]
    # ... while its paths stay its own.
    assert document.flagged == frozenset({(0, "date")})
    assert document.source.of_value((0, "type")) == Location("events.yaml", 2, 9)


# --- positions -----------------------------------------------------------------------------------------------


def test_positions_of_values_and_keys() -> None:
    text = "copadvisor: 1\nconvener:\n  id: AK\nroles:\n  admin: [LG, JC]\n"
    source = parse(text, PATH).source
    assert source.of_key(("convener", "id")) == Location(PATH, 3, 3)
    assert source.of_value(("convener", "id")) == Location(PATH, 3, 7)
    assert source.of_value(("convener",)) == Location(PATH, 3, 3)  # a block mapping starts at its first key
    assert source.of_value(("roles", "admin", 1)) == Location(PATH, 5, 15)
    assert source.of_key(("roles", "admin", 1)) == Location(PATH, 5, 15)  # a list item has no key


def test_a_missing_path_falls_back_to_the_nearest_enclosing_value() -> None:
    source = parse("copadvisor: 1\nconvener:\n  id: AK\n", PATH).source
    assert source.of_value(("convener", "trained")) == Location(PATH, 3, 3)
    assert source.of_value(("nothing", "here")) == Location(PATH)
    assert source.of_value(()) == Location(PATH, 1, 1)


def test_an_empty_source_map_points_at_the_file() -> None:
    assert SourceMap("x.yaml").of_key(("a", 0)) == Location("x.yaml", 1, 1)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), "profile"),
        (("name",), "name"),
        (("convener", "id"), "convener.id"),
        (("events", 3, "minutes"), "events[4].minutes"),
        (("roles", "admin", 0), "roles.admin[1]"),
    ],
)
def test_label(path: tuple[str | int, ...], text: str) -> None:
    assert label(path) == text

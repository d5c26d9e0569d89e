"""YAML bytes → plain Python values, with the position of every node kept.

PyYAML's C composer gives nodes with marks; we build the values from the nodes ourselves rather than with a
constructor so that we can (a) record positions by path, (b) refuse duplicate keys, which PyYAML silently
drops, (c) cap alias expansion ("billion laughs") and (d) refuse every tag that is not plain data.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

from copadvisor.errors import DATE_FORM, NO_SUCH_DAY, WITH_A_TIME, InputError, Location, Problem, not_a_date, shorten

try:
    _BaseLoader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

_RESOLVED_CACHE = 4096  # distinct plain scalars remembered; a profile repeats most of its values
_RESOLVED_LENGTH = 64  # longer texts are resolved each time (they are rarely repeated)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, with the tag of plain scalars remembered: resolving a plain scalar runs regular
    expressions in Python for every key and value, and its result depends on the text alone (the safe
    loader has no path resolvers)."""

    _resolved: dict[str, str] = {}  # noqa: RUF012 - a process-wide cache, bounded below

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or not implicit[0] or len(value) > _RESOLVED_LENGTH:
            return super().resolve(kind, value, implicit)
        tag = self._resolved.get(value)
        if tag is None:
            if len(self._resolved) >= _RESOLVED_CACHE:
                self._resolved.clear()
            tag = self._resolved[value] = super().resolve(kind, value, implicit)
        return tag


MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 100_000  # counted after alias expansion; a CoP's profile of ten years has a few thousand
MAX_DEPTH = 64

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_CONSTRUCT: Any = yaml.constructor.SafeConstructor()
_SCALARS = {
    _TAG + "str": lambda node: node.value,
    _TAG + "null": lambda node: None,
    _TAG + "bool": _CONSTRUCT.construct_yaml_bool,
    _TAG + "int": _CONSTRUCT.construct_yaml_int,
    _TAG + "float": _CONSTRUCT.construct_yaml_float,
    _TAG + "timestamp": _CONSTRUCT.construct_yaml_timestamp,
    # `key: <<` as a *value* is just text; as a key it is refused below. So is a lone `=` (YAML 1.1's "value").
    _TAG + "merge": lambda node: node.value,
    _TAG + "value": lambda node: node.value,
}
_COLLECTIONS = (_TAG + "map", _TAG + "seq")
_STR = _TAG + "str"
_INT = _TAG + "int"
_TIMESTAMP = _TAG + "timestamp"


def _quick_scalar(tag: str, text: str) -> int | dt.date | None:
    """The two common forms PyYAML's constructors would give the same value for, without them: a decimal
    integer (not ``0…``, which YAML 1.1 reads as octal) and a date ``YYYY-MM-DD``; None for anything else."""
    if not text.isascii():
        return None
    if tag == _INT and text.isdigit() and (text[0] != "0" or text == "0"):
        return int(text)
    if tag == _TIMESTAMP and len(text) == 10 and text[4] == text[7] == "-":
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdigit() and month.isdigit() and day.isdigit():
            return dt.date(int(year), int(month), int(day))
    return None


@dataclass(frozen=True)
class SourceMap:
    """Where each value (and each mapping key) of a parsed document stands, by path from the root."""

    path: str
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

    def of_value(self, path: Path) -> Location:
        """The value at ``path``, or the nearest enclosing one that exists."""
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, Location(self.path)) if path else Location(self.path)

    def of_key(self, path: Path) -> Location:
        """The key that names ``path`` (for a list item: the item itself)."""
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class Document:
    """A parsed document; ``problems`` are those that still leave a value (the bad parts as ``None``)."""

    value: Any
    source: SourceMap
    problems: tuple[Problem, ...] = ()
    flagged: frozenset[Path] = frozenset()


def label(path: Path) -> str:
    """A path as a user reads it, list items counted from 1: ``events[3].minutes`` is the third event's."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "profile"


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM allowed), or a located error for binary, oversized or mis-encoded content."""
    if len(data) > MAX_BYTES:
        raise InputError([Problem(Location(path), f"the file is larger than the {MAX_BYTES // 1048576} MiB limit")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(Location(path), "the file is UTF-16 text: save it as UTF-8")])
    if b"\x00" in data:
        raise InputError([_at_offset(path, data, data.index(b"\x00"), "binary content (a NUL byte)")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([_at_offset(path, data, exc.start, "the file is not valid UTF-8 text")]) from None
    return text.removeprefix("\ufeff")


def _at_offset(path: str, data: bytes, offset: int, message: str) -> Problem:
    """The problem at byte ``offset``, with the line and the column in characters, as YAML counts them."""
    before = data[:offset].decode("utf-8", "replace").removeprefix("\ufeff")
    lines = _LINE_BREAK.split(before)
    return Problem(Location(path, len(lines), len(lines[-1]) + 1), message)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML 1.1's line breaks, as libyaml reads them


def parse(text: str, path: str, within: Path = ()) -> Document:
    """Parse one YAML document; a syntax error raises, other problems are kept in the document.

    ``within`` is where the document stands in the whole (``("events",)`` for an event log), for messages only.
    """
    # The composed nodes and the values built from them are acyclic and mostly short-lived: collecting
    # cycles among them is wasted work (it took 15 % of a large lint's time, the nodes being scanned again
    # and again while the tree was built). Reference counting frees them; a rare cycle (a recursive alias)
    # waits for the next collection.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, within)
    finally:
        if collecting:
            gc.enable()


def compose(text: str) -> yaml.Node | None:
    """The node tree of a text already parsed (with its marks, in characters), by the loader ``parse`` uses: a
    text it reads (tabs between tokens, say) composes the same."""
    node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    return node


def _parse(text: str, path: str, within: Path) -> Document:
    try:
        if len(text) > 2 * MAX_NODES:
            _count_nodes(text, path)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, path, text)]) from None
    except yaml.reader.ReaderError as exc:  # a control character; libyaml gives its offset in UTF-8 bytes
        message = f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}"
        raise InputError([_at_offset(path, text.encode("utf-8", "replace"), exc.position, message)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error carries a mark
        raise InputError([Problem(Location(path), f"invalid YAML: {exc}")]) from None
    builder = _Builder(path, within)
    value = builder.build(node, ()) if node is not None else None
    source = SourceMap(path, builder.values, builder.keys)
    return Document(value, source, tuple(builder.problems), frozenset(builder.flagged))


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _count_nodes(text: str, path: str) -> None:
    """Refuse a long text of tiny nodes before composing it: a composed node costs libyaml ~300 bytes.

    Only a text longer than ``2 * MAX_NODES`` can hold that many keys and values; events are cheap to count.
    """
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _NODE_EVENTS):
            count += 1
            if count > 2 * MAX_NODES:
                why = f"the document is too large: more than {2 * MAX_NODES:,} keys and values"
                raise InputError([Problem(_loc(path, event.start_mark), why)])


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# libyaml's words for the common mistakes → what the user did, in plain words (the mark says where).
PLAIN_SYNTAX = {
    "mapping values are not allowed in this context": (
        "a key is missing its value, or this line is indented too far (a value that holds ': ' needs quotes)"
    ),
    "did not find expected ',' or ']'": "a list in [ ] is not closed: a ']' or a ',' between its items is missing",
    "did not find expected ',' or '}'": "a mapping in { } is not closed: a '}' or a ',' between its keys is missing",
    "found unexpected end of stream": "a quoted text is not closed: its closing quote is missing",
    "did not find expected '-' indicator": "a list item should start with '- ' here, or this line is indented wrongly",
    "did not find expected key": (
        "this line does not fit the lines above it: check its indentation, and put quotes around a value that "
        "goes on after a closing quote or bracket"
    ),
    "did not find expected node content": "a value is missing, or starts with a character that needs quotes",
    "found undefined alias": "an alias (*name) refers to no anchor (&name) defined before it",
    "found character that cannot start any token": "a value cannot start with {char}: put the value in quotes",
    "found unknown escape character": (
        "an unknown escape (\\) in double-quoted text: use single quotes, or write \\\\ for a backslash"
    ),
    "block sequence entries are not allowed in this context": (
        "a list ('- ') cannot start on the line of its key: start it on the next line, indented"
    ),
    "but found another document": "a second YAML document ('---'): the file must hold one document",
    "could not find expected ':'": "a key is missing its ':', or a text that goes on to the next line needs quotes",
    "found a tab character where an indentation space is expected": (
        "a tab character where YAML needs spaces for indentation"
    ),
}


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.problem == "found unexpected end of stream" and exc.context_mark is not None:
        mark = exc.context_mark  # where the quote that is never closed opens, not the end of the file
    problem = (exc.problem or "invalid YAML").replace("\t", "\\t")
    if "tab" in problem or (mark is not None and text[mark.index : mark.index + 1] == "\t"):
        problem = "a tab character where YAML needs spaces for indentation"
    elif problem in PLAIN_SYNTAX:
        char = text[mark.index : mark.index + 1] if mark is not None else ""
        problem = PLAIN_SYNTAX[problem].replace("{char}", f"'{char}'" if char.strip() else "this character")
    elif exc.context:
        problem = f"{problem} ({exc.context})"
    if mark is None:
        return Problem(Location(path), f"invalid YAML: {problem}")
    past_end = mark.index >= len(text) or mark.line >= len(text.splitlines() or [""])
    if past_end:  # libyaml ends the stream on a line break of its own, past the last line
        return _at_offset(path, text.encode("utf-8"), len(text.encode("utf-8")), f"invalid YAML: {problem}")
    return Problem(_loc(path, mark), f"invalid YAML: {problem}")


class _Builder:
    """Builds values from nodes, with a budget shared by every alias expansion."""

    def __init__(self, path: str, within: Path = ()) -> None:
        self.path = path
        self.within = within
        self.values: dict[Path, Location] = {}
        self.keys: dict[Path, Location] = {}
        self.problems: list[Problem] = []
        self.budget = MAX_NODES
        self.refused = False
        self.flagged: set[Path] = set()

    def build(self, node: yaml.Node, path: Path) -> Any:
        # The hot loop of loading: every node of every profile comes through here, so plain text values
        # and the node's position are handled inline.
        self.budget -= 1
        if self.budget < 0:
            return self._refuse(node, f"more than {MAX_NODES:,} values once aliases are expanded (an alias bomb?)")
        if len(path) > MAX_DEPTH:
            return self._refuse(node, f"nested more than {MAX_DEPTH} levels deep")
        mark = node.start_mark
        self.values[path] = Location(self.path, mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.tag == _STR else self._scalar(node, path)
        if node.tag not in _COLLECTIONS:
            return self._unsupported(node, path)  # `!custom {…}`, `!!set`, `!!python/object:… {…}`
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def _refuse(self, node: yaml.Node, why: str) -> None:
        # One message is enough, and an exhausted budget stops all further building.
        if not self.refused:
            self.refused = True
            self.budget = -1
            self._problem(node, f"the document is too large: {why}")
            self.flagged.add(())

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Hashable, Any]:
        result: dict[Hashable, Any] = {}
        keys = self.keys
        for key_node, value_node in node.value:
            if key_node.tag == _STR and isinstance(key_node, yaml.ScalarNode):
                key = key_node.value  # the usual key: plain text
            elif (key := self._key(key_node)) is None:
                continue
            key_path = (*path, key)
            if key in result:
                self._problem(
                    key_node,
                    f"{self._label(path)}: duplicate key '{key}' (first defined at line {keys[key_path].line})",
                )
                continue
            mark = key_node.start_mark
            keys[key_path] = Location(self.path, mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, key_path)
        return result

    def _key(self, node: yaml.Node) -> str | None:
        if node.tag == _TAG + "merge":
            self._problem(node, "merge keys ('<<') are not supported: write the keys out")
        elif not isinstance(node, yaml.ScalarNode):
            self._problem(node, "a key must be plain text, not a list or mapping")
        else:
            # Keys are names: `yes:` or `1:` are read as the text they show.
            return str(node.value)
        return None

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        construct = _SCALARS.get(node.tag)
        if construct is None:
            return self._unsupported(node, path)
        try:
            value = _quick_scalar(node.tag, node.value)
            if value is None:
                value = construct(node)
        except (ValueError, OverflowError, LookupError, AttributeError):  # `!!bool maybe`, `!!int ""`, …
            if node.tag.endswith("timestamp"):
                why = not_a_date(node.value, NO_SUCH_DAY if ISO_DAY.fullmatch(node.value) else DATE_FORM)
            else:
                why = f"'{shorten(node.value)}' is not a valid {node.tag.removeprefix(_TAG)}"
            self._problem(node, f"{self._label(path)}: {why}")
            self.flagged.add(path)
            return None
        if isinstance(value, dt.datetime):
            self._problem(node, f"{self._label(path)}: {not_a_date(node.value, WITH_A_TIME)}")
            self.flagged.add(path)
            return None
        if isinstance(value, dt.date) and len(node.value) != 10:  # YAML also reads 2026-1-5 as a date
            self._problem(node, f"{self._label(path)}: {not_a_date(node.value)}")
            self.flagged.add(path)
            return None
        return value

    def _unsupported(self, node: yaml.Node, path: Path) -> None:
        self._problem(
            node,
            f"{self._label(path)}: unsupported YAML tag '{node.tag}': use plain text, numbers, dates and lists",
        )
        self.flagged.add(path)

    def _label(self, path: Path) -> str:
        return label((*self.within, *path))

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(_loc(self.path, node.start_mark), message))

"""Appending imported events to a profile's ``events.yaml`` (SPEC §3.4): the shared half of every importer.

What is there stays byte for byte — comments, order, flow style, a BOM, CRLF line ends: the new events are
*appended as text*, never re-dumped. An event's identity is its date and its kind (a launch and a meeting on
one day are the same session), so a second import of the same file adds nothing. The new text is read back
and checked before it is written, and it is written atomically (``files.write_file``); on any bad input
nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import write_file
from copadvisor.load import LoadedProfile, LoadFailure, discover, load_source
from copadvisor.load.discover import EVENTS_NAMES
from copadvisor.load.validate import validate_profile
from copadvisor.load.yamlsource import compose, parse
from copadvisor.model import EventBase

SESSION = "session"
HEADER = "# The CoP's event log (see `copadvisor schema events`). Imported events are appended below.\n"

# The order of an event's keys when written: date and type first, the rest as the importer gives them.
Event = Mapping[str, Any]


@dataclass(frozen=True)
class Target:
    """A profile's event log as it stands: where it is (or will be), its text, and its events."""

    profile: LoadedProfile
    path: str
    text: str | None  # None when events.yaml does not exist yet

    @property
    def events(self) -> Sequence[EventBase]:
        return self.profile.profile.events or ()


@dataclass(frozen=True)
class Fill:
    """A field to add to an event already in the log (by its index there), which does not record it."""

    index: int
    key: str
    value: Any


@dataclass(frozen=True)
class Outcome:
    """What an import did (or, with ``--dry-run``, would do)."""

    added: tuple[Event, ...]
    skipped: int
    text: str  # the events.yaml that results
    notes: tuple[str, ...] = ()
    filled: tuple[Fill, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.filled)


def identity(date: dt.date, kind: str) -> tuple[dt.date, str]:
    """The identity of an event: its date and type, a launch and a meeting being one session."""
    return date, SESSION if kind in ("launch", "meeting") else kind


def identities(events: Iterable[EventBase]) -> set[tuple[dt.date, str]]:
    return {identity(e.date, getattr(e, "type", "")) for e in events}


def open_target(folder: str) -> Target:
    """The profile in ``folder`` (its own ``cop.yaml``), loaded and valid, and its event log."""
    if not os.path.isdir(folder):
        raise InputError([Problem(Location(folder), "not a folder: --profile names a profile's folder")])
    sources, problems = discover([folder])
    own = [s for s in sources if os.path.realpath(os.path.dirname(s.path)) == os.path.realpath(folder)]
    if problems or not own:
        raise InputError(problems or [Problem(Location(folder), "no cop.yaml in this folder")])
    loaded = load_source(own[0])
    if isinstance(loaded, LoadFailure):
        raise InputError(loaded.problems)
    if own[0].events_path is None and loaded.profile.events is not None:
        where = loaded.source.of_key(("events",))
        raise InputError([Problem(where, "the events are kept here, in cop.yaml: import appends to events.yaml")])
    path = own[0].events_path or os.path.join(folder, EVENTS_NAMES[0])
    if os.path.islink(path):
        why = "is a symbolic link: import writes only a profile's own events file, never through a link"
        raise InputError([Problem(Location(path), why)])
    text = _read_text(path) if own[0].events_path else None
    return Target(loaded, path, text)


def _read_text(path: str) -> str:
    with open(path, "rb") as handle:  # already read and validated by the loader: it is a regular UTF-8 file
        return handle.read().decode("utf-8")


def append(
    target: Target, new: Sequence[Event], skipped: int, notes: Sequence[str] = (), fills: Sequence[Fill] = ()
) -> Outcome:
    """The event log with ``fills`` added to the events they name and ``new`` appended in date order (those
    already recorded must be left out)."""
    ordered = tuple(sorted(new, key=lambda e: e["date"]))
    text = target.text if target.text is not None else HEADER
    if ordered or fills:
        _refuse_odd_forms(target, text)
        text = _appended(target, _filled(target, text, fills), ordered)
        try:
            _check(target, text, len(ordered), fills)
        except InputError as exc:  # a form of YAML the appender does not know: say so, at the user's file
            why = (
                f"import cannot add to this file as it is written (the result would not read: {exc.problems[0].message}"
            )
            raise InputError([Problem(Location(target.path), why + "); nothing was written")]) from None
    return Outcome(ordered, skipped, text, tuple(notes), tuple(fills))


def write(target: Target, outcome: Outcome, inputs: Iterable[str] = ()) -> None:
    """The new event log written over the old one, never over ``inputs`` (the file imported)."""
    if outcome.changed:
        write_file(target.path, outcome.text, inputs)


def _compose(text: str) -> tuple[int, yaml.Node | None]:
    bom = 1 if text.startswith("\ufeff") else 0
    return bom, compose(text[bom:]) if text.strip("\ufeff \t\r\n") else None


def _newline(text: str) -> str:
    """The file's own line end: CRLF, a lone CR (old Mac files) or LF."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


_LINES = re.compile("\r\n|[\r\n]")
_DOCUMENT_END = re.compile(r"\.\.\.(?=[ \t]|$)")


def _refuse_odd_forms(target: Target, text: str) -> None:
    """Forms of YAML the loader reads but text cannot be appended to: refused where they are in the user's file."""
    for number, line in enumerate(_LINES.split(text.removeprefix("\ufeff")), start=1):
        if _DOCUMENT_END.match(line):
            why = "the event log ends its document with '...': import cannot append after a document end; remove it"
            raise InputError([Problem(Location(target.path, number, 1), why)])


def _filled(target: Target, text: str, fills: Sequence[Fill]) -> str:
    """Each fill written into its event: ``, key: value`` before a flow mapping's ``}``, or a new line
    ``key: value`` after a block mapping's last line (every existing line of a block mapping stays as it is)."""
    if not fills:
        return text
    bom, document = _compose(text)
    if not isinstance(document, yaml.SequenceNode):  # pragma: no cover - fills name events of this list
        raise RuntimeError("fills need the event log's list")
    newline = _newline(text)
    edits = [_edit(text, bom, document.value[f.index], f, newline, target.path) for f in fills]
    for position, insert, end in sorted(edits, reverse=True):
        text = text[:position] + insert + text[end:]
    return text


def _edit(text: str, bom: int, node: yaml.Node, fill: Fill, newline: str, path: str) -> tuple[int, str, int]:
    if not isinstance(node, yaml.MappingNode):  # pragma: no cover - the loader validated every event
        raise RuntimeError("an event is a mapping")
    pair = f"{scalar(fill.key)}: {_value(fill.value)}"
    given = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == fill.key), None)
    if given is not None:  # `attendance: null`, `attendance: ~` or `attendance:` with nothing: the value goes there
        start, end = bom + given.start_mark.index, bom + given.end_mark.index
        if start == end:  # an empty value: just after the key's colon
            key = next(k for k, v in node.value if v is given)
            start = end = text.index(":", bom + key.end_mark.index) + 1
            return start, " " + _value(fill.value), end
        return start, _value(fill.value), end
    if node.flow_style:
        close = bom + node.end_mark.index - 1
        comma = bool(node.value) and not text[:close].rstrip().endswith(",")  # `{…, minutes: 60, }` has one
        return _at(close, (", " if comma else "") + pair)
    last: yaml.Node = node
    while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and last.value:
        item = last.value[-1]
        after = item[0] if isinstance(item, tuple) else last
        last = item[1] if isinstance(item, tuple) else item
        if last.start_mark.index < after.start_mark.index:  # an alias: its node is the anchor's, elsewhere
            where = Location(path, after.start_mark.line + 1, after.start_mark.column + 1)
            why = "the event ends with an alias (*name): import cannot add to it; write the value out instead"
            raise InputError([Problem(where, why)])
    end = bom + last.end_mark.index
    line = " " * node.start_mark.column + pair + newline
    if last.end_mark.column == 0:
        return _at(end, line)
    cut = text.find(newline[-1], end)
    return _at(len(text), newline + line.removesuffix(newline)) if cut < 0 else _at(cut + 1, line)


def _at(position: int, insert: str) -> tuple[int, str, int]:
    """An insertion at ``position``: an edit that replaces nothing."""
    return position, insert, position


def _appended(target: Target, text: str, events: Sequence[Event]) -> str:
    if not events:
        return text
    newline = _newline(text)
    bom, document = _compose(text)
    indent = ""
    if isinstance(document, yaml.SequenceNode):
        if document.flow_style and document.value:
            where = Location(target.path, document.start_mark.line + 1, document.start_mark.column + 1)
            raise InputError([Problem(where, "the event log is one [ … ] list: import appends to `- ` lines")])
        if document.flow_style:  # `[]`, as `copadvisor init` writes it: the one text that gives way to the events
            text = text[: bom + document.start_mark.index] + text[bom + document.end_mark.index :]
        else:
            indent = " " * document.start_mark.column
    elif isinstance(document, yaml.ScalarNode) and document.tag.endswith(":null"):
        # `null` or `~`, the empty log written out: it gives way to the events, as `[]` does
        text = text[: bom + document.start_mark.index] + text[bom + document.end_mark.index :]
    elif document is not None:
        raise InputError([Problem(Location(target.path), "an event log must be a list of events (- date: …)")])
    lines = [indent + line for event in events for line in entry(event)]
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return text + newline.join(lines) + newline


def _check(target: Target, text: str, added: int, fills: Sequence[Fill]) -> None:
    """The new file must read back as the old events (with the fills) followed by the new ones: a bug, if not."""
    document = parse(text, target.path, ("events",))
    value = {**_profile_value(target), "events": document.value}
    events = validate_profile(value, document.source).events or ()
    old = list(target.events)
    for fill in fills:
        old[fill.index] = old[fill.index].model_copy(update={fill.key: fill.value})
    if len(events) != len(old) + added or list(events[: len(old)]) != old:
        raise RuntimeError("the new event log does not read back as the old one followed by the new events")


def _profile_value(target: Target) -> dict[str, Any]:
    return target.profile.profile.model_dump(by_alias=True, exclude_none=True, exclude={"events"})


# --- writing one event as YAML text ------------------------------------------------------------------------


def entry(event: Event) -> list[str]:
    """One event as list-item lines: a flow mapping on one line, or (with a nested map) a block mapping."""
    if not any(isinstance(v, Mapping) and any(isinstance(x, Mapping) for x in v.values()) for v in event.values()):
        return ["- " + flow(event)]
    lines = []
    for number, (key, value) in enumerate(event.items()):
        lead = "- " if number == 0 else "  "
        if isinstance(value, Mapping):
            lines.append(f"{lead}{scalar(key)}:")
            lines += [f"    {scalar(k)}: {_value(v)}" for k, v in value.items()]
        else:
            lines.append(f"{lead}{scalar(key)}: {_value(value)}")
    return lines


def flow(mapping: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{scalar(k)}: {_value(v)}" for k, v in mapping.items()) + "}"


def _value(value: Any) -> str:
    return flow(value) if isinstance(value, Mapping) else scalar(value)


def scalar(value: Any) -> str:
    """A plain YAML scalar where it reads back as itself, else a double-quoted one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    plain = text[:1].isalpha() and text.replace("_", "").isalnum() and text.isascii() and yaml.safe_load(text) == text
    return text if plain else json.dumps(text, ensure_ascii=False)

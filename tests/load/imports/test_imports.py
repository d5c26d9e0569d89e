"""The importers as a whole (``copadvisor.load.imports``): import → load → import again is a fixed point, and
what was in events.yaml is still its beginning, byte for byte."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from copadvisor.load.imports.append import open_target, write
from copadvisor.load.imports.attendance import Register, import_attendance
from copadvisor.load.imports.calendar import Occurrence, Read, import_calendar
from copadvisor.load.imports.pulse import Tallied, import_pulse

from .support import profile

DAYS = st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31))
COMMENT = st.sampled_from(["", "  # kept", "  # über, ‘quoted’"])


@st.composite
def existing_log(draw: st.DrawFn) -> str:
    """An events.yaml as people write it: comments, flow and block items, blank lines, CRLF or LF, a BOM."""
    lines = [draw(st.sampled_from(["", "# The log\n", "# yaml-language-server: $schema=events.schema.json\n"]))]
    for day in draw(st.lists(DAYS, max_size=6, unique=True)):
        kind = draw(st.sampled_from(["meeting", "launch", "contact", "pulse"]))
        extra = ", responses: 7" if kind == "pulse" else ""
        if draw(st.booleans()):
            lines.append(f"- {{date: {day}, type: {kind}{extra}}}{draw(COMMENT)}\n")
        else:
            lines.append(f"- date: {day}{draw(COMMENT)}\n  type: {kind}\n" + (f"  {extra[2:]}\n" if extra else ""))
        lines.append(draw(st.sampled_from(["", "\n", "# between\n"])))
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if draw(st.booleans()) else "") + text


OCCURRENCES = st.lists(st.builds(Occurrence, DAYS, st.integers(1, 24 * 60)), max_size=8).map(
    lambda os: Read(tuple(sorted({o.date: o for o in os}.values(), key=lambda o: o.date)), 0)
)
COUNTS = st.one_of(st.integers(0, 60), st.fixed_dictionaries({"practitioner": st.integers(0, 30)}))
REGISTERS = st.dictionaries(DAYS, COUNTS, max_size=6).map(lambda d: Register(tuple(sorted(d.items())), 0))


@settings(max_examples=60, deadline=None)
@given(existing_log(), OCCURRENCES, st.booleans(), DAYS)
def test_calendar_and_pulse_imports_are_fixed_points_keeping_the_prefix(
    text: str, read: Read, launch: bool, day: dt.date
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = profile(Path(tmp), text.encode("utf-8"))
        target = open_target(folder)
        first = import_calendar(target, read, launch)
        write(target, first)
        target = open_target(folder)
        pulse = import_pulse(target, day, Tallied(6, {"voice": {"agree": 5, "neutral": 1, "disagree": 0}}))
        write(target, pulse)
        after = (Path(folder) / "events.yaml").read_bytes()
        assert after.startswith(text.encode("utf-8"))
        again = open_target(folder)
        assert import_calendar(again, read, launch).added == ()
        assert import_pulse(again, day, Tallied(9, {})).added == ()
        events = again.events
        assert len(events) == len(target.events) + len(pulse.added)


@settings(max_examples=60, deadline=None)
@given(existing_log(), REGISTERS)
def test_attendance_import_is_a_fixed_point_and_keeps_every_line_in_order(text: str, register: Register) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = profile(Path(tmp), text.encode("utf-8"))
        target = open_target(folder)
        write(target, import_attendance(target, register))
        after = (Path(folder) / "events.yaml").read_bytes().decode("utf-8")
        again = open_target(folder)
        second = import_attendance(again, register)
        assert (second.added, second.filled, second.text) == ((), (), after)
        if "{" not in text:  # block items only: every line that was there is still there, in order
            remaining = iter(after.splitlines())
            assert all(line in remaining for line in text.splitlines())

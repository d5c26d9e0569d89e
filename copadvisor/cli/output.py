"""Where the CLI's text goes: a report to a file or to stdout, a message to stderr. The one place that writes.

- A report file is written by ``copadvisor.files.write_file``: never over an input of the run (after
  resolving links), never over a YAML file (by its name or through a link), through a temporary file renamed
  into place; a failure is a located error (exit 2) and leaves nothing behind.
- stdout and stderr may not encode every character (a cp1252 or ASCII console): the text degrades to ASCII
  stand-ins ("—" as "-", "→" as "->") and escapes, never an internal error. A closed stdout is a plain error.
- Every message on stderr is neutralised (``copadvisor.render.safe.message``): one line each, no control
  characters, no GitHub workflow command forged from input.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import click

from copadvisor.errors import InputError, Location, Problem, UsageError
from copadvisor.files import PIECE, open_output, write_file
from copadvisor.render import safe

if TYPE_CHECKING:
    from copadvisor.report import Report

# What the renderers' own typography becomes on a console that cannot show it.
ASCII = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "→": "->",
        "←": "<-",
        "…": "...",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "✓": "v",
        "✗": "x",
        "•": "*",
        "·": "*",
        "≥": ">=",
        "≤": "<=",
        "×": "x",
    }
)


YAML = (".yaml", ".yml")


def is_yaml(path: str) -> bool:
    """A path that could be a profile: reports are never written over one (any letter case), neither by its
    name nor through a link (``out.html -> p/cop.yaml``: the file written is the link's target)."""
    return has_suffix(path, YAML)


def has_suffix(path: str, suffixes: tuple[str, ...]) -> bool:
    """``path``, or the file it resolves to once links are followed, ends with one of ``suffixes``."""
    return any(name.lower().endswith(suffixes) for name in (path, os.path.realpath(path)))


def not_over_yaml(path: str) -> None:
    """A ``UsageError`` when ``path`` is, or is a link to, a YAML file."""
    if is_yaml(path):
        raise UsageError(f"{safe.text(path)}: will not write a report over a YAML file (it could be a profile)")


def emit(text: str, output: str | None, inputs: Sequence[str] = ()) -> None:
    """Print ``text``, or write it to ``output`` (never over a YAML file nor any of ``inputs``)."""
    if output is None:
        to_stdout(text)
        return
    not_over_yaml(output)
    write_file(output, text, inputs)


@contextlib.contextmanager
def sink(output: str | None, inputs: Sequence[str] = ()) -> Iterator[Callable[[str], None]]:
    """Where a report is written piece by piece (``emit`` for a text that comes in pieces): stdout, or
    ``output`` (checked before the first piece; the file appears only once the block ends without an error)."""
    if output is not None:
        not_over_yaml(output)
        with open_output(output, inputs) as write:
            yield write
        return
    stream = sys.stdout
    if stream is None:
        raise InputError([Problem(Location("<stdout>"), "cannot write the report: standard output is closed")])
    if not _utf(stream):  # a console that may not encode it all: its stand-ins are chosen for the whole text
        pieces: list[str] = []
        yield pieces.append
        to_stdout("".join(pieces))
        return

    def to_stream(piece: str) -> None:
        stream.write(for_stream(piece, stream))

    with _writing_stdout():
        yield to_stream
        stream.flush()


_SURROGATES = re.compile("[\ud800-\udfff]")


def _utf(stream: TextIO) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name.startswith("utf")
    except LookupError:
        return False


def distinct_outputs(*outputs: str | None) -> None:
    """Two outputs of one command must be two files (``report --html r.html --output r.html``)."""
    given = [o for o in outputs if o is not None]
    for i, first in enumerate(given):
        for second in given[i + 1 :]:
            if _same(first, second):
                raise UsageError(f"{safe.text(first)} is given for two outputs: give each its own file")


def _same(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def to_stdout(text: str) -> None:
    stream = sys.stdout
    if stream is None:
        raise InputError([Problem(Location("<stdout>"), "cannot write the report: standard output is closed")])
    with _writing_stdout():
        text = for_stream(text, stream)
        for start in range(0, len(text), PIECE):  # the stream encodes what it is given: a piece at a time
            stream.write(text[start : start + PIECE])
        stream.flush()


@contextlib.contextmanager
def _writing_stdout() -> Iterator[None]:
    """A failed write to standard output as a located error; a closed pipe (``| head``) left to the caller."""
    try:
        yield
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise InputError([Problem(Location("<stdout>"), f"cannot write the report: {why}")]) from None


def say(message: str) -> None:
    """One message on stderr, neutralised; nothing is raised if stderr itself is gone."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(for_stream(safe.message(message) + "\n", stream))
        stream.flush()
    except (OSError, ValueError):
        pass


def for_stream(text: str, stream: TextIO) -> str:
    """``text`` as ``stream`` can encode it: unchanged when it can, else with ASCII stand-ins and escapes."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if _utf(stream) and not _SURROGATES.search(text):
        return text  # UTF-8 encodes every character but lone surrogates: no need to encode it all to know
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.translate(ASCII)
        return text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    except LookupError:
        return text
    return text


def noted(report: Report, quiet: bool = False) -> None:
    """The run's one note for stderr, if any (the engine that ran instead of durable_rules), for a person at a
    terminal only: never under ``--quiet``, in CI, a pipe or a log, where a line on every run is noise."""
    if report.engine_note and not quiet and for_a_person(sys.stderr):
        say(report.engine_note)


def for_a_person(stream: TextIO | None) -> bool:
    """``stream`` is a terminal and ``CI`` is not set: a person is watching, not a log."""
    return stream is not None and not os.environ.get("CI") and _isatty(stream)


class Progress:
    """A progress bar on stderr for a long run: shown once the run has taken ``DELAY`` seconds, and only when
    stderr is a terminal and ``CI`` is not set (never in a log or a pipe). Called ``(done, total)``."""

    DELAY = 2.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.clock() - self.started < self.DELAY or done >= total:
                return
            self.bar = click.progressbar(length=total, label="checking", file=sys.stderr)
            self.bar.__enter__()
            self.bar.update(done)
            return
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def progress() -> Progress | None:
    """A ``Progress`` when stderr is a terminal and not in CI, else ``None``."""
    return Progress() if for_a_person(sys.stderr) else None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError, AttributeError):
        return False

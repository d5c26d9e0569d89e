"""The formats written as the sections arrive: each section is written, or put aside on disk, and let go, so
that the memory of `lint` and `check` does not grow with the number of profiles.

A ``Writer`` is told the report before any section (``start``: everything but the sections; its verdict counts
nothing yet), then each section in order, then the final report (``end``: the verdict of the run, no
sections). What it writes is byte for byte what the format's ``render`` returns for the whole report (a test
holds every format to it). What a format puts before the sections but can only know after them (SARIF's
invocations, JUnit's totals, GitHub's errors before every finding, Markdown's table before the sections) is
written at the end, the sections having waited in a temporary file (``Spool``).
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, Protocol
from xml.etree import ElementTree as ET

from copadvisor.errors import Problem
from copadvisor.render import FORMATS, github, json_format, junit, lint_text, markdown, safe, sarif, text
from copadvisor.render.common import later_note, rules_by_id, shown_to_people, summary_line
from copadvisor.render.layout import wrap
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report, Section
from copadvisor.rulepack.model import Rule

Sink = Callable[[str], None]
# Put aside in memory up to this size, then in a temporary file.
SPOOL_BYTES = 1 << 20


class Writer(Protocol):
    def start(self, head: Report) -> None: ...
    def section(self, section: Section) -> None: ...
    def end(self, final: Report) -> None: ...


def write(
    command: str, fmt: str, options: RenderOptions, out: Sink, head: Report, sections: Iterable[Section], final: Any
) -> None:
    """Render the sections of a run to ``out`` as they come; ``final()`` is the run's report once they are all
    read (``copadvisor.runner.Run.report``)."""
    writer = writer_for(command, fmt, options, out)
    try:
        writer.start(head)
        for section in sections:
            writer.section(section)
        writer.end(final())
    finally:
        for spool in vars(writer).values():  # what it put aside, when the run or a write failed
            if isinstance(spool, Spool):
                spool.close()


def writer_for(command: str, fmt: str, options: RenderOptions, out: Sink) -> Writer:
    """The streaming form of a format, or one that keeps the sections and renders them at the end."""
    made = STREAMED.get(command, {}).get(fmt)
    return made(options, out) if made is not None else Collected(FORMATS[command][fmt], options, out)


class Spool:
    """Pieces of text put aside in order, ``separator`` between them, then written out once: in memory while
    small, then in a temporary file."""

    def __init__(self, separator: str = "") -> None:
        # Closed once drained (or by the collector, when a run stops early): a with-block cannot span the run.
        self.file = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            SPOOL_BYTES, "w+", encoding="utf-8", errors="surrogatepass", newline=""
        )
        self.separator = separator
        self.count = 0

    def add(self, piece: str) -> None:
        self.file.write(self.separator + piece if self.count else piece)
        self.count += 1

    def drain(self, out: Sink) -> None:
        self.file.seek(0)
        while piece := self.file.read(SPOOL_BYTES):
            out(piece)
        self.close()

    def close(self) -> None:
        self.file.close()


class Collected:
    """A format with no streaming form (the checklist, the sponsors' pages): every section kept, then rendered."""

    def __init__(self, render: Callable[[Report, RenderOptions], str], options: RenderOptions, out: Sink) -> None:
        self.render, self.options, self.out = render, options, out
        self.sections: list[Section] = []

    def start(self, head: Report) -> None:
        pass

    def section(self, section: Section) -> None:
        self.sections.append(section)

    def end(self, final: Report) -> None:
        self.out(self.render(replace(final, sections=tuple(self.sections)), self.options))


class LintText:
    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.options, self.out = options, out

    def _lines(self, lines: list[str]) -> None:
        if lines:
            self.out(safe.no_commands("".join(line + "\n" for line in lines)))

    def start(self, head: Report) -> None:
        self._lines(lint_text.head_lines(head, self.options))

    def section(self, section: Section) -> None:
        self._lines(lint_text.section_lines(section, self.options))

    def end(self, final: Report) -> None:
        self._lines(lint_text.end_lines(final, self.options))


class CheckText:
    """The health report: the sections for people, the run's problems, the summary, a blank line apart."""

    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.options, self.out = options, out
        self.parts = 0
        self.as_of = ""
        self.rules: dict[str, Rule] = {}

    def _part(self, part: str) -> None:
        self.out(safe.no_commands(("\n\n" if self.parts else "") + part))
        self.parts += 1

    def start(self, head: Report) -> None:
        self.as_of = head.as_of
        self.rules = rules_by_id(head)

    def section(self, section: Section) -> None:
        if shown_to_people(section):
            self._part(text.section_text(section, self.options, self.as_of, self.rules))

    def end(self, final: Report) -> None:
        width = self.options.width
        for problem in final.errors:
            self._part("\n".join(wrap(safe.problem(problem), width, "", "    ")))
        self._part("\n".join(wrap(summary_line(final), width, "", "    ")))
        self.out("\n")


class Markdown:
    """The table of every section comes first, then the summary, then each section: both put aside."""

    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.out = _Stripped(out)
        self.rows, self.bodies = Spool(), Spool()
        self.as_of = ""
        self.rules: dict[str, Rule] = {}

    def start(self, head: Report) -> None:
        self.as_of = head.as_of
        self.rules = rules_by_id(head)
        self.out.lines(markdown.head(head))

    def section(self, section: Section) -> None:
        if shown_to_people(section):
            self.rows.add(_lines([markdown._row(section)]))
            self.bodies.add(_lines(markdown._section(section, later_note(section, self.as_of), self.rules)))

    def end(self, final: Report) -> None:
        self.rows.drain(self.out)
        self.out.lines(["", summary_line(final), ""])
        self.out.lines([f"- error: {markdown._code(safe.problem(problem))}" for problem in final.errors])
        self.bodies.drain(self.out)
        self.out.close()


def _lines(lines: list[str]) -> str:
    return safe.no_commands("".join(line + "\n" for line in lines))


class _Stripped:
    """A sink that writes text without its trailing white space, then one line break (``rstrip() + "\\n"``)."""

    def __init__(self, out: Sink) -> None:
        self.out, self.pending = out, ""

    def __call__(self, piece: str) -> None:
        kept = piece.rstrip()
        if kept:
            self.out(self.pending + kept)
            self.pending = piece[len(kept) :]
        else:
            self.pending += piece

    def lines(self, lines: list[str]) -> None:
        if lines:
            self(_lines(lines))

    def close(self) -> None:
        self.out("\n")


class Github:
    """Every error (the run's, then each section's) before every finding: the findings are put aside."""

    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.out = out
        self.findings = Spool()

    def _errors(self, problems: Iterable[Problem]) -> None:
        if problems:
            self.out("".join(github.problem_line(p) + "\n" for p in problems))

    def start(self, head: Report) -> None:
        self._errors(head.errors)

    def section(self, section: Section) -> None:
        self._errors(section.errors)
        if section.findings:
            self.findings.add("".join(github.finding_line(f) + "\n" for f in section.findings))

    def end(self, final: Report) -> None:
        self.findings.drain(self.out)


class Junit:
    """A suite per section, put aside: the document's first line holds the totals."""

    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.out = out
        self.suites = Spool()
        self.totals = dict.fromkeys(junit.COUNTS, 0)
        self.fail_on = ""

    def start(self, head: Report) -> None:
        self.fail_on = head.fail_on

    def section(self, section: Section) -> None:
        written, counts = junit.written_suite(junit.suite(section, self.fail_on))
        self.suites.add(written)
        for key, value in counts.items():
            self.totals[key] += value

    def end(self, final: Report) -> None:
        if not self.suites.count:
            self.suites.drain(self.out)  # nothing: closes it
            self.out(junit.render(final))
            return
        document = junit.written(final, [ET.Element(STAND_IN)], self.totals)
        start = document.index(f"  <{STAND_IN} ")
        end = document.index("\n", start) + 1
        self.out(document[:start])
        self.suites.drain(self.out)
        self.out(document[end:])


STAND_IN = "copadvisor-suites"  # an element name no suite has; text from input is escaped in the document


class Json:
    """The JSON report: each profile written as it comes; the portfolio, the errors and the summary last."""

    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.out = out
        self.token = f"\u0000{secrets.token_hex(16)}"  # where the profiles go: no text of the run can hold it
        self.prefix = ""
        self.profiles = 0
        self.portfolio: Section | None = None

    def _around(self, report: Report) -> tuple[str, str]:
        document = json_format.as_dict(report)
        document["profiles"] = [self.token]
        before, after = json_format.dumped(document).split(json_format.dumped(self.token, 2).strip())
        return before, after

    def start(self, head: Report) -> None:
        self.prefix = self._around(head)[0]

    def section(self, section: Section) -> None:
        if section.kind == "portfolio":
            self.portfolio = section
            return
        piece = json_format.dumped(json_format.profile(section), 2)
        self.out((self.prefix if not self.profiles else ",\n    ") + piece)
        self.profiles += 1

    def end(self, final: Report) -> None:
        final = replace(final, sections=(self.portfolio,) if self.portfolio else ())
        if not self.profiles:
            self.out(json_format.render(final))
            return
        before, after = self._around(final)
        if before != self.prefix:
            raise RuntimeError("the JSON report's head changed during the run")
        self.out(after)


class Sarif:
    """The SARIF log: its invocations come before its results and say whether every input was read, so the
    results wait in temporary files (findings, then acknowledged ones, as ``sarif.render`` orders them)."""

    def __init__(self, options: RenderOptions, out: Sink) -> None:
        self.out = out
        self.found, self.suppressed = Spool(RESULTS), Spool(RESULTS)
        self.problems: list[Any] = []
        self.index: dict[str, int] = {}

    def start(self, head: Report) -> None:
        self.index = sarif.rule_index(head)
        self.problems = list(head.errors)

    def section(self, section: Section) -> None:
        for finding in section.findings:
            self.found.add(sarif.dumped(sarif.result(finding, self.index, None), 4))
        for finding, why in section.suppressed:
            self.suppressed.add(sarif.dumped(sarif.result(finding, self.index, why), 4))
        self.problems += section.errors

    def end(self, final: Report) -> None:
        errors = [sarif.dumped(sarif.input_error(p, len(final.rules)), 4) for p in self.problems]
        if not (self.found.count or self.suppressed.count or errors):
            self.found.drain(self.out)  # nothing: closes them
            self.suppressed.drain(self.out)
            self.out(sarif.dumped(sarif.document(final, self.problems, [])))
            return
        token = f"\u0000{secrets.token_hex(16)}"
        before, after = sarif.dumped(sarif.document(final, self.problems, [token])).split(sarif.dumped(token, 4))
        self.out(before)
        separator = _Separator(self.out, RESULTS)
        for spool in (self.found, self.suppressed):
            separator.each(spool)
        for error in errors:
            separator.one(error)
        self.out(after)


RESULTS = ",\n        "  # between two results of the SARIF log (four levels in)


class _Separator:
    """Pieces of a JSON array written with a separator between them, whichever spool they come from."""

    def __init__(self, out: Sink, separator: str) -> None:
        self.out, self.separator, self.written = out, separator, 0

    def one(self, piece: str) -> None:
        self.out((self.separator if self.written else "") + piece)
        self.written += 1

    def each(self, spool: Spool) -> None:
        if not spool.count:
            spool.drain(lambda _: None)
            return
        if self.written:
            self.out(self.separator)
        spool.drain(self.out)
        self.written += spool.count


STREAMED: Mapping[str, Mapping[str, Callable[[RenderOptions, Sink], Writer]]] = {
    "lint": {"text": LintText, "markdown": Markdown, "json": Json, "sarif": Sarif, "junit": Junit, "github": Github},
    "check": {"text": CheckText, "markdown": Markdown, "json": Json, "sarif": Sarif, "junit": Junit, "github": Github},
}

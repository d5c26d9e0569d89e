"""GitHub Actions workflow commands: one annotation per finding or error, by severity."""

from __future__ import annotations

from copadvisor.errors import Location, Problem
from copadvisor.render import safe
from copadvisor.render.style import RenderOptions
from copadvisor.report import Finding, Report

COMMANDS = {"high": "error", "medium": "warning", "low": "notice", "info": "notice"}


def render(report: Report, options: RenderOptions | None = None) -> str:
    lines = [problem_line(problem) for problem in report.problems()]
    lines += [finding_line(finding) for _, finding in report.findings()]
    return "".join(line + "\n" for line in lines)


def problem_line(problem: Problem) -> str:
    return _command("error", problem.location, "copadvisor", problem.message)


def finding_line(finding: Finding) -> str:
    message = f"{finding.message} Next step: {finding.next_step}"
    return _command(COMMANDS[finding.severity], finding.location, finding.rule, message)


def _command(kind: str, location: Location, title: str, message: str) -> str:
    where = f"file={_property(location.path)},line={location.line},col={location.column}"
    return f"::{kind} {where},title={_property(title)}::{_data(message)}"


def _data(text: str) -> str:
    """GitHub's escaping of a command's message (``%``, CR, LF), after every other control is made visible."""
    return safe.block(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

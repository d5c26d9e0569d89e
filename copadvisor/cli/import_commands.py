"""``copadvisor import calendar|attendance|pulse``: what conveners already keep → events appended to a
profile's ``events.yaml`` (SPEC §3.4). Each subcommand reads its file, appends, and reports what it added."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import click

from copadvisor.cli.options import parse_date
from copadvisor.cli.output import say, to_stdout
from copadvisor.config import find_config, load_config
from copadvisor.errors import UsageError
from copadvisor.load.imports import attendance, calendar, pulse
from copadvisor.load.imports.append import Fill, Outcome, Target, entry, flow, open_target, scalar, write
from copadvisor.load.imports.sheet import read_sheet

_profile = click.option(
    "--profile",
    "folder",
    required=True,
    type=click.Path(file_okay=False),
    help="The profile's folder (its cop.yaml); the events go to its events.yaml.",
)
_dry_run = click.option("--dry-run", is_flag=True, help="Print the events instead of writing them.")


@click.group("import", short_help="Events from a calendar, a register or a survey's export.")
def import_group() -> None:
    """Events from what you already keep: a calendar, an attendance register, a survey's export."""


@import_group.command("calendar", short_help="One meeting per occurrence in an iCalendar (.ics) export.")
@click.argument("file", type=click.Path(dir_okay=False))
@_profile
@click.option("--as-of", callback=parse_date, metavar="YYYY-MM-DD", help="Expand recurrences up to this date (today).")
@click.option("--match", metavar="TEXT", help="Keep only the events whose title contains TEXT (any case).")
@click.option("--first-is-launch", is_flag=True, help="The first occurrence is the launch, when there is none yet.")
@_dry_run
def calendar_command(
    file: str, folder: str, as_of: dt.date | None, match: str | None, first_is_launch: bool, dry_run: bool
) -> int:
    """One meeting per occurrence in an iCalendar (.ics) export, with its length in minutes."""
    target = open_target(folder)
    read = calendar.read_calendar(file, as_of or dt.date.today(), match)
    return _finish(target, calendar.import_calendar(target, read, first_is_launch), dry_run, file)


@import_group.command("attendance", short_help="Each session's attendance, from a register saved as CSV.")
@click.argument("file", type=click.Path(dir_okay=False))
@_profile
@click.option(
    "--as-of",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Refuse a counted row dated after this date (default today): sessions are recorded once held.",
)
@_dry_run
def attendance_command(file: str, folder: str, as_of: dt.date | None, dry_run: bool) -> int:
    """The attendance of each session in a register saved as CSV (a date column, and a total or one column
    per kind of person); names and other columns are never read."""
    target = open_target(folder)
    register = attendance.read_register(read_sheet(file), as_of or dt.date.today())
    return _finish(target, attendance.import_attendance(target, register), dry_run, file)


@import_group.command("pulse", short_help="One anonymous pulse event from a survey's CSV export.")
@click.argument("file", type=click.Path(dir_okay=False))
@_profile
@click.option("--date", "day", required=True, callback=parse_date, metavar="YYYY-MM-DD", help="The pulse's date.")
@click.option(
    "--question",
    "pairs",
    multiple=True,
    metavar='KEY="TEXT"',
    help='A question and the text heading its column, e.g. voice="I can get my voice heard" (repeatable; '
    "or a [pulse] table in copadvisor.toml).",
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="The config file (found upwards).")
@_dry_run
def pulse_command(
    file: str, folder: str, day: dt.date, pairs: tuple[str, ...], config_file: str | None, dry_run: bool
) -> int:
    """One anonymous pulse event from a survey's export (Microsoft Forms, Google Forms): counts of agree,
    neutral and disagree per question. Names, emails, ids, times and free text are never read."""
    config = load_config(config_file or find_config(os.path.abspath(folder)))
    given = dict(_pair(p) for p in pairs)
    asked = pulse.questions(given) if given else pulse.questions(config.settings.pulse, config.path or "config")
    target = open_target(folder)
    tallied = pulse.tally(read_sheet(file), asked)
    outcome = pulse.import_pulse(target, day, tallied, config.settings.thresholds.pulse_min_responses)
    return _finish(target, outcome, dry_run, file)


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise UsageError(f'--question {text!r}: write it as KEY=TEXT, e.g. voice="I can get my voice heard"')
    return key.strip(), value.strip()


def _finish(target: Target, outcome: Outcome, dry_run: bool, file: str, show: Callable[[str], None] = to_stdout) -> int:
    where = target.path
    if dry_run:
        lines = [f"# {_filled(target, fill)}" for fill in outcome.filled]
        lines += [line for event in outcome.added for line in entry(event)]
        show("".join(line + "\n" for line in lines))
    else:
        write(target, outcome, (file,))
    add, fill, skip = ("would add", "would fill in", "would skip") if dry_run else ("added", "filled in", "skipped")
    counts = [f"{add} {len(outcome.added)}"] + ([f"{fill} {len(outcome.filled)}"] if outcome.filled else [])
    counts.append(f"{skip} {outcome.skipped} (already recorded)")
    say(f"{where}: {', '.join(counts)}{'; nothing written (dry run)' if dry_run else ''}")
    for note in outcome.notes:
        say(f"{where}: {note}")
    return 0


def _filled(target: Target, fill: Fill) -> str:
    event = target.events[fill.index]
    return f"{getattr(event, 'type', 'event')} of {event.date}: {scalar(fill.key)}: {_flow_value(fill.value)}"


def _flow_value(value: object) -> str:
    return flow(value) if isinstance(value, dict) else scalar(value)

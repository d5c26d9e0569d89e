"""Step 1 of the pipeline: paths → validated profiles with source positions, or located problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import read_regular
from copadvisor.load.discover import ProfileSource, discover
from copadvisor.load.validate import validate_profile
from copadvisor.load.yamlsource import MAX_BYTES, Document, Path, SourceMap, decode, parse
from copadvisor.model import Profile

__all__ = [
    "LoadFailure",
    "LoadedProfile",
    "ProfileSource",
    "SourceMap",
    "discover",
    "load_paths",
    "load_source",
]


@dataclass(frozen=True)
class LoadedProfile:
    """A valid profile and where each of its values stands (events may stand in ``events.yaml``)."""

    slug: str
    path: str
    profile: Profile
    source: SourceMap


@dataclass(frozen=True)
class LoadFailure:
    """A profile that could not be evaluated, with every problem found in its files."""

    slug: str
    path: str
    problems: tuple[Problem, ...]
    name: str | None = None


def load_paths(paths: Sequence[str]) -> list[LoadedProfile | LoadFailure]:
    """Every profile under ``paths``; one profile's problems never stop the others from loading."""
    sources, missing = discover(paths)
    results: list[LoadedProfile | LoadFailure] = [LoadFailure(p.location.path, p.location.path, (p,)) for p in missing]
    results.extend(load_source(source) for source in sources)
    return results


def load_source(source: ProfileSource) -> LoadedProfile | LoadFailure:
    problems: list[Problem] = []
    profile_doc = _read(source.path, problems)
    events_doc = _read(source.events_path, problems, ("events",)) if source.events_path else None
    name = _name_of(profile_doc)
    if profile_doc is None:
        if not problems:
            problems.append(
                Problem(
                    Location(source.path),
                    "the file is empty: a profile needs at least `copadvisor: 1` and `name`",
                )
            )
        return LoadFailure(source.slug, source.path, tuple(sorted(problems)), name)
    value, positions = _with_events(profile_doc, events_doc, problems)
    flagged = profile_doc.flagged | {("events", *p) for p in (events_doc.flagged if events_doc else ())}
    try:
        profile = validate_profile(value, positions, flagged)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        return LoadFailure(source.slug, source.path, tuple(sorted(set(problems))), name)
    return LoadedProfile(source.slug, source.path, profile, positions)


def _read(path: str, problems: list[Problem], within: Path = ()) -> Document | None:
    """The parsed document, or None (with the problems noted) when it cannot be read or is empty."""
    try:
        document = parse(decode(read_regular(path, MAX_BYTES), path), path, within)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(document.problems)
    return document if document.value is not None else None


def _name_of(document: Document | None) -> str | None:
    value = document.value if document else None
    name = value.get("name") if isinstance(value, dict) else None
    return name if isinstance(name, str) else None


def _with_events(profile: Document, events: Document | None, problems: list[Problem]) -> tuple[Any, SourceMap]:
    """The profile's value with the event log of ``events.yaml`` placed under ``events``."""
    if events is None or not isinstance(profile.value, dict):
        return profile.value, profile.source
    if not isinstance(events.value, list):
        problems.append(Problem(events.source.of_value(()), "an event log must be a list of events (- date: …)"))
        return profile.value, profile.source
    if "events" in profile.value:
        where = profile.source.of_key(("events",))
        problems.append(Problem(where, f"events are given both here and in {events.source.path}: keep one list"))
        return profile.value, profile.source
    values = dict(profile.source.values)
    keys = dict(profile.source.keys)
    values.update({("events", *path): loc for path, loc in events.source.values.items()})
    keys.update({("events", *path): loc for path, loc in events.source.keys.items()})
    return {**profile.value, "events": events.value}, SourceMap(profile.source.path, values, keys)

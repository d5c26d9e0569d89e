"""Command-line paths → the profile files behind them (SPEC §3.1)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from copadvisor.errors import Location, Problem

PROFILE_NAMES = ("cop.yaml", "cop.yml")
EVENTS_NAMES = ("events.yaml", "events.yml")
YAML_SUFFIXES = (".yaml", ".yml")
# A single-file profile announces itself with a top-level `copadvisor:` key; a cheap test on the bytes
# avoids parsing every YAML file of a repository twice.
_MARKER = re.compile(rb"^(?:\xef\xbb\xbf)?copadvisor[ \t]*:", re.MULTILINE)
_PEEK_BYTES = 64 * 1024


NO_PROFILES = "no profile here: a folder needs a cop.yaml, or a *.yaml file whose top level has `copadvisor:`"


@dataclass(frozen=True, order=True)
class ProfileSource:
    path: str
    slug: str
    events_path: str | None = None


def discover(paths: Sequence[str]) -> tuple[list[ProfileSource], list[Problem]]:
    """Every profile under ``paths``, each once, in a stable order; a missing path is a located problem."""
    found: dict[str, ProfileSource] = {}
    problems: list[Problem] = []
    for path in paths:
        if os.path.isdir(path):
            sources = list(_walk(path))
            if not sources:  # never a silent pass: a folder that holds no profile is a mistake to report
                problems.append(Problem(Location(path), NO_PROFILES))
        elif os.path.exists(path):
            sources = [_named_file(path)]
        else:
            problems.append(Problem(Location(path), "no such file or directory"))
            continue
        for source in sources:
            found.setdefault(os.path.realpath(source.path), source)  # `x/cop.yaml` and `/abs/x` are one
    return list(found.values()), problems


def _named_file(path: str) -> ProfileSource:
    """A file named on the command line is always read as a profile; an ``events.yaml`` beside a
    ``cop.yaml`` stands for that profile (as when pre-commit passes the files a commit touches)."""
    if os.path.basename(path) in PROFILE_NAMES:
        return _directory_form(path)
    folder = os.path.dirname(path)
    sibling = next((p for n in PROFILE_NAMES if os.path.isfile(p := os.path.join(folder, n))), None)
    if os.path.basename(path) in EVENTS_NAMES and sibling is not None:
        return _directory_form(sibling)
    stem = os.path.splitext(os.path.basename(path))[0]
    return ProfileSource(path, stem)


def _directory_form(path: str) -> ProfileSource:
    folder = os.path.dirname(path)
    slug = os.path.basename(os.path.abspath(folder or "."))
    events = next((p for name in EVENTS_NAMES if os.path.isfile(p := os.path.join(folder, name))), None)
    return ProfileSource(path, slug, events)


def _walk(root: str) -> Iterator[ProfileSource]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # no .git, no hidden tool folders
        names = set(files)
        profile = next((n for n in PROFILE_NAMES if n in names), None)
        if profile:
            yield _directory_form(os.path.join(folder, profile))
        for name in sorted(names):
            if name.endswith(YAML_SUFFIXES) and name not in PROFILE_NAMES + EVENTS_NAMES:
                path = os.path.join(folder, name)
                if _announces_profile(path):
                    yield ProfileSource(path, os.path.splitext(name)[0])


def _announces_profile(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return _MARKER.search(handle.read(_PEEK_BYTES)) is not None
    except OSError:
        return False

"""Command-line paths → the profile files behind them (SPEC §3.1).

Nothing under a path is passed over in silence: a folder that cannot be listed, a YAML file that cannot be
read (a FIFO, a dangling link, no permission), a second profile in one folder (``cop.yml`` beside
``cop.yaml``, ``COP.YAML``), an event log without a profile are each a located problem; names are matched
whatever their letter case. Links to folders are followed, each folder once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import not_regular, read_regular
from copadvisor.load.yamlsource import MAX_BYTES, parse

PROFILE_NAMES = ("cop.yaml", "cop.yml")
EVENTS_NAMES = ("events.yaml", "events.yml")
YAML_SUFFIXES = (".yaml", ".yml")
# A single-file profile announces itself with a top-level `copadvisor:` key; a cheap test on the text
# avoids parsing every YAML file of a repository twice. A file that mentions copadvisor in another way (a
# quoted key, a flow mapping, after a long comment) is parsed to tell.
_MARKER = re.compile(r"^copadvisor[ \t]*:", re.MULTILINE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


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
            before = len(problems)
            sources = list(_walk(path, problems))
            if not sources and len(problems) == before:  # never a silent pass: a folder without a profile
                problems.append(Problem(Location(path), NO_PROFILES))
        elif os.path.lexists(path):
            sources = [_named_file(path)]
        else:
            problems.append(Problem(Location(path), "no such file or directory"))
            continue
        for source in sources:
            found.setdefault(os.path.realpath(source.path), source)  # `x/cop.yaml` and `/abs/x` are one
    return list(found.values()), problems


def _is(name: str, names: Sequence[str]) -> bool:
    return name.lower() in names


def _named_file(path: str) -> ProfileSource:
    """A file named on the command line is always read as a profile; an ``events.yaml`` beside a
    ``cop.yaml`` stands for that profile (as when pre-commit passes the files a commit touches)."""
    if _is(os.path.basename(path), PROFILE_NAMES):
        return _directory_form(path, [])
    folder = os.path.dirname(path)
    sibling = next((p for n in PROFILE_NAMES if os.path.isfile(p := os.path.join(folder, n))), None)
    if _is(os.path.basename(path), EVENTS_NAMES) and sibling is not None:
        return _directory_form(sibling, [])
    stem = os.path.splitext(os.path.basename(path))[0]
    return ProfileSource(path, stem)


def _directory_form(path: str, names: Sequence[str]) -> ProfileSource:
    """The profile at ``path`` and its event log: ``names`` are the folder's files (listed when walking)."""
    folder = os.path.dirname(path)
    slug = os.path.basename(os.path.abspath(folder or "."))
    if not names:
        names = _listing(folder or ".")
    events = next((n for n in sorted(names) if _is(n, EVENTS_NAMES)), None)
    # `lexists`: an events.yaml that is a folder, a FIFO or a dangling link is read, and so reported.
    return ProfileSource(path, slug, os.path.join(folder, events) if events else None)


def _listing(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def walk(root: str, problems: list[Problem]) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` of ``root`` in sorted order, hidden folders left out, following links to folders, each
    folder once; a link to a folder above it (``/``, ``..``) is reported and not followed, and so is a folder
    that cannot be read: nothing is passed over in silence, and no walk runs away."""
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        where = str(error.filename) if error.filename is not None else root
        problems.append(Problem(Location(where), f"cannot read the folder: {error.strerror or error}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        identity = _identity(folder)
        if identity in seen:  # a link back up the tree, or two links to one folder
            dirs[:] = []
            continue
        seen.add(identity)
        here = os.path.realpath(folder)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):  # no .git, no hidden tool folders
            path = os.path.join(folder, name)
            target = os.path.realpath(path)
            if os.path.islink(path) and (here == target or here.startswith(target.rstrip(os.sep) + os.sep)):
                problems.append(Problem(Location(path), "a link to a folder above it: not followed"))
            else:
                kept.append(name)
        dirs[:] = kept
        yield folder, dirs, files


def _walk(root: str, problems: list[Problem]) -> Iterator[ProfileSource]:
    for folder, dirs, files in walk(root, problems):
        # A folder named cop.yaml or events.yaml is taken as the file it names, and so reported when read.
        named = [d for d in dirs if _is(d, PROFILE_NAMES + EVENTS_NAMES)]
        yield from _folder(folder, sorted([*files, *named]), problems)


def _identity(folder: str) -> tuple[int, int]:
    try:
        info = os.stat(folder)
    except OSError:
        return (-1, hash(folder))
    return (info.st_dev, info.st_ino)


def _folder(folder: str, files: list[str], problems: list[Problem]) -> Iterator[ProfileSource]:
    profiles = [n for n in files if _is(n, PROFILE_NAMES)]
    logs = [n for n in files if _is(n, EVENTS_NAMES)]
    chosen = min(profiles, key=_preference) if profiles else None
    for extra in sorted(set(profiles) - {chosen}):
        where = Location(os.path.join(folder, extra))
        problems.append(Problem(where, f"a second profile in this folder (only {chosen} is read): keep one"))
    if chosen is not None:
        yield _directory_form(os.path.join(folder, chosen), files)
        first_log = min(logs) if logs else None
        for extra in sorted(set(logs) - {first_log}):
            where = Location(os.path.join(folder, extra))
            problems.append(Problem(where, f"a second event log in this folder (only {first_log} is read): keep one"))
    else:
        for log in logs:
            where = Location(os.path.join(folder, log))
            problems.append(Problem(where, "an event log without a profile: put a cop.yaml beside it"))
    for name in files:
        if name.lower().endswith(YAML_SUFFIXES) and not _is(name, PROFILE_NAMES + EVENTS_NAMES):
            path = os.path.join(folder, name)
            if _announces_profile(path, problems):
                yield ProfileSource(path, os.path.splitext(name)[0])


def _preference(name: str) -> tuple[int, str]:
    """``cop.yaml`` before ``cop.yml``, then the lower-case spelling."""
    return (PROFILE_NAMES.index(name.lower()), name)


def _announces_profile(path: str, problems: list[Problem]) -> bool:
    """Whether the YAML file at ``path`` is a single-file profile (its top level has ``copadvisor``). A file
    that cannot be read is reported; one that mentions copadvisor but cannot be parsed is read as a profile,
    so that the loader reports why."""
    problem = not_regular(path)
    if problem is not None:
        problems.append(problem)
        return False
    try:
        data = read_regular(path, MAX_BYTES)
    except InputError as exc:
        problems.extend(exc.problems)
        return False
    text = _as_text(data)
    if "copadvisor" not in text:
        return False
    if _MARKER.search(text.removeprefix("\ufeff")):
        return True
    if data.startswith(_UTF16_BOMS) or len(data) > MAX_BYTES:
        return True  # the loader says why it cannot be read
    try:
        value = parse(text.removeprefix("\ufeff"), path).value
    except InputError:
        return True
    return isinstance(value, dict) and "copadvisor" in value


def _as_text(data: bytes) -> str:
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8", "replace")

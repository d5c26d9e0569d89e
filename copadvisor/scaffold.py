"""``copadvisor init``: a commented profile that validates as it stands, with schemas for editors.

Nothing is ever overwritten: if any of the files exists, nothing is written at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml

from copadvisor.errors import InputError, Location, Problem
from copadvisor.files import write_new
from copadvisor.load.discover import EVENTS_NAMES, PROFILE_NAMES
from copadvisor.schema import events_schema, profile_schema


def scaffold_files() -> dict[str, str]:
    templates = resources.files("copadvisor") / "templates"
    return {
        "cop.yaml": (templates / "cop.yaml").read_text(encoding="utf-8"),
        "events.yaml": (templates / "events.yaml").read_text(encoding="utf-8"),
        "cop.schema.json": json.dumps(profile_schema(), indent=2, sort_keys=True) + "\n",
        "events.schema.json": json.dumps(events_schema(), indent=2, sort_keys=True) + "\n",
    }


# A commented line of YAML in the templates (`# key: value`, `#   key:`, `# - item`), not a comment in words.
_COMMENTED_YAML = re.compile(r"^# ( *[a-z_]+:( |$)| *- )")


def uncommented(text: str) -> str:
    """A template with its commented examples uncommented and its comments in words left out."""
    lines = (line[2:] if _COMMENTED_YAML.match(line) else line for line in text.splitlines())
    return "\n".join(line for line in lines if not line.startswith("#")) + "\n"


def template_examples() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The templates' examples, uncommented: a profile with every field and a log with every type of event
    (`docs/profile.md` takes its examples from them, so the templates show every one)."""
    files = scaffold_files()
    profile = yaml.safe_load(uncommented(files["cop.yaml"]))
    events = yaml.safe_load(uncommented(files["events.yaml"]).replace("\n[]\n", "\n"))
    return profile, events


def scaffold(folder: str) -> list[str]:
    """Write the files into ``folder`` (created if needed); raises ``InputError`` naming every file that
    already exists, or any profile or event log in another spelling (``cop.yml``, ``COP.YAML``), before
    writing anything. A failure to write is located, and what was written before it is removed."""
    files = scaffold_files()
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise InputError([Problem(Location(folder), "is a file, not a folder: nothing was written")])
    existing = [os.path.join(folder, name) for name in _present(folder, files)]
    if existing:
        raise InputError([Problem(Location(path), "already exists: nothing was written") for path in existing])
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem(Location(folder), f"cannot create the folder: {exc.strerror or exc}")]) from None
    written: list[str] = []
    try:
        for name, text in files.items():
            path = os.path.join(folder, name)
            write_new(path, text)
            written.append(path)
    except InputError:
        for path in written:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
    return written


def _present(folder: str, files: Iterable[str]) -> list[str]:
    """The names in ``folder`` that are ours, or a profile or event log in any spelling."""
    try:
        names = os.listdir(folder)
    except OSError:
        return [name for name in files if os.path.lexists(os.path.join(folder, name))]
    ours = {name.lower() for name in (*files, *PROFILE_NAMES, *EVENTS_NAMES)}
    return sorted(name for name in names if name.lower() in ours)

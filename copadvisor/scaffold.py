"""``copadvisor init``: a commented profile that validates as it stands, with schemas for editors.

Nothing is ever overwritten: if any of the files exists, nothing is written at all.
"""

from __future__ import annotations

import json
import os
from importlib import resources

from copadvisor.errors import InputError, Location, Problem
from copadvisor.schema import events_schema, profile_schema


def scaffold_files() -> dict[str, str]:
    templates = resources.files("copadvisor") / "templates"
    return {
        "cop.yaml": (templates / "cop.yaml").read_text(encoding="utf-8"),
        "events.yaml": (templates / "events.yaml").read_text(encoding="utf-8"),
        "cop.schema.json": json.dumps(profile_schema(), indent=2, sort_keys=True) + "\n",
        "events.schema.json": json.dumps(events_schema(), indent=2, sort_keys=True) + "\n",
    }


def scaffold(folder: str) -> list[str]:
    """Write the files into ``folder`` (created if needed); raises ``InputError`` naming every file that
    already exists, before writing anything."""
    files = scaffold_files()
    existing = [os.path.join(folder, name) for name in files if os.path.lexists(os.path.join(folder, name))]
    if existing:
        raise InputError([Problem(Location(path), "already exists: nothing was written") for path in existing])
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise InputError([Problem(Location(folder), "is a file, not a folder: nothing was written")])
    os.makedirs(folder, exist_ok=True)
    written = []
    for name, text in files.items():
        path = os.path.join(folder, name)
        with open(path, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
            handle.write(text)
        written.append(path)
    return written

"""Inputs for the sponsors' report tests: a hostile profile (markup in every piece of text, improbable person
ids in every person field), a profile that cannot be read, and a collector of person ids written without the
library's help, so that the anonymity tests do not share a blind spot with the code they test."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from cop_testing import write_profile

HOSTILE = "<script>alert(1)</script>"
# A directory name cannot hold a slash, so the slug carries another way in.
HOSTILE_SLUG = "\"'><img src=x onerror=alert(2)>"
# Ids that cannot occur by chance in the report's own words, styles or drawings.
IDS = tuple(f"ZQX{c}" for c in "123456789JKL")
PERSON_KEYS = frozenset({"id", "successor", "planning_group", "attendees", "convened_by", "person"})
EVENT_PERSON_KEYS = {"task_proposed": ("by",), "role_change": ("from", "to")}


def hostile_profile(folder: Path, slug: str = HOSTILE_SLUG) -> Path:
    """A profile that puts markup in its name, slug, notes, themes and every other text, and an id in every
    person field; its findings include messages that name people (a sponsor with oversight, for one)."""
    z = IDS
    profile = {
        "name": f"{HOSTILE} & <b>Bold</b> \"quoted\" 'single' CoP",
        "domain": {"statement": HOSTILE, "wicked_problems": [HOSTILE], "strategic_objectives": [HOSTILE]},
        "convener": {"id": z[0], "dedicated_hours_per_month": 0, "involvement_ends": "2026-12-31", "successor": z[1]},
        "people": [
            {"id": z[0], "kinds": ["practitioner"]},
            {"id": z[1], "kinds": ["practitioner"]},
            {"id": z[2], "kinds": ["sponsor"]},
            {"id": z[3], "kinds": ["expert_by_experience"]},
            {"id": z[4], "kinds": ["manager"]},
        ],
        "roles": {"co_convener": [z[0]], "admin": [z[5]], "chair": [z[6]], "tech": []},
        "planning_group": [z[0], z[2]],
        "sponsors": [{"id": z[2], "oversight": True, "in_planning": True}],
        "membership": {"target": HOSTILE, "includes": ["practitioner"]},
        "practicalities": {"cadence_weeks": 4, "meeting_minutes": 90, "resources": [HOSTILE]},
        "governance": {"acknowledged": False, "reports_to": HOSTILE},
        "between_meetings": {"channels": [HOSTILE]},
        "value_capture": {"methods": [HOSTILE]},
        "acknowledged_risks": [{"rule": HOSTILE, "reason": HOSTILE}],
    }
    return write_profile(folder, profile, hostile_events(), slug=slug)


def hostile_events() -> list[dict[str, Any]]:
    z = IDS
    meeting = {"type": "meeting", "minutes": 90, "attendance": 9, "convened_by": [z[0]], "notes": HOSTILE}
    return [
        {"date": "2026-01-05", "type": "planning_meeting", "attendees": [z[0], z[7], z[2]], "notes": HOSTILE},
        {"date": "2026-01-20", "type": "training", "person": z[8], "course": HOSTILE},
        {"date": "2026-02-01", "type": "launch", "minutes": 60, "attendance": {"practitioner": 11}, "notes": HOSTILE},
        {"date": "2026-03-01", **meeting, "themes": [HOSTILE]},
        {"date": "2026-04-01", **meeting, "attendance": 7},
        {"date": "2026-05-01", **meeting, "attendance": 6},
        {
            "date": "2026-05-10",
            "type": "task_proposed",
            "by": z[2],
            "task": HOSTILE,
            "decision": "accepted",
            "decided_by": "convener",
        },
        {"date": "2026-05-20", "type": "role_change", "role": "chair", "from": z[6], "to": z[9], "handover": True},
        {"date": "2026-05-21", "type": "role_change", "role": "convener", "from": z[0], "to": z[10]},
        {"date": "2026-05-22", "type": "contact", "channel": HOSTILE, "notes": HOSTILE},
        {"date": "2026-05-23", "type": "governance_report", "to": HOSTILE},
        {"date": "2026-05-24", "type": "value_evidence", "cycle": "applied", "summary": HOSTILE},
        {"date": "2026-05-25", "type": "role_change", "role": "planning_group", "from": None, "to": z[11]},
    ]


def broken_profile(folder: Path, slug: str = "broken") -> Path:
    """A profile with an unknown key on line 3: it cannot be read."""
    target = folder / slug
    target.mkdir(parents=True, exist_ok=True)
    (target / "cop.yaml").write_text("copadvisor: 1\nname: Broken CoP\nconvener: {id: ZQXB, hours: 3}\n")
    return target


# --- collecting person ids without the library ----------------------------------------------------------------


def profile_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml"})


def person_ids_in(files: Iterable[Path]) -> set[str]:
    found: set[str] = set()
    for path in files:
        found |= _walk(yaml.safe_load(path.read_text(encoding="utf-8-sig")))
    return found


def _walk(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= _walk(item)
    elif isinstance(node, dict):
        keys = set(PERSON_KEYS) | set(EVENT_PERSON_KEYS.get(str(node.get("type")), ()))
        for key, value in node.items():
            if key == "roles" and isinstance(value, dict):
                found |= {str(i) for holders in value.values() for i in holders or ()}
            elif key in keys:
                found |= _strings(value)
            found |= _walk(value)
    return found


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {str(v) for v in value if v is not None}
    return set()


def ids_standing_in(text: str, ids: Iterable[str]) -> list[str]:
    """The ids that stand in ``text`` as whole tokens (so that "AK" does not match inside "MAKE")."""
    return sorted(i for i in ids if re.search(rf"(?<![\w]){re.escape(i)}(?![\w])", text))

"""A deterministic generator of realistic CoP profile corpora: N profiles × M events, the same bytes every time.

python benchmarks/corpus.py OUT_DIR --profiles 1000 --events 50 [--heavy]

``--heavy`` writes a findings-heavy corpus: the same shapes, but the choices that rules find fault with
(no convener time, no sponsor oversight, meetings with no planning offer, tasks decided by sponsors, missing
records), so that most rules report and the per-event rules report at many events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

KINDS = ["practitioner", "manager", "commissioner", "expert_by_experience", "researcher", "sponsor", "other"]
ROLES = ["co_convener", "admin", "tech", "communications", "timekeeper", "session_design", "chair"]
AS_OF = dt.date(2026, 11, 1)


def profile(
    rng: random.Random, index: int, events: int, heavy: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if heavy:
        return heavy_profile(rng, index, events)
    people = [f"P{index}-{i}" for i in range(rng.randint(4, 12))]
    data: dict[str, Any] = {
        "copadvisor": 1,
        "name": f"Community of practice {index}",
        "domain": {
            "statement": "Sharing the hard cases of outreach work",
            "strategic_objectives": ["Better implementation"] * rng.randint(0, 3),
            "wicked_problems": ["Caseload capacity", "Difficult closures"][: rng.randint(0, 2)],
        },
        "convener": {
            "id": people[0],
            "dedicated_hours_per_month": rng.choice([0, 4, 8, 16]),
            "trained": rng.random() < 0.6,
        },
        "people": [{"id": p, "kinds": [rng.choice(KINDS)]} for p in people],
        "roles": {role: rng.sample(people, rng.randint(0, 2)) for role in ROLES if rng.random() < 0.7},
        "planning_group": rng.sample(people, rng.randint(1, 4)),
        "sponsors": [{"id": people[-1], "oversight": rng.random() < 0.2, "in_planning": False}],
        "membership": {"target": "Practitioners of the service", "size": rng.randint(8, 60)},
        "practicalities": {
            "cadence_weeks": rng.choice([2, 4, 6, 8]),
            "meeting_minutes": rng.choice([60, 90, 120, 150]),
            "format": rng.choice(["online", "face_to_face", "hybrid"]),
            "format_chosen_by_members": rng.random() < 0.7,
        },
        "experts_by_experience": {"involved": rng.random() < 0.5, "recompense": rng.choice(["funded", "requested"])},
        "governance": {"acknowledged": rng.random() < 0.7},
        "value_capture": {"methods": ["feedback form"] if rng.random() < 0.6 else []},
    }
    return data, event_log(rng, people, events)


def heavy_profile(rng: random.Random, index: int, events: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A profile most rules find fault with: little recorded, nothing shared, meetings shrinking."""
    people = [f"P{index}-{i}" for i in range(rng.randint(2, 4))]
    data: dict[str, Any] = {
        "copadvisor": 1,
        "name": f"Struggling community of practice {index}",
        "domain": {"statement": "Cases", "strategic_objectives": [], "wicked_problems": []},
        "convener": {"id": people[0], "dedicated_hours_per_month": 0, "trained": False},
        "people": [{"id": p, "kinds": ["manager"]} for p in people],
        "planning_group": [people[0]],
        "sponsors": [{"id": people[-1], "oversight": True, "in_planning": True}],
        "membership": {"target": "Anyone", "size": rng.randint(1, 3)},
        "practicalities": {"cadence_weeks": 12, "meeting_minutes": 30, "format": "online"},
        "governance": {"acknowledged": False},
        "value_capture": {"methods": []},
    }
    day = AS_OF - dt.timedelta(days=rng.randint(700, 900))
    log: list[dict[str, Any]] = [{"date": day, "type": "launch", "minutes": 30, "attendance": 2}]
    for step in range(events - 1):
        day = min(AS_OF - dt.timedelta(days=200), day + dt.timedelta(days=rng.randint(1, 10)))
        if step % 3 != 0:
            log.append({"date": day, "type": "task_proposed", "by": people[-1], "decision": "accepted",
                        "decided_by": "sponsor"})  # fmt: skip
        else:
            log.append({"date": day, "type": "meeting", "minutes": 30, "attendance": max(1, 20 - step),
                        "convened_by": [people[0]], "planning_offer": False})  # fmt: skip
    return data, log


def event_log(rng: random.Random, people: list[str], count: int) -> list[dict[str, Any]]:
    day = AS_OF - dt.timedelta(days=rng.randint(30, 900))
    log: list[dict[str, Any]] = [
        {
            "date": day,
            "type": "launch",
            "minutes": 120,
            "attendance": rng.randint(10, 40),
            "principles_introduced": True,
        }
    ]
    for _ in range(count - 1):
        day += dt.timedelta(days=rng.randint(1, 20))
        if day > AS_OF:
            day = AS_OF
        log.append(_event(rng, people, day))
    return log


def _event(rng: random.Random, people: list[str], day: dt.date) -> dict[str, Any]:
    kind = rng.choices(["meeting", "contact", "task_proposed", "value_evidence", "funding"], [6, 3, 1, 1, 1])[0]
    if kind == "meeting":
        return {
            "date": day,
            "type": "meeting",
            "minutes": rng.choice([90, 120, 150]),
            "attendance": rng.randint(4, 40),
            "convened_by": rng.sample(people, 1),
            "planning_offer": rng.random() < 0.8,
            "themes": ["caseload"] if rng.random() < 0.3 else [],
        }
    if kind == "contact":
        return {"date": day, "type": "contact", "channel": "email"}
    if kind == "task_proposed":
        return {
            "date": day,
            "type": "task_proposed",
            "by": people[-1],
            "decision": rng.choice(["accepted", "declined"]),
            "decided_by": rng.choice(["members", "sponsor"]),
        }
    if kind == "value_evidence":
        return {"date": day, "type": "value_evidence", "cycle": rng.choice(["immediate", "applied"])}
    return {
        "date": day,
        "type": "funding",
        "for": "experts_by_experience",
        "outcome": rng.choice(["granted", "denied"]),
    }


def write_corpus(out: Path, profiles: int, events: int, seed: int = 2026, heavy: bool = False) -> list[Path]:
    rng = random.Random(seed)
    written = []
    for index in range(profiles):
        data, log = profile(rng, index, events, heavy)
        folder = out / f"cop-{index:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cop.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        (folder / "events.yaml").write_text(yaml.safe_dump(log, sort_keys=False), encoding="utf-8")
        written.append(folder)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--profiles", type=int, default=100)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--heavy", action="store_true", help="a findings-heavy corpus")
    args = parser.parse_args()
    write_corpus(args.out, args.profiles, args.events, args.seed, args.heavy)


if __name__ == "__main__":
    main()

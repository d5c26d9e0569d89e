"""Helpers for the importers' tests: a profile folder with a given event log, and the fixtures' paths."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OUTLOOK = str(FIXTURES / "outlook.ics")
GOOGLE = str(FIXTURES / "google.ics")
REGISTER = str(FIXTURES / "register-excel.csv")
MS_FORMS = str(FIXTURES / "microsoft-forms.csv")
GOOGLE_FORMS = str(FIXTURES / "google-forms.csv")
# Every identifying text in the fixtures: none may reach a file or an output.
IDENTIFYING = (
    "Jane",
    "Sam",
    "Robin",
    "Alex",
    "Kim",
    "nhs.net",
    "@",
    "anonymous",
    "6/17/26",
    "2026/09/08",
    "word in",
    "slides",
    "night shift can",
    "listens",
    "Facilitator",
    "discharge planning",
    "Teams",
)


def profile(tmp_path: Path, events: str | bytes | None = None, name: str = "cop") -> str:
    """A profile folder under ``tmp_path`` with ``events`` as its events.yaml (none when None)."""
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cop.yaml").write_text("copadvisor: 1\nname: A CoP\n", encoding="utf-8")
    if events is not None:
        (folder / "events.yaml").write_bytes(events.encode("utf-8") if isinstance(events, str) else events)
    return str(folder)


def events_bytes(folder: str) -> bytes:
    return (Path(folder) / "events.yaml").read_bytes()

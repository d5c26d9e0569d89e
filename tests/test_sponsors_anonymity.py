"""The sponsors' report is anonymous: no person id of its inputs appears anywhere in the HTML or Markdown.

Ids are collected from the YAML by ``browser.hostile`` (not by the library), from every person field: people,
convener, successor, roles, planning_group, sponsors, attendees, convened_by, by, from/to, person.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import tempfile
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from browser.hostile import IDS, hostile_profile, ids_standing_in, person_ids_in, profile_files
from cop_testing import write_profile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copadvisor.cli.main import run
from copadvisor.facts.people import person_ids
from copadvisor.load import LoadedProfile, load_paths
from copadvisor.pipeline import Options, Prepared, prepare
from copadvisor.portfolio_view import build_view
from copadvisor.redaction import Redactor
from copadvisor.render import html
from copadvisor.render.portfolio import markdown
from copadvisor.runner import run as run_profiles

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 6, 1)


@functools.cache
def prepared() -> Prepared:
    return prepare(Options(as_of=AS_OF))


def pages(folder: Path, as_of: dt.date = AS_OF, since: dt.date | None = None) -> tuple[str, str]:
    report = run_profiles([str(folder)], Options(as_of=as_of, since=since), prepared())
    assert all(cop.status != "error" for cop in build_view(report).cops), "the profile should have been read"
    return html.render(report), markdown.render(report)


def test_the_hostile_profile_names_people_in_its_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The test below means something: the findings' messages do carry person ids."""
    folder = hostile_profile(tmp_path)
    run(["check", str(folder), "--as-of", AS_OF.isoformat(), "--format", "json"])
    messages = [f["message"] for p in json.loads(capsys.readouterr().out)["profiles"] for f in p["findings"]]
    assert any(IDS[2] in message for message in messages)  # "Sponsor ZQX3 is recorded with an oversight role…"
    assert set(IDS) <= person_ids_in(profile_files(folder))


def test_no_person_id_of_a_hostile_profile_appears(tmp_path: Path) -> None:
    hostile_profile(tmp_path)
    for page in pages(tmp_path, since=dt.date(2026, 3, 15)):
        assert [i for i in IDS if i in page] == []  # not even inside another word
        assert "Sponsor ZQX" not in page


def test_no_person_id_of_the_example_profiles_appears(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = person_ids_in(profile_files(REPO / "profiles"))
    assert len(ids) >= 10, "the collector found too few ids to prove anything"
    target = tmp_path / "examples.html"
    args = ["report", str(REPO / "profiles"), "--as-of", "2026-11-01", "--since", "2026-06-01"]
    run([*args, "--html", str(target), "--format", "markdown"])
    for page in (target.read_text(encoding="utf-8"), capsys.readouterr().out):
        assert ids_standing_in(page, ids) == []


def test_the_library_finds_every_person_id_the_test_finds(tmp_path: Path) -> None:
    hostile_profile(tmp_path)
    for root in (tmp_path, REPO / "profiles"):
        loaded = [r for r in load_paths([str(root)]) if isinstance(r, LoadedProfile)]
        found = set().union(*(person_ids(p.profile) for p in loaded))
        assert person_ids_in(profile_files(root)) <= found


def test_a_name_or_path_holding_a_person_id_is_redacted(tmp_path: Path) -> None:
    write_profile(tmp_path, {"name": "ZQXQ's CoP", "convener": {"id": "ZQXQ"}}, slug="team-ZQXQ")
    page, summary = pages(tmp_path)
    assert "ZQXQ" not in page
    assert "ZQXQ" not in summary
    assert "…'s CoP" in unescape(page)
    assert "team-…" in page


def redact(text: str, ids: list[str]) -> str:
    return Redactor(ids).redact(text)


def test_redact_matches_whole_tokens_only() -> None:
    assert redact("AK and MAKE, (AK) AK1 AK", ["AK"]) == "… and MAKE, (…) AK1 …"
    assert redact("a <b> c", ["<b>"]) == "a … c"
    assert redact("x<b> c", ["<b>"]) == "x<b> c"  # as the lookbehind (?<!\w): a word character before it
    assert redact("J. Smith met J. Smithson", ["J. Smith"]) == "… met J. Smithson"
    assert redact("AK AKB and AKB", ["AK", "AKB", "AK AKB"]) == "… and …"  # the longest first
    assert redact("nothing", []) == "nothing"
    assert redact("nothing", [" "]) == "nothing"  # a blank id blanks nothing


def regex_redact(text: str, ids: list[str]) -> str:
    """The specification: one regular expression of every id as a whole token, longest first."""
    words = sorted({i for i in ids if i.strip()}, key=lambda i: (-len(i), i))
    if not words:
        return text
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words)).sub("…", text)


_pieces = st.sampled_from(["AK", "AK1", "J. Smith", "<b>", "é", "-x", "a b", "_", " ", ".", "AKAK", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=12).map("".join), st.lists(_pieces | st.text(max_size=4), max_size=6))
def test_redactor_agrees_with_the_regular_expression(text: str, ids: list[str]) -> None:
    assert Redactor(ids).redact(text) == regex_redact(text, ids)


# --- generated profiles -------------------------------------------------------------------------------------

ids_strategy = st.lists(st.from_regex(r"ZQ[A-Z0-9]{5}", fullmatch=True), min_size=4, max_size=8, unique=True)
hostile_text = st.sampled_from(
    ["<script>alert(1)</script>", "</style><b>x", '"><svg onload=alert(1)>', "&amp; &lt;", "]]> -->", "ok"]
) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
days = st.integers(-900, 0).map(lambda n: AS_OF + dt.timedelta(days=n))


@st.composite
def generated(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    ids = draw(ids_strategy)
    some = st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)
    profile = {
        "name": draw(hostile_text).strip() or "x",
        "convener": {"id": ids[0], "successor": ids[1]},
        "people": [{"id": i, "kinds": [draw(st.sampled_from(["practitioner", "sponsor", "manager"]))]} for i in ids],
        "roles": {"co_convener": draw(some), "chair": draw(some)},
        "planning_group": draw(some),
        "sponsors": [{"id": ids[2], "oversight": draw(st.booleans()), "in_planning": draw(st.booleans())}],
        "domain": {"statement": draw(hostile_text), "wicked_problems": [draw(hostile_text)]},
    }
    events: list[dict[str, Any]] = [
        {"date": draw(days), "type": "planning_meeting", "attendees": draw(some), "notes": draw(hostile_text)},
        {"date": draw(days), "type": "launch", "minutes": 90, "attendance": draw(st.integers(0, 30))},
        {"date": draw(days), "type": "task_proposed", "by": ids[2], "decision": "accepted", "decided_by": "convener"},
        {"date": draw(days), "type": "role_change", "role": "chair", "from": ids[0], "to": ids[3]},
        {"date": draw(days), "type": "training", "person": draw(st.sampled_from(ids))},
    ]
    for _ in range(draw(st.integers(0, 5))):
        meeting = {"date": draw(days), "type": "meeting", "convened_by": draw(some), "themes": [draw(hostile_text)]}
        events.append(meeting | {"minutes": draw(st.sampled_from([60, 120])), "attendance": draw(st.integers(0, 30))})
    return profile, events, ids


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated())
def test_generated_hostile_profiles_stay_anonymous_and_escaped(
    case: tuple[dict[str, Any], list[dict[str, Any]], list[str]],
) -> None:
    profile, events, ids = case
    with tempfile.TemporaryDirectory() as folder:
        write_profile(Path(folder), profile, events, slug="generated")
        page, summary = pages(Path(folder))
    for text in (page, summary):
        assert [i for i in ids if i in text] == []
    assert "<script" not in page.lower()
    assert "<svg onload" not in page.lower()

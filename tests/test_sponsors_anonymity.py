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
import unicodedata
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


def test_redact_ignores_case_and_composition_and_breaks_tokens_at_underscores() -> None:
    """Red team 3, break 12: `jc` for `JC`, `ann_smith_cop` for `ann` and `Ann_Smith`, a decomposed `Zoë`."""
    assert redact("jc's team - Team of Jc", ["JC"]) == "…'s team - Team of …"
    assert redact("profiles/ann_smith_cop/cop.yaml", ["ann", "Ann_Smith"]) == "profiles/…_cop/cop.yaml"
    assert redact("profiles/ak-outreach/x.ak.yaml", ["AK"]) == "profiles/…-outreach/x.….yaml"
    assert redact("Zoe\u0308 and friends", ["Zo\u00eb"]) == "… and friends"
    assert redact("Zo\u00eb and friends", ["Zoe\u0308"]) == "… and friends"
    assert redact("AK_1 and AK1", ["ak"]) == "…_1 and AK1"


def regex_redact(text: str, ids: list[str]) -> str:
    """The specification: one regular expression of every id as a whole token (bounded by anything but a letter
    or a digit), longest first, in any letter case, on text and ids in Unicode's composed form (NFC)."""
    nfc = functools.partial(unicodedata.normalize, "NFC")
    words = sorted({nfc(i) for i in ids if i.strip()}, key=lambda i: (-len(i), i))
    if not words:
        return text
    pattern = "|".join(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])" for w in words)
    return re.compile(pattern, re.IGNORECASE).sub("…", nfc(text))


_pieces = st.sampled_from(
    ["AK", "ak", "AK1", "J. Smith", "<b>", "é", "e\u0301", "É", "-x", "a b", "_", " ", ".", "/", "AKAK", "x", "Zoë"]
)


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


# --- red team 3 -------------------------------------------------------------------------------------------


def _cop(folder: Path, slug: str, cop: str, events: str = "") -> None:
    (folder / slug).mkdir(parents=True)
    (folder / slug / "cop.yaml").write_text("copadvisor: 1\n" + cop, encoding="utf-8")
    if events:
        (folder / slug / "events.yaml").write_text(events, encoding="utf-8")


def test_names_and_paths_are_redacted_in_any_case_form_and_an_unread_profile_shows_neither(tmp_path: Path) -> None:
    """Breaks 11 and 12: an unreadable profile's own ids were never read, so it shows neither its name nor its
    path; `jc` is blanked for `JC`, `ann_smith_cop` for `ann`, a decomposed `Zoë` for a composed one."""
    _cop(tmp_path, "AK-outreach", "name: AK's outreach CoP\nconvener: {id: AK}\nbogus_key: 1\n")
    _cop(tmp_path, "JC team", 'name: "jc\'s team - Team of Jc"\nconvener: {id: JC}\n')
    _cop(
        tmp_path,
        "ann_smith_cop",
        "name: Ann_Smith CoP (convened by ann)\nconvener: {id: ann}\npeople: [{id: Ann_Smith, kinds: [practitioner]}]\n",
    )
    _cop(tmp_path, "Zoe cop", 'name: "Zoe\u0308 and friends"\nconvener: {id: "Zo\u00eb"}\n')
    report = run_profiles([str(tmp_path)], Options(as_of=AS_OF), prepared())
    view = build_view(report)
    assert sorted((c.name, c.path.removeprefix(f"{tmp_path}/")) for c in view.cops) == [
        ("A profile that could not be read", ""),
        ("… CoP (convened by …)", "…_cop/cop.yaml"),
        ("… and friends", "Zoe cop/cop.yaml"),
        ("…'s team - Team of …", "… team/cop.yaml"),
    ]
    page, text = html.render(report), markdown.render(report)
    for shown in (page, unescape(page), text):
        assert "AK" not in shown
        assert "jc" not in shown.casefold()
        assert "ann_smith" not in shown.casefold()
        assert "Zo\u00eb" not in unicodedata.normalize("NFC", shown)


def test_a_pulse_question_about_a_person_reaches_sponsors_blanked(tmp_path: Path) -> None:
    """Break 13: a pulse's own question keys (`jc`, `jc_listens_to_members`) are redacted as names are."""
    answers = (
        "    jc: {agree: 1, neutral: 0, disagree: 5}\n    jc_listens_to_members: {agree: 0, neutral: 1, disagree: 5}\n"
    )
    events = (
        "- {date: 2026-01-10, type: launch, minutes: 120, attendance: 12}\n"
        "- {date: 2026-03-10, type: meeting, minutes: 120, attendance: 10, convened_by: [jc]}\n"
        "- date: 2026-03-10\n  type: pulse\n  responses: 6\n  answers:\n" + answers
    )
    _cop(tmp_path, "p1", "name: Pulse CoP\nconvener: {id: jc}\nplanning_group: [jc, lg, dh]\n", events)
    page, text = pages(tmp_path, dt.date(2026, 4, 1))
    voice = [line for line in text.splitlines() if "of 6 agree" in line]
    assert voice == [
        "- …: 1 of 6 agree, 0 neutral, 5 disagree.",
        "- … listens to members: 0 of 6 agree, 1 neutral, 5 disagree.",
    ]
    assert "jc" not in unescape(page).casefold()

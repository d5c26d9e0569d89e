"""`copadvisor report`: the HTML page is self-contained, escaped, deterministic and complete; exit codes."""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser.hostile import HOSTILE, HOSTILE_SLUG, broken_profile, hostile_profile
from cop_testing import prepared, write_profile

from copadvisor.cli.main import run
from copadvisor.decide import Policy
from copadvisor.pipeline import Options
from copadvisor.render import html
from copadvisor.runner import run as run_profiles

from .support import tiny_run

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-01"
SVG_NS = "http://www.w3.org/2000/svg"


def report(tmp: Path, *args: str, name: str = "report.html") -> tuple[int, str]:
    target = tmp / name
    code = run(["report", *args, "--html", str(target)])
    return code, target.read_text(encoding="utf-8") if target.exists() else ""


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> str:
    code, page = report(tmp_path_factory.mktemp("examples"), str(REPO / "profiles"), "--as-of", AS_OF)
    assert code == 1  # the examples have high findings, and --fail-on defaults to high as for `check`
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    hostile_profile(folder)
    code, page = report(folder, str(folder), "--as-of", "2026-06-01", "--since", "2026-03-15")
    assert code == 1
    return page


class Structure(HTMLParser):
    """Every tag and attribute, and the text, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("fixture", ["examples", "hostile"])
def test_the_page_is_self_contained(fixture: str, request: pytest.FixtureRequest) -> None:
    page: str = request.getfixturevalue(fixture)
    tags = parse(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignobject"} & set(tags.tags)
    assert [v for _, name, v in tags.attributes if name == "xmlns"] == [SVG_NS] * tags.tags.count("svg")
    assert all(v.startswith("#cop-") for _, name, v in tags.attributes if name in {"href", "src", "xlink:href"})
    assert not [name for _, name, _ in tags.attributes if name.startswith("on")]
    assert re.findall(r"https?://[^\s\"'<>]+", page) == [SVG_NS] * tags.tags.count("svg")
    assert "url(" not in page
    assert "@import" not in page
    assert "default-src 'none'" in page  # the browser is told to fetch nothing and run nothing


def test_the_page_shows_every_part_of_the_report(examples: str) -> None:
    text = " ".join(parse(examples).text)
    for part in ("How to read this", "insight, not oversight", "Overview", "Across the portfolio", "Stages"):
        assert part in text
    for part in (
        "Stage timeline",
        "Top risks and how to help",
        "Status over time",
        "Length against the two-hour guidance",
    ):
        assert part in text
    assert "Attendance" in text
    assert "Gaps between sessions" in text
    assert "Portfolio risks" in text
    names = ["Alcohol Assertive Outreach Team CoP", "FREED Champions Community of Practice"]
    assert all(name in text for name in names)
    assert text.count("How a sponsor can help:") >= 3
    assert "Next step" not in text


def test_every_chart_has_a_title_a_description_and_a_text_equivalent(examples: str) -> None:
    tags = parse(examples)
    charts = tags.tags.count("svg")
    assert charts >= 1 + 4 * 3  # the stages, and per CoP with sessions: timeline, length, attendance, gaps
    assert [v for t, name, v in tags.attributes if t == "svg" and name == "role"] == ["img"] * charts
    labelled = [v for t, name, v in tags.attributes if t == "svg" and name == "aria-labelledby"]
    assert len(labelled) == charts
    for ids in labelled:
        for ident in ids.split():
            assert f'id="{ident}"' in examples
    assert examples.count('class="summary"') == examples.count("<figure>")  # each figure has it in words…
    assert examples.count('<div class="figures"><h4>The figures as tables</h4>') >= 3  # …and as tables, shown
    assert "<details" not in examples  # on paper too: nothing is folded away


def test_profile_text_is_escaped_everywhere(hostile: str) -> None:
    assert HOSTILE not in hostile
    assert "<script" not in hostile.lower()
    assert "<b>" not in hostile
    assert "onerror=" not in hostile.replace("onerror=alert(2)&gt;", "")
    text = " ".join(parse(hostile).text)
    assert f"{HOSTILE} & <b>Bold</b> \"quoted\" 'single' CoP" in text  # the name, shown as text
    assert HOSTILE_SLUG in text  # the slug, within the path


def test_the_same_inputs_give_byte_identical_pages(tmp_path: Path) -> None:
    args = [str(REPO / "profiles"), "--as-of", AS_OF, "--since", "2026-06-01"]
    first = report(tmp_path, *args, name="one.html")[1]
    second = report(tmp_path, *args, name="two.html")[1]
    assert first == second
    assert first.encode() == (tmp_path / "one.html").read_bytes()


def test_since_shows_what_is_new_and_what_is_resolved(tmp_path: Path) -> None:
    events = [
        {"date": "2025-01-10", "type": "launch", "minutes": 120},
        {"date": "2025-02-10", "type": "meeting", "minutes": 60},  # too short: found then and now
        {"date": "2025-03-10", "type": "meeting", "minutes": 90},  # too short: new since
    ]
    write_profile(tmp_path, {"stage": "potential"}, events)  # the declared stage is wrong from the launch on…
    _, page = report(tmp_path, str(tmp_path), "--as-of", "2025-03-20", "--since", "2025-03-01")
    section = page[page.index("<h3>Since 1 March 2025</h3>") :]
    new, resolved = section[: section.index("Resolved")], section[section.index("Resolved") : section.index("</ul>")]
    assert "Meetings shorter than two hours" in new
    assert "Meetings shorter than two hours" not in resolved
    write_profile(tmp_path, {"stage": "coalescing"}, events)  # …until it is put right
    _, page = report(tmp_path, str(tmp_path), "--as-of", "2025-03-20", "--since", "2025-01-01")
    section = page[page.index("<h3>Since 1 January 2025</h3>") :]
    resolved = section[section.index("Resolved") : section.index("<h3>Sessions")]
    assert "The declared stage differs from the event log" in resolved


def test_a_broken_profile_is_listed_and_the_others_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(tmp_path, {"practicalities": {"meeting_minutes": 60}}, slug="good")
    bad = broken_profile(tmp_path)
    code, page = report(tmp_path, str(tmp_path), "--as-of", "2026-01-01")
    assert code == 2
    text = " ".join(parse(page).text)
    assert "CoP good" in text
    # Red team 3, break 11: neither its name nor its folder (they may hold an id that was never read).
    assert "Broken CoP" not in text
    assert str(bad) not in page
    assert (
        text.count("A profile that could not be read") == 3
    )  # the table, the list of what was not checked, its section
    assert "Could not be read: see <code>copadvisor lint</code>" in page
    assert "unknown key" not in text  # not the message: it could quote a person id


def test_a_cop_without_events_renders_without_charts(tmp_path: Path) -> None:
    write_profile(tmp_path)
    options = Options(as_of=dt.date(2026, 1, 1))
    page = html.render(run_profiles([str(tmp_path)], options))
    assert "No events recorded yet" in page
    assert "No launch or meeting recorded yet." in page
    assert page.count("<svg") == 1  # the stages of the portfolio only


def test_a_tiny_run_tallies_each_severity_and_each_status(tmp_path: Path) -> None:
    page = html.render(tiny_run(tmp_path))
    tiles = re.findall(r'<li class="tile status-(\w+)"><strong>(\d+)</strong>', page)
    assert tiles == [
        ("red", "0"),
        ("amber", "1"),
        ("ending", "0"),
        ("green", "1"),
    ]  # no "error" tile without unread CoPs
    rows = re.findall(r'<tr><th scope="row"><a href="#(cop-\d)">([^<]+)</a></th>(.*?)</tr>', page)
    tallies = {name: re.findall(r"<strong>(\d+)</strong> ([a-z ]+)</li>", cells) for _, name, cells in rows}
    assert tallies == {
        "CoP a": [("0", "high"), ("1", "medium"), ("6", "low"), ("2", "info"), ("0", "need data")],
        "CoP b": [("0", "high"), ("0", "medium"), ("7", "low"), ("0", "info"), ("0", "need data")],
    }
    assert [anchor for anchor, _, _ in rows] == ["cop-1", "cop-2"]  # amber before green


GOLDEN = Path(__file__).resolve().parent / "golden" / "sponsors.html"
PAGE_RULES = ("domain.statement-missing", "meetings.too-short", "meetings.momentum-gap", "stage.mismatch", "portfolio.")


def test_the_page_is_the_reviewed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every byte of a page with each part in it: CoPs of each status, one unread, changes since a date, the
    portfolio's finding. To accept a new page after reviewing it: ``COPADVISOR_UPDATE_GOLDEN=1``."""
    from test_every_format import write_portfolio

    monkeypatch.chdir(tmp_path)
    write_portfolio(Path("profiles"))
    broken = Path("profiles") / "epsilon"
    broken.mkdir()
    (broken / "cop.yaml").write_text("copadvisor: 1\nname: Epsilon\nstage: coalesing\n")
    options = Options(as_of=dt.date(2026, 3, 1), since=dt.date(2025, 10, 5), policy=Policy(select=PAGE_RULES))
    page = html.render(run_profiles(["profiles"], options, prepared(select=PAGE_RULES)))
    if os.environ.get("COPADVISOR_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(page, encoding="utf-8")
    assert page == GOLDEN.read_text(encoding="utf-8")


def test_without_since_there_is_no_column_of_changes(tmp_path: Path) -> None:
    page = html.render(tiny_run(tmp_path))
    assert '<p class="sub">Sponsors\' report · 2 CoPs · as of 1 January 2026</p>' in page
    assert '<th scope="col">Risks found</th><th scope="col">Last session</th>' in page
    assert "“New” counts" not in page
    assert "Not checked" not in page  # every input was read


# A field path, a snake_case YAML key or value, or "record": the convener's editing instructions (SPEC §5).
EDITING = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*\b|\b[a-z]+_[a-z_]+\b|\brecord\b", re.IGNORECASE)
FILE_PATH = re.compile(r"\S+\.ya?ml\b")


def editing_words(text: str) -> list[str]:
    return sorted({m.group() for m in EDITING.finditer(FILE_PATH.sub("", text))})


def test_the_sponsors_words_hold_no_editing_instructions(tmp_path: Path) -> None:
    since = ["--as-of", "2026-12-01", "--since", "2026-03-01"]
    code, page = report(tmp_path, str(REPO / "profiles"), *since)
    assert code == 1
    text = " ".join(parse(page.split("</style>", 1)[1]).text)
    assert "How a sponsor can help:" in text
    assert editing_words(text) == []
    assert run(["report", str(REPO / "profiles"), *since, "--output", str(tmp_path / "r.md")]) == 1
    assert editing_words((tmp_path / "r.md").read_text(encoding="utf-8")) == []
    assert editing_words("record it as convener.dedicated_hours_per_month (decided_by: members)") == [
        "convener.dedicated_hours_per_month",
        "decided_by",
        "record",
    ]

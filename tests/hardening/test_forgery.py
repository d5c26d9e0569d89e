"""Class 4 of issue 12: output is never forged from input. Every text from input is neutralised for the format
it lands in (`copadvisor.render.safe`), and so is every message on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

from copadvisor.cli.main import run
from copadvisor.render import safe

from .support import AS_OF, EXAMPLE

ESCAPES = ["\x1b]0;owned\x07", "\x1b[2J", "\x9b31m", "\u202e", "\x00", "\x7f", "\x0b", "\x0c"]
FORGED = "\n::error file=evil.py,line=1::forged"
TICKED = "\n- [x] **Forged** — done"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def hostile_profile(folder: Path, **changes: Any) -> Path:
    data = yaml.safe_load((EXAMPLE / "cop.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    target = folder / "p"
    target.mkdir(parents=True, exist_ok=True)
    (target / "cop.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (target / "events.yaml").write_bytes((EXAMPLE / "events.yaml").read_bytes())
    return target


def no_control(text: str) -> None:
    """No control character but newlines and tabs (JSON writes the rest as escapes: the data is unchanged)."""
    bad = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert not bad, [hex(ord(c)) for c in bad]


def no_forged_line(text: str) -> None:
    for line in text.splitlines():
        assert not line.lstrip().startswith("::error file=evil.py"), line
        assert not line.lstrip().startswith("- [x] **Forged**"), line
        assert "high fake.rule forged" not in line or not line.startswith("/x/cop.yaml"), line


# --- the red-team's reproductions -----------------------------------------------------------------------


def test_a_newline_in_a_config_string_forges_no_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    profile = hostile_profile(tmp_path)
    (tmp_path / "copadvisor.toml").write_text('ignore = ["x\\n::error file=evil.py::owned"]\n')
    code, _, err = cli(capsys, "check", profile)
    assert code == 2
    assert err.count("\n") == 1  # one message, one line
    assert "::error" not in err.split("\n")[0][:20]
    no_forged_line(err)


def test_a_newline_in_an_acknowledged_rule_forges_no_lint_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    risks = [{"rule": "roles.unfilled\n/x/cop.yaml:1:1: high fake.rule forged", "reason": "ok"}]
    profile = hostile_profile(tmp_path, acknowledged_risks=risks)
    for fmt in ("text", "github", "markdown"):
        _, out, err = cli(capsys, "lint", profile, "--as-of", AS_OF, "--format", fmt)
        assert not any(line.startswith("/x/cop.yaml") for line in out.splitlines()), out
        no_forged_line(out + err)


def test_a_newline_in_a_reason_forges_no_ticked_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    risks = [{"rule": "roles.unfilled", "reason": "members chose" + TICKED}]
    profile = hostile_profile(tmp_path, acknowledged_risks=risks)
    _, out, _ = cli(capsys, "checklist", profile, "--as-of", AS_OF, "--format", "markdown")
    assert "acknowledged: members chose" in out
    assert not any(line.startswith("- [x] **Forged**") for line in out.splitlines())
    ticked = [line for line in out.splitlines() if line.startswith("- [x]")]
    assert all("Forged" not in line for line in ticked)
    assert "\\[x\\] \\*\\*Forged\\*\\*" in out  # shown, inert


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "sarif", "junit", "github"])
@pytest.mark.parametrize("command", ["check", "lint"])
def test_escape_sequences_in_a_name_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, command: str
) -> None:
    profile = hostile_profile(tmp_path, name="Evil" + "".join(ESCAPES) + FORGED + " CoP")
    _, out, err = cli(capsys, command, profile, "--as-of", AS_OF, "--format", fmt)
    no_control(out + err)
    no_forged_line(out + err)
    if fmt == "junit":
        ET.fromstring(out.encode())  # well-formed XML 1.0
    if fmt in ("json", "sarif"):
        json.loads(out)


LEGACY = "##[error]Build passed ##vso[task.complete]"


@pytest.mark.parametrize(
    ("command", "fmt", "shown"),
    [
        ("check", "text", r"Outreach #\#[error]Build passed #\#vso[task.complete]"),
        ("lint", "text", None),
        ("checklist", "text", r"Outreach #\#[error]Build passed #\#vso[task.complete]"),
        ("check", "markdown", r"Outreach ##\[error\]Build passed ##vso\[task.complete\]"),
        ("lint", "markdown", None),
        ("checklist", "markdown", r"Outreach ##\[error\]Build passed ##vso\[task.complete\]"),
    ],
)
def test_a_legacy_workflow_command_anywhere_in_a_line_is_defused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, fmt: str, shown: str | None
) -> None:
    """Red team 3, break 8: GitHub's runner reads `##[command]` anywhere in a line (Azure's `##vso[` too): in a
    name, a folder (on stdout and on stderr) it is shown as `#\\#[` (in Markdown, escaped as any `[` is)."""
    profile = hostile_profile(tmp_path / "ok", name=f"Outreach {LEGACY}")
    broken = tmp_path / "##[error]folder"
    broken.mkdir()
    (broken / "cop.yaml").write_text("copadvisor: 1\nname: y\nbogus: '##vso[task.complete]'\n")
    _, out, err = cli(capsys, command, profile, broken, "--as-of", AS_OF, "--format", fmt)
    assert "##[" not in out + err
    assert "##vso[" not in out + err
    assert shown is None or shown in out
    assert r"#\#[error]folder" in out + err


MARKUP = "CoP <img src=https://e.example/p.png> ![i](https://e.example/q.png) [login](https://e.example) *b* _u_"
INERT = (
    r"CoP \<img src=https://e.example/p.png\> !\[i\](https://e.example/q.png) \[login\](https://e.example)"
    r" \*b\* \_u\_"
)


def test_markup_in_a_name_or_a_folder_is_inert_in_every_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Red team 3, break 10: a CoP's name and folder are escaped in the Markdown of check, lint and checklist
    as in the sponsors' Markdown (no image, link, tag or emphasis); a path in a code span is shown as it is."""
    profile = hostile_profile(tmp_path / "a`b <img src=x>", name=MARKUP)
    for command in ("check", "lint"):
        _, out, _ = cli(capsys, command, profile, "--as-of", AS_OF, "--format", "markdown")
        lines = out.splitlines()
        assert lines[4].startswith(f"| {INERT} | coalescing | ")
        assert lines[9:12] == [f"## {INERT}", "", f"``{profile}/cop.yaml``"]
    _, out, _ = cli(capsys, "checklist", profile, "--as-of", AS_OF, "--format", "markdown")
    lines = out.splitlines()
    assert lines[0] == f"## {INERT} — checklist for the coalescing stage (as of {AS_OF})"
    folder = str(profile).replace("<", "\\<").replace(">", "\\>")
    assert f"({folder}/cop.yaml:" in out
    assert not re.search(r"(?<!\\)<|(?<!\\)\]\(", out)  # no tag, no link


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_escape_sequences_in_the_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    risks = [{"rule": "roles.unfilled", "reason": "".join(ESCAPES) + TICKED}]
    profile = hostile_profile(tmp_path, name="\x1b[31mRed" + FORGED, acknowledged_risks=risks)
    _, out, err = cli(capsys, "checklist", profile, "--as-of", AS_OF, "--format", fmt)
    no_control(out + err)
    # A word wrapped into a table's column may begin an indented line; no line of its own begins with it.
    assert not any(line.startswith(("- [x] **Forged", "::error")) for line in out.splitlines())


def test_a_vertical_tab_in_a_key_keeps_junit_well_formed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = hostile_profile(tmp_path, **{"bad\x0bkey\x1b": 1})
    code, out, _ = cli(capsys, "lint", profile, "--as-of", AS_OF, "--format", "junit")
    assert code == 2
    root = ET.fromstring(out.encode())
    assert "bad\\x0bkey\\x1b" in ET.tostring(root, encoding="unicode")


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "sarif", "json", "markdown"])
def test_a_hostile_file_name_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    name = "::error file=evil.py::owned\x1b[2J.yaml"
    (tmp_path / name).write_bytes(b"copadvisor: 1\nname: [broken\n")
    _, out, err = cli(capsys, "lint", tmp_path, "--format", fmt)
    no_control(out + err)
    for line in (out + err).splitlines():
        assert not line.lstrip().startswith("::error file=evil.py"), line
    if fmt == "junit":
        ET.fromstring(out.encode())


def test_a_hostile_path_argument_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "check", "::error file=evil.py::owned\nmore", "--format", "json")
    assert code == 2
    for line in (out + err).splitlines():
        assert not line.lstrip().startswith("::error"), line


def test_click_errors_echoing_an_argument_are_neutralised(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "check", "x", "--format", "\x1b[2J\n::error::owned")
    assert code == 2
    no_control(err)
    assert not any(line.startswith("::error") for line in err.splitlines())


# --- the neutraliser itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_every_line_break_becomes_a_space_in_one_line_text(char: str) -> None:
    assert safe.text(f"a{char}b") == "a b"


def test_controls_are_shown_as_escapes() -> None:
    assert safe.text("\x1b[2J\x07\x9b\u202e\x7f") == "\\x1b[2J\\x07\\x9b\\u202e\\x7f"
    assert safe.text("tab\tkept, é ☕ kept") == "tab\tkept, é ☕ kept"


def test_bytes_of_a_name_that_is_not_utf8_are_shown_as_bytes() -> None:
    assert safe.text("bad\udcff/cop.yaml") == "bad\\xff/cop.yaml"


def test_no_command_defuses_workflow_commands() -> None:
    assert safe.message("::error::x") == "copadvisor: ::error::x"
    assert safe.message("  ::warning::x") == "  copadvisor: ::warning::x"
    assert safe.message("a::b") == "a::b"


def test_xml_keeps_newlines_and_drops_what_xml_forbids() -> None:
    assert safe.xml("a\nb\x0bc\x00\ufffe") == "a\nb\\x0bc\\x00\\ufffe"


def test_json_text_escapes_line_separators_and_shows_surrogates() -> None:
    dumped = json.dumps({"p": "a\u2028b\udcffc"}, ensure_ascii=False)
    assert json.loads(safe.json_text(dumped)) == {"p": "a\u2028b\\xffc"}
    assert "\u2028" not in safe.json_text(dumped)

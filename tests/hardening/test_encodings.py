"""Class 5 of issue 12: encodings. A folder name that is not UTF-8 is reported with its bytes escaped, never an
internal error; a cp1252, Latin-1 or ASCII console degrades the output to ASCII stand-ins where it cannot
encode it, never exit 3."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from .support import AS_OF, EXAMPLE, copadvisor

FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]
needs_bytes_names = pytest.mark.skipif(
    sys.platform == "darwin" or os.name == "nt", reason="the file system must accept names that are not UTF-8"
)


def bad_folder(root: Path, raw: bytes = b"bad\xff\xfe") -> Path:
    folder = Path(os.fsdecode(os.path.join(os.fsencode(root), raw)))
    folder.mkdir()
    for name in ("cop.yaml", "events.yaml"):
        (folder / name).write_bytes((EXAMPLE / name).read_bytes())
    return folder


@needs_bytes_names
@pytest.mark.parametrize(("command", "fmt"), [("check", f) for f in FORMATS] + [("lint", "text"), ("lint", "github")])
def test_a_folder_name_that_is_not_utf8(tmp_path: Path, fmt: str, command: str) -> None:
    bad_folder(tmp_path)
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "cop.yaml").write_bytes(b"copadvisor: 1\nname: Good\n")
    result = copadvisor(command, ".", "--as-of", AS_OF, "--format", fmt, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout.decode("utf-8")  # valid UTF-8, whatever the names
    if fmt != "sarif":  # SARIF has URIs only: percent-encoded bytes
        assert ("bad\\\\xff\\\\xfe" if fmt == "json" else "bad\\xff\\xfe") in out  # the bytes shown escaped
    if fmt == "sarif":
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]
        }
        assert any("bad%FF%FE/cop.yaml" in uri for uri in uris), uris
        return
    if fmt == "json":
        assert {p["slug"] for p in json.loads(out)["profiles"]} == {"bad\\xff\\xfe", "good"}
    if fmt == "junit":
        ET.fromstring(result.stdout)


@needs_bytes_names
def test_a_file_name_that_is_not_utf8_in_an_error(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    with open(raw, "wb") as handle:
        handle.write(b"copadvisor: 1\nname: [broken\n")
    result = copadvisor("lint", tmp_path, "--format", "text")
    assert result.returncode == 2
    assert b"caf\\xe9.yaml:" in result.stdout


@pytest.mark.parametrize(
    ("command", "encoding"),
    [("check", "cp1252"), ("check", "latin-1"), ("check", "ascii"), ("checklist", "cp1252"), ("lint", "ascii")],
)
def test_a_console_that_cannot_encode_the_renderers_typography(command: str, encoding: str) -> None:
    result = copadvisor(command, EXAMPLE, "--as-of", AS_OF, env={"PYTHONIOENCODING": encoding})
    assert result.returncode in (0, 1), result.stderr
    text = result.stdout.decode(encoding)
    assert "internal error" not in result.stderr.decode(encoding)
    if encoding != "cp1252":  # cp1252 has the dash, not the arrow
        assert "—" not in text
    assert "→" not in text
    if command == "check":
        assert "-> " in text


def test_a_c_locale() -> None:
    result = copadvisor("check", EXAMPLE, "--as-of", AS_OF, env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""})
    assert result.returncode in (0, 1), result.stderr


def test_a_name_with_characters_the_console_cannot_show(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "cop.yaml").write_text("copadvisor: 1\nname: Café ☕ 中文\n", encoding="utf-8")
    result = copadvisor("check", folder, "--as-of", AS_OF, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode in (0, 1), result.stderr
    assert b"Caf\\xe9 \\u2615" in result.stdout


def test_an_error_message_on_a_console_that_cannot_show_it(tmp_path: Path) -> None:
    result = copadvisor("check", tmp_path / "naïve ☕", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2
    assert b"na\\xefve \\u2615:1:1: no such file or directory" in result.stdout
    assert b"internal error" not in result.stderr


def test_report_files_are_always_utf8(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = copadvisor(
        "check", EXAMPLE, "--as-of", AS_OF, "--format", "markdown", "--output", out, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode in (0, 1), result.stderr
    assert "—" in out.read_text(encoding="utf-8")

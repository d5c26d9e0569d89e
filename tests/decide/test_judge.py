"""Engine matches → raw findings and unknowns (``copadvisor.decide.judge``): messages, locations, fingerprints."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cop_testing import SHORT, write_profile

from copadvisor.cli.main import run
from copadvisor.decide import render_message
from copadvisor.thresholds import Thresholds


def test_messages_fill_placeholders_plainly() -> None:
    values = {"minutes": 90, "date": dt.date(2025, 3, 1), "flag": True, "ratio": 0.456, "hours": 16.0, "x": None}
    text = "{minutes} {date} {flag} {ratio} {hours} {x} {stage} {threshold.meeting_minutes}"
    assert (
        render_message(text, values, "maturing", Thresholds()) == "90 2025-03-01 yes 0.5 16 not recorded maturing 120"
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fingerprints_survive_unrelated_line_moves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_profile(tmp_path, SHORT)
    args = ["check", str(folder), "--as-of", "2026-01-01", "--format", "json"]
    before = json.loads(cli(capsys, *args)[1])["profiles"][0]["findings"]
    text = (folder / "cop.yaml").read_text()
    (folder / "cop.yaml").write_text("# a comment\n\n" + text.replace("name:", "domain: {out_of_scope: [x]}\nname:"))
    after = json.loads(cli(capsys, *args)[1])["profiles"][0]["findings"]
    assert {f["rule"]: f["fingerprint"] for f in before} == {f["rule"]: f["fingerprint"] for f in after}
    assert [f["location"]["line"] for f in before] != [f["location"]["line"] for f in after]

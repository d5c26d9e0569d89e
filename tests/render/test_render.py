"""The one registry of formats (``copadvisor.render.FORMATS``): which command offers which format."""

from __future__ import annotations

import inspect

import pytest

from copadvisor.render import FORMATS, checklist, github, html, json_format, junit, lint_text, markdown, sarif, text
from copadvisor.render.portfolio import markdown as sponsors_markdown

from .support import mixed


def test_every_command_and_its_formats() -> None:
    assert {command: sorted(formats) for command, formats in FORMATS.items()} == {
        "check": ["github", "json", "junit", "markdown", "sarif", "text"],
        "lint": ["github", "json", "junit", "markdown", "sarif", "text"],
        "checklist": ["json", "markdown", "text"],
        "report": ["html", "markdown"],
    }


def test_each_name_is_its_module_s_renderer() -> None:
    assert FORMATS["check"]["text"] is text.render
    assert FORMATS["lint"]["text"] is lint_text.render
    assert FORMATS["check"]["markdown"] is FORMATS["lint"]["markdown"] is markdown.render
    for name, module in (("json", json_format), ("sarif", sarif), ("junit", junit), ("github", github)):
        assert FORMATS["check"][name] is FORMATS["lint"][name] is module.render
    assert FORMATS["checklist"] == {
        "text": checklist.render_text,
        "markdown": checklist.render_markdown,
        "json": checklist.render_json,
    }
    assert FORMATS["report"] == {"html": html.render, "markdown": sponsors_markdown.render}


@pytest.mark.parametrize(("command", "name"), [(c, n) for c, formats in FORMATS.items() for n in formats])
def test_every_renderer_takes_a_report_and_optional_options_and_returns_text(command: str, name: str) -> None:
    renderer = FORMATS[command][name]
    assert list(inspect.signature(renderer).parameters) == ["report", "options"]
    out = renderer(mixed())
    assert isinstance(out, str)
    assert out.endswith("\n")
    assert renderer(mixed()) == out  # a pure function of the report

"""Step 5 of the pipeline: a ``Report`` → text in one format, found through one registry.

Every format is a module (or a function of one) with the same signature, ``render(report, options) -> str``;
each walks ``Report.sections`` and reads ``Report.verdict``, and none decides anything. ``FORMATS`` maps
each command to the formats it offers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from copadvisor.render import checklist, github, html, json_format, junit, lint_text, markdown, sarif, text
from copadvisor.render.portfolio import markdown as sponsors_markdown
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report

__all__ = ["FORMATS", "RenderOptions", "Renderer"]


class Renderer(Protocol):
    def __call__(self, report: Report, options: RenderOptions | None = None) -> str: ...


_MACHINE: Mapping[str, Renderer] = {
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}
FORMATS: Mapping[str, Mapping[str, Renderer]] = {
    "check": {"text": text.render, "markdown": markdown.render, **_MACHINE},
    # `lint` speaks to CI first: its text is one line per finding.
    "lint": {"text": lint_text.render, "markdown": markdown.render, **_MACHINE},
    "checklist": {"text": checklist.render_text, "markdown": checklist.render_markdown, "json": checklist.render_json},
    "report": {"html": html.render, "markdown": sponsors_markdown.render},
}

"""Step 5 of the pipeline: a ``Report`` → text in one format. Each format is a module with ``render``."""

from __future__ import annotations

from typing import Protocol

from copadvisor.render import github, json_format, junit, lint_text, markdown, sarif, text
from copadvisor.render.style import RenderOptions
from copadvisor.report import Report

__all__ = ["LINT_RENDERERS", "RENDERERS", "RenderOptions", "Renderer"]


class Renderer(Protocol):
    def __call__(self, report: Report, options: RenderOptions | None = None) -> str: ...


RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}
# `lint` speaks to CI first: its text is one line per finding.
LINT_RENDERERS: dict[str, Renderer] = {**RENDERERS, "text": lint_text.render}

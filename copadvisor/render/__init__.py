"""Step 5 of the pipeline: a ``Report`` → text in one format, found through one registry.

Every format is a module (or a function of one) with the same signature, ``render(report, options) -> str``;
each walks ``Report.sections`` and reads ``Report.verdict``, and none decides anything. ``FORMATS`` maps
each command to the formats it offers. A format's module is imported when the format is first looked up, not
before: the command line lists the names without paying for every renderer (``copadvisor --version``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from copadvisor.render.style import RenderOptions

if TYPE_CHECKING:
    from copadvisor.report import Report

__all__ = ["FORMATS", "RenderOptions", "Renderer"]


class Renderer(Protocol):
    def __call__(self, report: Report, options: RenderOptions | None = None) -> str: ...


class _Formats(Mapping[str, Renderer]):
    """Format names → renderers, each given as ``module:function`` and imported on first use."""

    def __init__(self, targets: Mapping[str, str]) -> None:
        self._targets = dict(targets)

    def __getitem__(self, name: str) -> Renderer:
        module, function = self._targets[name].split(":")
        renderer: Renderer = getattr(importlib.import_module(f"copadvisor.render.{module}"), function)
        return renderer

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


_MACHINE = {"json": "json_format:render", "sarif": "sarif:render", "junit": "junit:render", "github": "github:render"}
FORMATS: Mapping[str, Mapping[str, Renderer]] = {
    "check": _Formats({"text": "text:render", "markdown": "markdown:render", **_MACHINE}),
    # `lint` speaks to CI first: its text is one line per finding.
    "lint": _Formats({"text": "lint_text:render", "markdown": "markdown:render", **_MACHINE}),
    "checklist": _Formats(
        {"text": "checklist:render_text", "markdown": "checklist:render_markdown", "json": "checklist:render_json"}
    ),
    "report": _Formats({"html": "html:render", "markdown": "portfolio.markdown:render"}),
}

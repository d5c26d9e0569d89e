"""Step 5 of the pipeline: a ``Report`` → text in one format. Each format is a module with ``render(report)``."""

from __future__ import annotations

from collections.abc import Callable

from copadvisor.render import json_format, text
from copadvisor.report import Report

Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
}

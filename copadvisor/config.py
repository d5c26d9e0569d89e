"""Configuration: ``copadvisor.toml``, or ``[tool.copadvisor]`` in ``pyproject.toml``, found walking up.

Command-line flags win over the file. A bad config is a located error (exit 2), never a silent default.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from copadvisor.errors import InputError, Location, Problem
from copadvisor.terms import Severity
from copadvisor.thresholds import Thresholds

CONFIG_NAMES = ("copadvisor.toml", "pyproject.toml")
FailOn = Literal["info", "low", "medium", "high", "none"]


class Settings(BaseModel):
    """The keys of the config file, each optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    select: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    ignore: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    rules: list[str] = Field(default_factory=list)  # extra rule folders, relative to the config file
    profiles: list[str] = Field(default_factory=list)  # where `lint` looks, relative to the config file
    fail_on: FailOn | None = None
    engine: Literal["auto", "durable", "python"] | None = None


@dataclass(frozen=True)
class Config:
    settings: Settings
    path: str | None  # None when no file was found

    def relative(self, paths: list[str]) -> tuple[str, ...]:
        base = os.path.dirname(self.path) if self.path else ""
        return tuple(os.path.join(base, p) for p in paths)


def find_config(start: str) -> str | None:
    """The nearest ``copadvisor.toml``, or ``pyproject.toml`` with a ``[tool.copadvisor]`` table, upwards."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return os.path.relpath(candidate) if not os.path.isabs(start) else candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return re.search(rb"^\s*\[tool\.copadvisor[\].]", handle.read(), re.MULTILINE) is not None
    except OSError:
        return False


def load_config(path: str | None) -> Config:
    if path is None:
        return Config(Settings(), None)
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(_toml_location(path, str(exc)), f"invalid TOML: {_toml_message(exc)}")]) from None
    table = data.get("tool", {}).get("copadvisor", {}) if path.endswith("pyproject.toml") else data
    try:
        return Config(Settings.model_validate(table), path)
    except ValidationError as exc:
        raise InputError([_located(path, text, error) for error in exc.errors()]) from None


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(Location(path), f"cannot read the config: {exc}")]) from None


def _toml_location(path: str, message: str) -> Location:
    found = re.search(r"line (\d+), column (\d+)", message)
    return Location(path, int(found[1]), int(found[2])) if found else Location(path)


def _toml_message(exc: Exception) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "syntax error"


def locate(path: str, needle: str) -> Location:
    """Where ``needle`` (a rule id, a folder) first appears in the config file; line 1 when it does not."""
    try:
        text = _read(path)
    except InputError:
        return Location(path)
    at = text.find(needle)
    if at < 0:
        return Location(path)
    return Location(path, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1)


def _located(path: str, text: str, error: Any) -> Problem:
    """TOML keeps no positions: find the line of the innermost key the error names."""
    keys = [str(part) for part in error["loc"] if isinstance(part, str)]
    label = ".".join(keys) or "config"
    location = Location(path)
    for key in reversed(keys):
        found = re.search(rf'^[ \t]*"?{re.escape(key)}"?[ \t]*=', text, re.MULTILINE)
        if found:
            at = text.index(key, found.start())
            line = text.count("\n", 0, at) + 1
            location = Location(path, line, at - (text.rfind("\n", 0, at) + 1) + 1)
            break
    if error["type"] == "extra_forbidden":
        known = Thresholds.model_fields if keys[:1] == ["thresholds"] else Settings.model_fields
        close = difflib.get_close_matches(keys[-1], list(known), n=1, cutoff=0.6)
        message = "unknown key" + (f"; did you mean '{close[0]}'?" if close else "")
    else:
        message = error["msg"].replace("Input should", "should")
    return Problem(location, f"{label}: {message}")

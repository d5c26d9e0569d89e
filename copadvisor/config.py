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
from copadvisor.files import not_regular, read_regular
from copadvisor.terms import Severity
from copadvisor.thresholds import Thresholds

CONFIG_NAMES = ("copadvisor.toml", "pyproject.toml")
# A config is a few lines; a pyproject.toml a few kilobytes. More is not a config (`--config /dev/zero`).
MAX_CONFIG_BYTES = 1024 * 1024
FolderName = Annotated[str, Field(min_length=1, pattern=r"^[^\x00]*$")]
FailOn = Literal["info", "low", "medium", "high", "none"]


class Settings(BaseModel):
    """The keys of the config file, each optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    select: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    ignore: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    rules: list[FolderName] = Field(default_factory=list)  # extra rule folders, relative to the config file
    profiles: list[FolderName] = Field(default_factory=list)  # where `lint` looks, relative to the config file
    fail_on: FailOn | None = None
    engine: Literal["auto", "durable", "python"] | None = None
    # `copadvisor import pulse`: question key → the text heading its column in the survey's export.
    pulse: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")], Annotated[str, Field(min_length=1)]] = Field(
        default_factory=dict
    )


@dataclass(frozen=True)
class Config:
    settings: Settings
    path: str | None  # None when no file was found

    def relative(self, paths: list[str]) -> tuple[str, ...]:
        base = os.path.dirname(self.path) if self.path else ""
        return tuple(os.path.join(base, p) for p in paths)


def find_config(start: str) -> str | None:
    """The nearest ``copadvisor.toml``, or ``pyproject.toml`` with a ``[tool.copadvisor]`` table, upwards.

    A candidate that is not a regular file (a FIFO, a folder, a dangling link) is returned all the same, so
    that loading it reports it: a config is never passed over in silence."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.lexists(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return os.path.relpath(candidate) if not os.path.isabs(start) else candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    """Whether this ``pyproject.toml`` speaks to copadvisor: a ``tool.copadvisor`` key in any TOML spelling
    (``[tool.copadvisor]``, ``[[tool.copadvisor]]``, dotted keys, an inline table), or a file that cannot be
    read or parsed but mentions copadvisor (so that loading it reports why)."""
    if not_regular(path) is not None:
        return False  # a pyproject.toml that is not a file says nothing about copadvisor
    try:
        data = read_regular(path, MAX_CONFIG_BYTES, "pyproject.toml")
        tool = tomllib.loads(data.decode("utf-8")).get("tool")
    except (InputError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return b"copadvisor" in _peek(path)
    return isinstance(tool, dict) and "copadvisor" in tool


def _peek(path: str) -> bytes:
    try:
        return read_regular(path, MAX_CONFIG_BYTES, "pyproject.toml")
    except InputError:
        return b""


def load_config(path: str | None) -> Config:
    if path is None:
        return Config(Settings(), None)
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(_toml_location(path, str(exc)), f"invalid TOML: {_toml_message(exc)}")]) from None
    table = _tool_table(path, text, data) if os.path.basename(path) == "pyproject.toml" else data
    try:
        return Config(Settings.model_validate(table), path)
    except ValidationError as exc:
        raise InputError([_located(path, text, error) for error in exc.errors()]) from None


def _tool_table(path: str, text: str, data: dict[str, Any]) -> Any:
    """``[tool.copadvisor]`` of a ``pyproject.toml``; a located error when ``tool`` or it is not a table."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError([Problem(_find(path, text, "tool"), "`tool` should be a table ([tool.copadvisor])")])
    table = tool.get("copadvisor", {})
    if isinstance(table, list):
        where = _find(path, text, "[[tool.copadvisor")
        why = "[[tool.copadvisor]] is an array of tables: write one table, [tool.copadvisor]"
        raise InputError([Problem(where, why)])
    if not isinstance(table, dict):
        raise InputError([Problem(_find(path, text, "copadvisor"), "`tool.copadvisor` should be a table")])
    return table


def _find(path: str, text: str, needle: str) -> Location:
    at = text.find(needle)
    if at < 0:
        return Location(path)
    return Location(path, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1)


def _read(path: str) -> str:
    data = read_regular(path, MAX_CONFIG_BYTES, "config")
    if len(data) > MAX_CONFIG_BYTES:
        raise InputError(
            [Problem(Location(path), f"the config is larger than the {MAX_CONFIG_BYTES // 1024} KiB limit")]
        )
    if b"\x00" in data:
        raise InputError([Problem(Location(path), "cannot read the config: binary content (a NUL byte)")])
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(Location(path, line), "cannot read the config: it is not valid UTF-8 text")]
        ) from None


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
    return _find(path, text, needle)


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

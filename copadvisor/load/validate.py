"""Parsed YAML → a validated ``Profile``; pydantic's errors become plain, located problems."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Collection, Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from copadvisor.errors import DATE_FORM, WITH_A_TIME, InputError, Location, Problem, not_a_date, shorten
from copadvisor.load.yamlsource import Path, SourceMap, label
from copadvisor.model import EVENT_TYPES, FORMAT_VERSION, Profile

M = TypeVar("M", bound=BaseModel)


def validate_profile(value: Any, source: SourceMap, flagged: Collection[Path] = ()) -> Profile:
    """Validate a profile mapping; every error is reported, each at the node it concerns.

    ``flagged`` paths already have a problem of their own (a bad date, say): errors under them are dropped.
    """
    if not isinstance(value, dict):
        raise InputError([Problem(source.of_value(()), "a profile must be a mapping of keys (name: …)")])
    return validate_model(Profile, value, source, flagged)


def validate_model(root: type[M], value: Any, source: SourceMap, flagged: Collection[Path] = ()) -> M:
    """Validate ``value`` as ``root`` (a profile, a rule pack, a config); errors located through ``source``."""
    try:
        return root.model_validate(value)
    except ValidationError as exc:
        raise InputError(_problems(root, exc.errors(), value, source, flagged)) from None


def _problems(
    root: type[BaseModel], errors: Iterable[ErrorDetails], value: Any, source: SourceMap, flagged: Collection[Path]
) -> list[Problem]:
    problems: dict[Problem, None] = {}
    flagged = frozenset(flagged)  # each error looks up its path's prefixes: linear in the errors, not quadratic
    for error in errors:
        path = _data_path(error["loc"], value, missing=error["type"] == "missing")
        if flagged and any(path[:end] in flagged for end in range(len(path) + 1)):
            continue
        at_key = error["type"] == "extra_forbidden" or "[key]" in error["loc"]
        location = source.of_key(path) if at_key else source.of_value(path)
        if error["type"] == "missing":
            # At the mapping that lacks the key; the top level is line 1, whatever comments precede it.
            location = source.of_value(path[:-1]) if len(path) > 1 else Location(source.path)
        problem = Problem(location, f"{label(path)}: {_message(root, error, path, value)}")
        problems[problem] = None  # a union reports some errors twice: keep one, in order
    return list(problems)


def _data_path(loc: Sequence[int | str], value: Any, missing: bool = False) -> Path:
    """The path in the data behind a pydantic ``loc``, without the tags pydantic inserts for union members.

    An event's loc holds its type ('meeting'); a plain union's holds the member ('constrained-int',
    "literal['convener','planning_group']"). Only a ``missing`` key may name something absent from the data.
    """
    path: list[int | str] = []
    node = value
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if part == "[key]" or (isinstance(node, dict) and not last and node.get("type") == part):
            continue  # the discriminator's tag, not a key
        if _has(node, part):
            node = _child(node, part)
        elif not (missing and last):
            continue
        path.append(part)
    return tuple(path)


def _message(root: type[BaseModel], error: ErrorDetails, path: Path, value: Any) -> str:
    kind, ctx, given = error["type"], error.get("ctx", {}), error.get("input")
    if root is Profile and path == ("copadvisor",) and kind != "missing":
        given_text = shorten(repr(given))
        return f"format version {given_text} is not supported: this copadvisor reads `copadvisor: {FORMAT_VERSION}`"
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "unknown key" + _did_you_mean(str(path[-1]), _known_keys(root, path[:-1], value))
    if kind == "union_tag_invalid":
        return _unknown_event_type(ctx.get("tag"))
    if kind == "union_tag_not_found":
        return "an event needs a 'type' (" + ", ".join(EVENT_TYPES) + ")"
    if kind == "literal_error":
        expected = _literal_choices(str(ctx.get("expected", "")))
        return f"{shorten(repr(given))} is not one of {', '.join(expected)}" + _did_you_mean(str(given)[:200], expected)
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact", "date_from_datetime_parsing"):
        if given is None:
            return f"no date given: {DATE_FORM}"
        return not_a_date(str(given), WITH_A_TIME if "datetime" in kind else DATE_FORM)
    template = _PLAIN.get(kind, error["msg"].replace("Input should", "should"))
    text = template.format(**{k: _number(v) for k, v in ctx.items()})
    return text if kind == "value_error" else text + _got(given, kind)  # our own messages already quote the value


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _unknown_event_type(tag: Any) -> str:
    hint = _did_you_mean(str(tag), list(EVENT_TYPES))
    return f"unknown event type '{shorten(str(tag))}'{hint} (the event types: {', '.join(EVENT_TYPES)})"


def _got(given: Any, kind: str = "") -> str:
    if isinstance(given, bool) and kind == "string_type":
        # YAML 1.1 reads yes/no/on/off/true/false (any case) as true or false: an id such as NO needs quotes.
        return (
            f" (got {str(given).lower()}: YAML reads words such as yes, no, on and off as true or false;"
            " put the text in quotes)"
        )
    if isinstance(given, bool):
        return f" (got {str(given).lower()})"  # as YAML writes it
    if given is None:
        return " (got nothing)"
    if isinstance(given, dict):
        return " (got a mapping)"
    if isinstance(given, list):
        return " (got a list)"
    return f" (got {shorten(repr(given))})"


_PLAIN = {
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "float_type": "should be a number",
    "bool_type": "should be true or false",
    "list_type": "should be a list",
    "dict_type": "should be a mapping",
    "model_type": "should be a mapping",
    "model_attributes_type": "should be a mapping",
    "finite_number": "should be a finite number",
    "greater_than": "should be greater than {gt}",
    "greater_than_equal": "should be {ge} or more",
    "less_than": "should be less than {lt}",
    "less_than_equal": "should be {le} or less",
    "string_too_short": "should not be empty",
    "string_too_long": "should be at most {max_length} characters",
    "too_short": "should have at least {min_length} item(s)",
    "string_pattern_mismatch": "should be an id on one line, not starting with a space",
    "value_error": "{error}",
}


def _literal_choices(expected: str) -> list[str]:
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _known_keys(root: type[BaseModel], path: Path, value: Any) -> list[str]:
    """The keys a mapping at ``path`` may hold, found by walking the model's annotations."""
    annotation: Any = root
    for part in path:
        annotation = _step(annotation, part)
        value = _child(value, part)
        if annotation is None:
            return []
    model = _unwrap(annotation)
    if isinstance(value, dict) and path[:1] == ("events",) and len(path) == 2:
        model = EVENT_TYPES.get(str(value.get("type")), model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [info.alias or name for name, info in model.model_fields.items()]
    return []


def _has(value: Any, part: int | str) -> bool:
    if isinstance(value, dict):
        return part in value
    return isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)


def _child(value: Any, part: int | str) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    return value[part] if _has(value, part) else None


def _step(annotation: Any, part: int | str) -> Any:
    inner = _unwrap(annotation)
    if isinstance(part, int):
        args = typing.get_args(inner)
        return args[0] if typing.get_origin(inner) is list and args else None
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        for name, info in inner.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional / Annotated; an event union stays a union (its members share a key set only by type)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation

"""Pydantic validation errors rewritten as findings a non-programmer understands."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from .findings import Finding, Path, Severity

# What one item of each list is called in messages.
_ITEM_NAMES = {
    "events": "event", "sources": "source", "stories": "story", "steps": "story step",
    "citations": "citation", "attributions": "attribution", "actors": "actor", "tags": "tag",
    "aliases": "alias", "documents": "document symbol", "vetoed_by": "name", "against": "name",
    "abstaining": "name",
}
_TYPE_WORDS = {
    str: "text", int: "a whole number", float: "a number", bool: "true or false", type(None): "null",
    list: "a list [...]", dict: "an object {...}",
}
# Error types whose message is already complete and self-describing (from our own validators).
_OWN_TYPES = {"slug", "edtf", "edtf_type", "web_url", "sha256", "finite"}


def describe_errors(errors: list[dict[str, Any]], root: type, prefix: Path = ()) -> list[Finding]:
    """Findings for pydantic's ``errors()`` from validating ``root`` at ``prefix`` in the document."""
    return [_finding(error, root, prefix) for error in errors]


def field_names(root: type, path: Path) -> tuple[str, ...]:
    """The names the object at ``path`` below a ``root`` dataclass may have."""
    fields = getattr(_class_at(root, path), "__pydantic_fields__", {})
    return tuple(info.alias or name for name, info in fields.items())


def field_info(root: type, path: Path) -> Any:
    """Pydantic's FieldInfo for the field at ``path`` below ``root`` (None when there is no such field)."""
    if not path or isinstance(path[-1], int):
        return None
    return getattr(_class_at(root, path[:-1]), "__pydantic_fields__", {}).get(path[-1])


def _class_at(root: type, path: Path) -> Any:
    """The dataclass of the object at ``path`` (list indexes skipped), found by walking the type hints."""
    current: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        info = getattr(current, "__pydantic_fields__", {}).get(part)
        if info is None:
            return None
        current = _inner_dataclass(info.annotation)
    return current


def _inner_dataclass(annotation: Any) -> Any:
    """The dataclass inside ``X | None``, ``tuple[X, ...]`` or ``Annotated[X, ...]``, else None."""
    if hasattr(annotation, "__pydantic_fields__"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_dataclass(arg)
        if found is not None:
            return found
    return None


def _finding(error: dict[str, Any], root: type, prefix: Path) -> Finding:
    local: Path = tuple(error["loc"])
    path = prefix + local
    kind = error["type"]
    name = _field_name(path)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        allowed = field_names(root, local[:-1])
        hint = _did_you_mean(str(path[-1]), allowed)
        return Finding(path, Severity.WARNING, f"unknown field '{path[-1]}' is ignored{hint}", at_key=True)
    if kind in _OWN_TYPES:
        return Finding(path, Severity.ERROR, error["msg"])
    return Finding(path, Severity.ERROR, f"{name} {_explain(kind, error, path)}")


def _explain(kind: str, error: dict[str, Any], path: Path) -> str:
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind in ("missing", "missing_keyword_argument", "missing_argument"):
        return f"is missing; every {_owner_name(path)} needs one"
    if kind == "enum":
        expected = ctx.get("expected", "")
        choices = tuple(part.strip(" '") for part in expected.replace(" or ", ", ").split(","))
        shown = given if isinstance(given, str) else repr(given)
        return f"is '{shown}', which is not one of: {', '.join(choices)}{_did_you_mean(str(given), choices)}"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("dataclass_type", "dataclass_exact_type"):
        return f"must be {_expected_words(kind)}, not {_TYPE_WORDS.get(type(given), type(given).__name__)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({len(given)} characters; at most {ctx.get('max_length')})"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {given}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {given}"
    if kind == "string_pattern_mismatch":
        return f"is '{given}', which does not have the expected form"
    return error["msg"]


def _expected_words(kind: str) -> str:
    for prefix, words in (
        ("string", "text in double quotes"), ("int", "a whole number"), ("float", "a number"),
        ("bool", "true or false"), ("tuple", "a list [...]"), ("list", "a list [...]"),
        ("dataclass", "an object {...}"), ("dict", "an object {...}"), ("model", "an object {...}"),
    ):
        if kind.startswith(prefix):
            return words
    return kind.replace("_", " ")


def _field_name(path: Path) -> str:
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return "the dataset"
    if isinstance(path[-1], int):
        return f"{_ITEM_NAMES.get(names[-1], 'item')} {path[-1] + 1} of '{names[-1]}'"
    return f"'{names[-1]}'"


def _owner_name(path: Path) -> str:
    for part in reversed(path[:-1]):
        if isinstance(part, str):
            return _ITEM_NAMES.get(part, part.replace("_", " "))
    return "dataset"


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""

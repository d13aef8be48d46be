"""Pydantic validation errors rewritten as findings a non-programmer understands."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from .findings import Finding, Path, Severity
from .schema import SLUG_PATTERN, slug_message

# What one item of each list is called in messages.
_ITEM_NAMES = {
    "events": "event", "sources": "source", "stories": "story", "steps": "story step",
    "citations": "citation", "attributions": "attribution", "actors": "actor", "tags": "tag",
    "aliases": "alias", "documents": "document symbol", "vetoed_by": "name", "against": "name",
    "abstaining": "name",
}
_TYPE_WORDS = {
    str: "text", int: "a whole number", float: "a number", bool: "true or false", type(None): "null",
    tuple: "a list [...]",
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
    fields = getattr(_class_at(root, path[:-1]), "__pydantic_fields__", {})
    info = fields.get(path[-1])
    if info is None:  # a field known by its alias in files, such as "$schema"
        info = next((f for f in fields.values() if f.alias == path[-1]), None)
    return info


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
    name = field_name(path)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        allowed = field_names(root, local[:-1])
        hint = _did_you_mean(str(path[-1]), allowed) or _synonym(str(path[-1]), allowed)
        return Finding(path, Severity.WARNING,
                       f"unknown field '{_short(str(path[-1]))}' is ignored{hint or '; check its spelling'}",
                       at_key=True)
    if kind == "edtf_type":
        return Finding(path, Severity.ERROR, f"{name} must be a date in double quotes, such as \"2013-08-21\" "
                       f"or \"2018-04\", not {_kind_of(error.get('input'))}")
    if kind == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == SLUG_PATTERN:
        return Finding(path, Severity.ERROR, slug_message(_short(str(error.get("input")))))
    if kind in _OWN_TYPES:
        message, given = error["msg"], error.get("input")
        if isinstance(given, str) and len(given) > 80:  # quoted whole by the schema's message: shorten it
            message = message.replace(given, _short(given))
        return Finding(path, Severity.ERROR, message)
    message = f"{name} {_explain(kind, error, path)}"
    if kind in ("missing", "missing_keyword_argument", "missing_argument") and _accepts_null(root, local):
        message += " (write null when there is none)"
    return Finding(path, Severity.ERROR, message)


def _explain(kind: str, error: dict[str, Any], path: Path) -> str:
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind in ("missing", "missing_keyword_argument", "missing_argument"):
        return f"is missing; every {owner_name(path)} needs one"
    if kind == "enum":
        expected = ctx.get("expected", "")
        choices = tuple(part.strip(" '") for part in expected.replace(" or ", ", ").split(","))
        if not isinstance(given, str):
            return f"must be one of: {', '.join(choices)} (in double quotes), not {_kind_of(given)}"
        return (f"is '{_short(given)}', which is not one of: {', '.join(choices)}"
                f"{_did_you_mean(given, choices)}")
    if kind == "int_from_float" or (kind == "int_type" and isinstance(given, float)):
        if isinstance(given, float) and given.is_integer() and abs(given) >= 1e15:
            return f"must be a whole number of ordinary size, not {_number(given)}"
        return f"must be a whole number, not {_number(given)}"
    if kind in ("int_parsing_size", "finite_number"):
        return f"must be a whole number of ordinary size, not {_number(given)}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"must be {_expected_words(kind)}, not {_kind_of(given)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({len(given)} characters; at most {ctx.get('max_length')}): shorten it"
    if kind == "too_short":
        needed = ctx.get("min_length")
        return f"is empty: add at least {needed} item{'' if needed == 1 else 's'}" if not given else (
            f"needs at least {needed} items")
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {_number(ctx.get('ge', ctx.get('gt')))}, not {_number(given)}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {_number(ctx.get('le', ctx.get('lt')))}, not {_number(given)}"
    if kind == "string_pattern_mismatch":
        if path and path[-1] == "language":
            return (f"is '{_short(str(given))}', which is not a language code: use a code such as "
                    "'en', 'ar' or 'fr'")
        return f"is '{_short(str(given))}', which does not have the expected form"
    # Not expected with this schema; still no pydantic jargon.
    return str(error.get("msg", "is not valid")).replace("Input should be", "must be").replace("Input", "the value")


def _accepts_null(root: type, path: Path) -> bool:
    info = field_info(root, path)
    return info is not None and type(None) in typing.get_args(info.annotation)


def _kind_of(value: Any) -> str:
    """What a JSON value is, in words (never the value itself: it may be huge or nested deeply)."""
    return _TYPE_WORDS.get(type(value), "a value of another kind")


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)[:40]
    if isinstance(value, str):
        return f"'{_short(value)}'"
    return _kind_of(value)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _expected_words(kind: str) -> str:
    for prefix, words in (
        ("string", "text in double quotes"), ("int", "a whole number"), ("float", "a number"),
        ("bool", "true or false"), ("tuple", "a list [...]"), ("list", "a list [...]"),
        ("dataclass", "an object {...}"), ("dict", "an object {...}"), ("model", "an object {...}"),
    ):
        if kind.startswith(prefix):
            return words
    return kind.replace("_", " ")


def field_name(path: Path) -> str:
    """How a message names the value at ``path``: "'title'", or "actor 2 of 'actors'" for a list item."""
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return "the dataset"
    if isinstance(path[-1], int):
        return f"{_ITEM_NAMES.get(names[-1], 'item')} {path[-1] + 1} of '{names[-1]}'"
    return f"'{names[-1]}'"


def owner_name(path: Path) -> str:
    """What holds the value at ``path``, in words: "event", "citation", "dataset"."""
    for part in reversed(path[:-1]):
        if isinstance(part, str):
            return _ITEM_NAMES.get(part, part.replace("_", " "))
    return "dataset"


# Names people reach for, and the field this format calls it (suggested only where that field exists).
_SYNONYMS = {
    "page": "locator", "pages": "locator", "location": "place", "description": "summary", "name": "title",
    "type": "kind", "category": "kind", "link": "url", "href": "url", "lat": "latitude", "lon": "longitude",
    "lng": "longitude", "long": "longitude", "start": "date", "when": "date", "sources": "source",
    "source_id": "source", "event_id": "event", "quotation": "quote", "excerpt": "quote", "keywords": "tags",
    "weight": "importance", "priority": "importance", "hash": "sha256", "checksum": "sha256", "file": "path",
}


def _synonym(word: str, allowed: tuple[str, ...]) -> str:
    better = _SYNONYMS.get(word.lower())
    return f"; this format calls it '{better}'" if better in allowed else ""


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""

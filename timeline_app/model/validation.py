"""Turn a parsed JSON value into a Dataset: check the format, validate, keep what is valid, cross-check.

Every problem is collected as a Finding (with its path in the document); nothing stops at the first one.
Invalid parts are left out as narrowly as possible: a bad optional field is dropped from its item, a bad
list element from its list, and only an item whose required fields are wrong is left out whole.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .cross_checks import Origins, cross_check
from .error_messages import describe_errors, field_info
from .findings import Finding, Path, Severity
from .schema import FORMAT_NAME, FORMAT_VERSION, Dataset, Event, Source, Story

_DATASET = TypeAdapter(Dataset)
_SECTIONS = {"events": (Event, TypeAdapter(Event)), "sources": (Source, TypeAdapter(Source)),
             "stories": (Story, TypeAdapter(Story))}
_MAX_SALVAGE_ROUNDS = 6


@dataclasses.dataclass(frozen=True, slots=True)
class ValidatedDocument:
    """The dataset made of a document's valid parts (None when it is not a dataset this app can read),
    every finding, and for each kept event, source and story its index in the file."""

    dataset: Dataset | None
    findings: list[Finding]
    origins: Origins


def validate_document(value: Any, *, require_citations: bool = False) -> ValidatedDocument:
    """Validate a parsed JSON document, collecting every problem."""
    try:
        return _validate_document(value, require_citations)
    except RecursionError:
        # A wrong value nested hundreds of levels deep (the parser allows 1,024): pydantic's message for it
        # repr()s it and runs out of stack. Valid data is never deeper than a few levels, so check a copy
        # whose deep containers are emptied: the same problems are found, at the same paths.
        pass
    try:
        return _validate_document(_cut_deeper_than(value, _MAX_USEFUL_DEPTH), require_citations)
    except RecursionError:  # not expected; still no crash
        return ValidatedDocument(None, [Finding((), Severity.ERROR, "the data is nested too deeply to be "
                                                "checked; a dataset never needs that many levels of [ and {, "
                                                "so the file is probably damaged")], {})


_MAX_USEFUL_DEPTH = 32


def _cut_deeper_than(value: Any, limit: int) -> Any:
    """A copy of ``value`` whose lists and objects deeper than ``limit`` are empty (built without recursion)."""
    if not isinstance(value, dict | list):
        return value
    top = type(value)()
    stack = [(value, top, 1)]
    while stack:
        source, copy, depth = stack.pop()
        for key, child in source.items() if isinstance(source, dict) else enumerate(source):
            if isinstance(child, dict | list):
                new = type(child)()
                if depth < limit:
                    stack.append((child, new, depth + 1))
                child = new
            if isinstance(copy, dict):
                copy[key] = child
            else:
                copy.append(child)
    return top


def check_validated(dataset: Dataset, *, require_citations: bool = False) -> ValidatedDocument:
    """Cross-check a dataset that pydantic already validated whole (the fast path: every item kept, so
    each item's index in the file is its index in the dataset)."""
    origins: Origins = {name: range(len(getattr(dataset, name))) for name in _SECTIONS}
    dataset, findings, origins = cross_check(dataset, origins, require_citations=require_citations,
                                             left_out={}, reported=frozenset())
    return ValidatedDocument(dataset, findings, origins)


def _validate_document(value: Any, require_citations: bool) -> ValidatedDocument:
    findings = _check_format(value)
    if any(f.severity is Severity.ERROR for f in findings):
        return ValidatedDocument(None, findings, {})
    left_out: dict[str, frozenset[str]] = {}
    try:
        dataset = _DATASET.validate_python(value)
        origins: Origins = {name: range(len(getattr(dataset, name))) for name in _SECTIONS}
    except ValidationError as exc:
        findings += describe_errors(exc.errors(include_url=False), Dataset)
        dataset, origins, left_out = _salvage(value, findings)
    reported = frozenset(f.path for f in findings if f.severity is Severity.ERROR)
    dataset, more, origins = cross_check(dataset, origins, require_citations=require_citations,
                                         left_out=left_out, reported=reported)
    return ValidatedDocument(dataset, findings + more, origins)


_JSON_KINDS = {dict: "an object { ... }", list: "a list [ ... ]", str: "a text", bool: "true or false",
               int: "a number", float: "a number", type(None): "null"}


def _check_format(value: Any) -> list[Finding]:
    """Is this a dataset in a format version this app reads? Nothing else is checked when it is not."""
    if not isinstance(value, dict):
        return [Finding((), Severity.ERROR, "the file must hold one object { ... } with the dataset, "
                        f"not {_JSON_KINDS.get(type(value), type(value).__name__)}")]
    if value.get("format") != FORMAT_NAME:
        found = value.get("format")
        what = (f"'format' is {_shown(found)}, so this is not an Accountability Timeline dataset"
                if "format" in value else "this is not an Accountability Timeline dataset")
        return [Finding(("format",), Severity.ERROR,
                        f"{what}: such a dataset starts with \"format\": \"{FORMAT_NAME}\"")]
    version = value.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        shown = f"is {_shown(version)}; it" if "format_version" in value else "is missing; it"
        return [Finding(("format_version",), Severity.ERROR,
                        f"'format_version' {shown} must be a whole number such as {FORMAT_VERSION}, saying "
                        "which version of the format the file uses")]
    if version > FORMAT_VERSION:
        return [Finding(("format_version",), Severity.ERROR,
                        f"this file uses format version {version}, but this version of the app understands "
                        f"versions up to {FORMAT_VERSION}: install a newer version of the app to open it")]
    return []


def _shown(value: Any) -> str:
    """A value from the file as a message shows it: short, and in JSON's words."""
    if isinstance(value, str):
        return f"'{value[:80]}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return str(value)[:80]
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _salvage(value: dict, findings: list[Finding]) -> tuple[Dataset, Origins, dict[str, frozenset[str]]]:
    """Validate item by item, keeping what is valid; return the dataset, each kept item's file index, and
    per section the ids of the items left out."""
    top = dict(value)
    origins: dict[str, list[int]] = {}
    left_out: dict[str, frozenset[str]] = {}
    for name, (cls, adapter) in _SECTIONS.items():
        items = top.get(name, [])
        kept, origins[name], dropped = [], [], set()
        for index, item in enumerate(items if isinstance(items, list) else []):
            obj = _validate_keeping_valid(cls, adapter, item)
            if obj is None:
                findings.append(Finding((name, index), Severity.ERROR, f"this {cls.__name__.lower()} is left "
                                        "out until the problems reported for it are fixed"))
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    dropped.add(item["id"])
            else:
                kept.append(obj)
                origins[name].append(index)
        top[name] = kept
        left_out[name] = frozenset(dropped)
    for key in list(top):
        if key not in _SECTIONS and key not in ("format", "format_version", "title"):
            info = field_info(Dataset, (key,))
            if info is None or not _valid_alone(key, top[key]):
                del top[key]
    if not _valid_alone("title", top.get("title")):
        top["title"] = "Untitled dataset"
    try:
        return _DATASET.validate_python(top), origins, left_out
    except ValidationError:  # not expected (every part was checked alone); keep the valid items anyway
        keep = ("format", "format_version", "title", *_SECTIONS)
        return _DATASET.validate_python({k: v for k, v in top.items() if k in keep}), origins, left_out


def _valid_alone(key: str, value: Any) -> bool:
    probe = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "title": "t", key: value}
    try:
        _DATASET.validate_python(probe)
        return True
    except ValidationError:
        return False


def _validate_keeping_valid(cls: type, adapter: TypeAdapter, item: Any) -> Any | None:
    for _ in range(_MAX_SALVAGE_ROUNDS):
        try:
            return adapter.validate_python(item)
        except ValidationError as exc:
            item = _without_bad_parts(cls, item, [tuple(e["loc"]) for e in exc.errors(include_url=False)])
            if item is None:
                return None
    return None


def _without_bad_parts(cls: type, item: Any, locs: list[Path]) -> Any | None:
    """A copy of ``item`` without the smallest removable part around each error, or None if none is."""
    if not isinstance(item, dict):
        return None
    removals = set()
    for loc in locs:
        part = _removable_part(cls, loc)
        if part is None:
            return None
        removals.add(part)
    item = _copy_along(item, removals)
    for path in sorted(removals, key=_removal_order, reverse=True):
        parent = _resolve(item, path[:-1])
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
            del parent[path[-1]]
    return item


def _removable_part(cls: type, loc: Path) -> Path | None:
    """The deepest prefix of ``loc`` that is a list element or an optional field, if any."""
    for end in range(len(loc), 0, -1):
        part = loc[:end]
        if isinstance(part[-1], int):
            return part
        info = field_info(cls, part)
        if info is None or not info.is_required():
            return part
    return None


def _removal_order(path: Path) -> tuple:
    # Deeper first, and later list indexes before earlier ones, so removals do not shift each other.
    return (len(path), tuple((1, p) if isinstance(p, int) else (0, 0) for p in path))


def _copy_along(item: dict, paths: set[Path]) -> dict:
    copy = dict(item)
    for path in paths:
        node: Any = copy
        for part in path[:-1]:
            try:
                child = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(child, dict):
                child = dict(child)
            elif isinstance(child, list):
                child = list(child)
            else:
                break
            node[part] = child
            node = child
    return copy


def _resolve(item: Any, path: Path) -> Any:
    for part in path:
        try:
            item = item[part]
        except (KeyError, IndexError, TypeError):
            return None
    return item

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
from .findings import Finding, Severity
from .salvage import validate_keeping_valid
from .schema import FORMAT_NAME, FORMAT_VERSION, Dataset, Event, Source, Story

_DATASET = TypeAdapter(Dataset)
_SECTIONS = {"events": (Event, TypeAdapter(Event)), "sources": (Source, TypeAdapter(Source)),
             "stories": (Story, TypeAdapter(Story))}


@dataclasses.dataclass(frozen=True, slots=True)
class ValidatedDocument:
    """The dataset made of a document's valid parts (None when it is not a dataset this app can read),
    every finding, for each kept event, source and story its index in the file, and how many items each
    section holds in the file (so what was left out can be counted)."""

    dataset: Dataset | None
    findings: list[Finding]
    origins: Origins
    counts: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(slots=True)
class ItemsPart:
    """Events validated apart from the rest of the document, batch by batch (the loader's way with large
    files): the kept events, each one's index in the file, the ids of events left out, the findings, and
    how many events the file holds so far."""

    items: list = dataclasses.field(default_factory=list)
    origins: list[int] = dataclasses.field(default_factory=list)
    left_out: set[str] = dataclasses.field(default_factory=set)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    count: int = 0

    def add_valid(self, events: tuple[Event, ...]) -> None:
        """Events that validated whole (the usual case): all kept, in file order."""
        self.origins.extend(range(self.count, self.count + len(events)))
        self.items.extend(events)
        self.count += len(events)

    def add_values(self, values: list[Any]) -> None:
        """Parsed JSON values of the next events, at least one of them invalid: every problem is described as
        the whole-document path describes it, and only what is invalid is left out."""
        start, self.count = self.count, self.count + len(values)
        try:
            _EVENTS.validate_python(values)
            errors: list[dict[str, Any]] = []
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        for error in errors:
            loc = error["loc"]
            error["loc"] = ("events", start + loc[0], *loc[1:]) if loc and isinstance(loc[0], int) else ("events",)
        self.findings += describe_errors(errors, Dataset)
        kept, origins, dropped = _salvage_items("events", values, start, self.findings)
        self.items += kept
        self.origins += origins
        self.left_out |= dropped


_EVENTS = TypeAdapter(tuple[Event, ...])


def validate_document(value: Any, *, require_citations: bool = False,
                      events: ItemsPart | None = None) -> ValidatedDocument:
    """Validate a parsed JSON document, collecting every problem. With ``events``, the document's own
    'events' are ignored and these, validated apart, take their place."""
    try:
        return _validate_document(value, require_citations, events)
    except RecursionError:
        # A wrong value nested hundreds of levels deep (the parser allows 1,024): pydantic's message for it
        # repr()s it and runs out of stack. Valid data is never deeper than a few levels, so check a copy
        # whose deep containers are emptied: the same problems are found, at the same paths.
        pass
    try:
        return _validate_document(_cut_deeper_than(value, _MAX_USEFUL_DEPTH), require_citations, events)
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


def _validate_document(value: Any, require_citations: bool, events: ItemsPart | None = None) -> ValidatedDocument:
    findings = _check_format(value)
    if any(f.severity is Severity.ERROR for f in findings):
        return ValidatedDocument(None, findings, {}, _counts(value))
    counts = _counts(value)
    if events is not None:  # validated apart, batch by batch: the rest is validated without them
        findings = events.findings + findings
        value = {**value, "events": []}
        counts["events"] = events.count
    left_out: dict[str, frozenset[str]] = {}
    try:
        dataset = _DATASET.validate_python(value)
        origins: Origins = {name: range(len(getattr(dataset, name))) for name in _SECTIONS}
    except ValidationError as exc:
        findings += describe_errors(exc.errors(include_url=False), Dataset)
        dataset, origins, left_out = _salvage(value, findings)
    if events is not None:
        dataset = dataclasses.replace(dataset, events=tuple(events.items))
        origins = {**origins, "events": events.origins}
        left_out["events"] = frozenset(events.left_out)
    reported = frozenset(f.path for f in findings if f.severity is Severity.ERROR)
    dataset, more, origins = cross_check(dataset, origins, require_citations=require_citations,
                                         left_out=left_out, reported=reported)
    return ValidatedDocument(dataset, findings + more, origins, counts)


def _counts(value: Any) -> dict[str, int]:
    """How many items each section holds in the file (a section that is not a list counts none)."""
    if not isinstance(value, dict):
        return {}
    return {name: len(items) for name in _SECTIONS if isinstance(items := value.get(name), list)}


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
    for name in _SECTIONS:
        items = top.get(name, [])
        top[name], origins[name], dropped = _salvage_items(name, items if isinstance(items, list) else [], 0,
                                                           findings)
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


def _salvage_items(name: str, items: list[Any], start: int,
                   findings: list[Finding]) -> tuple[list[Any], list[int], set[str]]:
    """Each item of section ``name`` (file indexes from ``start``) validated alone, keeping what is valid:
    the kept items, their file indexes, and the ids of the items left out whole."""
    cls, adapter = _SECTIONS[name]
    kept, origins, dropped = [], [], set()
    for index, item in enumerate(items, start):
        obj = validate_keeping_valid(cls, adapter, item)
        if obj is None:
            findings.append(Finding((name, index), Severity.ERROR, f"this {cls.__name__.lower()} is left "
                                    "out until the problems reported for it are fixed"))
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                dropped.add(item["id"])
        else:
            kept.append(obj)
            origins.append(index)
    return kept, origins, dropped


def _valid_alone(key: str, value: Any) -> bool:
    probe = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "title": "t", key: value}
    try:
        _DATASET.validate_python(probe)
        return True
    except ValidationError:
        return False

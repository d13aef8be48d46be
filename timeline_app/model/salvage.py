"""Keeping what is valid in an item that fails validation: the smallest removable part around each error
(an optional field, a list element) is taken out, and the item validated again."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from .error_messages import field_info
from .findings import Path

_MAX_SALVAGE_ROUNDS = 6


def validate_keeping_valid(cls: type, adapter: TypeAdapter, item: Any) -> Any | None:
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

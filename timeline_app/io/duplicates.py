"""Names given twice in one JSON object ({"title": "A", "title": "B"}): JSON parsers, ours included, keep
the last value silently, so a reader of the file and the app could see different things. Found and said.

Finding them exactly means walking every token of the text, which costs about as much as validating the
file. So a clean file is first checked cheaply, with arithmetic:

    names in the text = ':' bytes in the text - ':' characters inside the text's strings

holds for any JSON text (a colon outside a string can only end a member's name), and every string the
file holds is in the dataset unless it was dropped or overwritten by a repeated name. The dataset gives
both the ':' characters of its strings and ``members``: how many fields of its objects are not at their
default, each of which the file must have named. When the two counts agree, no name was repeated
(a repetition adds a name without adding a field); only when they differ (a repetition, a field written
out at its default value, an escaped colon "\\u003a") is the text walked token by token.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import chain
from operator import attrgetter

__all__ = ["Duplicate", "find_duplicates", "may_hold_duplicates", "tally"]

_TOKEN = re.compile(r'(?P<s>"[^"\\]*(?:\\.[^"\\]*)*")(?P<colon>[ \t\r\n]*:)?|[{}\[\]]', re.S)


@dataclasses.dataclass(frozen=True, slots=True)
class Duplicate:
    """A name given more than once in one object: the offsets (in the text) of each time it is given."""

    name: str
    offsets: tuple[int, ...]


def may_hold_duplicates(data: bytes, start: int, end: int, objects: list) -> bool:
    """False when the counts prove that no object in ``data[start:end]`` (valid JSON that gave ``objects``,
    all of one dataclass, every string kept) names a member twice."""
    if data.find(b"\\", start, end) >= 0 and data.find(b"\\u003", start, end) >= 0:
        return True  # an escaped ':' would upset the arithmetic
    members, colons = tally(objects)
    return data.count(b":", start, end) - colons != members


def find_duplicates(text: str, start: int = 0) -> list[Duplicate]:
    """Every name repeated in an object of ``text`` (valid JSON), in order of its first repetition."""
    stack: list[dict[str, list[int]] | None] = []
    repeated: list[tuple[str, list[int]]] = []  # each list keeps growing if the name comes a third time
    for match in _TOKEN.finditer(text, start):
        token = match.group()
        if token[0] == '"':
            if match.group("colon") is None or not stack or stack[-1] is None:
                continue
            raw = match.group("s")
            name = json.loads(raw) if "\\" in raw else raw[1:-1]
            names = stack[-1]
            seen = names.setdefault(name, [])
            seen.append(match.start())
            if len(seen) == 2:
                repeated.append((name, seen))
        elif token in "{[":
            stack.append({} if token == "{" else None)
        elif stack:
            stack.pop()
    return [Duplicate(name, tuple(offsets)) for name, offsets in repeated]


# --- counting fields with C-speed maps over each type's instances ---------------------------------------

_STR, _STRS, _ONE, _MANY, _OTHER = range(5)
_NO_COLONS = frozenset({"id", "source", "event", "language", "sha256", "format"})  # patterns allow no ':'


def tally(objects: Sequence) -> tuple[int, int]:
    """(fields not at their default, ':' characters in their texts) over ``objects`` (instances of one
    dataclass) and every object inside them."""
    members = colons = 0
    groups: list[Sequence] = [objects]
    while groups:
        objects = groups.pop()
        if not objects:
            continue
        fields = _fields(type(objects[0]))
        members += fields.required * len(objects)
        for getter, default, kind in fields.others:
            values = list(map(getter, objects))
            if default is _REQUIRED or default:  # required, or a default such as 3 or "en"
                present = values if kind in (_OTHER, _ONE) and default is _REQUIRED else None
                members += len(values) if default is _REQUIRED else len(values) - values.count(default)
            else:  # "", (), None: the values given are exactly the true ones
                present = list(filter(None, values))
                members += len(present)
            if kind == _STR:
                colons += "\0".join(present if present is not None else filter(None, values)).count(":")
            elif kind == _STRS:
                colons += "\0".join(chain.from_iterable(values)).count(":")
            elif kind == _ONE:
                groups.append(present if present is not None else list(filter(None, values)))
            elif kind == _MANY:
                groups.append(list(chain.from_iterable(values)))
    return members, colons


@dataclasses.dataclass(frozen=True, slots=True)
class _Fields:
    required: int
    """How many required fields need no look (no text with ':' in it, no object inside)."""
    others: tuple[tuple[attrgetter, object, int], ...]
    """The other fields: a getter, the default (_REQUIRED for none), the kind of value."""


_REQUIRED = object()


@cache
def _fields(cls: type) -> _Fields:
    required, others = 0, []
    for name, info in cls.__pydantic_fields__.items():
        kind = _kind(name, info.annotation)
        if info.is_required() and kind == _OTHER:
            required += 1
        else:
            others.append((attrgetter(name), _REQUIRED if info.is_required() else info.default, kind))
    return _Fields(required, tuple(others))


def _kind(name: str, annotation: object) -> int:
    if name in _NO_COLONS:
        return _OTHER
    inner = [a for a in _unwrap(annotation) if a is not type(None)]
    if len(inner) != 1:
        return _OTHER
    (only,) = inner
    if typing.get_origin(only) is tuple:
        element = next(_unwrap(typing.get_args(only)[0]))
        return _MANY if hasattr(element, "__pydantic_fields__") else _STRS if element is str else _OTHER
    if hasattr(only, "__pydantic_fields__"):
        return _ONE
    return _STR if only is str else _OTHER


def _unwrap(annotation: object) -> Iterator[object]:
    """The types inside ``Annotated[...]`` and ``X | None``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _unwrap(arg)
    else:
        yield annotation

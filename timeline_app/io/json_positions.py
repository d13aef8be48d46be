"""Where things are in JSON text: line and column of an offset, and the offsets of values by path.

The fast load path never calls this module: positions are only computed for the few places a problem is
reported, in one pass over the text that skips every subtree no problem points into.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable

from ..model.findings import Path

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\Z)', re.S)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\Z)|[\[\]{}]', re.S)
_SCALAR = re.compile(r'[^\s,\]}:"]*')


class LineIndex:
    """Turns character offsets into 1-based (line, column) pairs."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def skip_value(text: str, pos: int) -> int:
    """Offset just after the JSON value starting at ``pos`` (tolerant of broken text: stops at its end)."""
    if pos >= len(text):
        return pos
    first = text[pos]
    if first == '"':
        return _STRING.match(text, pos).end()
    if first not in "[{":
        return max(_SCALAR.match(text, pos).end(), pos + 1)
    depth = 0
    for match in _TOKEN.finditer(text, pos):
        token = match.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
            if depth == 0:
                return match.end()
    return len(text)


def unclosed_brackets(text: str) -> tuple[str, bool]:
    """The closing brackets missing at the end of ``text``, and whether it ends inside a string."""
    stack: list[str] = []
    in_string = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "[":
            stack.append("]")
        elif token == "{":
            stack.append("}")
        elif token in "]}":
            if stack:
                stack.pop()
        else:
            # Escapes are consumed inside the token, so a final quote after the first one closes it.
            in_string = match.end() == len(text) and not (len(token) >= 2 and token.endswith('"'))
    return "".join(reversed(stack)), in_string


def locate(text: str, paths: Iterable[Path]) -> dict[Path, tuple[int | None, int]]:
    """Offsets of the values (and of their member names) at ``paths``.

    Returns, for each path that exists and each of its ancestors, ``(name_offset, value_offset)``;
    ``name_offset`` is None for list items and for the top. A path that does not exist (a missing field) is
    absent: callers fall back to its nearest existing ancestor. When a name occurs twice in an object, the last one counts, as in parsing.
    """
    targets = set(paths)
    prefixes = {path[:i] for path in targets for i in range(len(path) + 1)}
    found: dict[Path, tuple[int | None, int]] = {}
    start = _WS.match(text, 0).end()
    if start < len(text):
        _walk(text, start, (), None, targets, prefixes, found)
    return found


def _walk(text, pos, path, name_pos, targets, prefixes, found) -> int:
    if path in prefixes:  # ancestors too: a missing member is reported at the object that lacks it
        found[path] = (name_pos, pos)
    if path not in prefixes or pos >= len(text) or text[pos] not in "[{":
        return skip_value(text, pos)
    if text[pos] == "[":
        return _walk_array(text, pos, path, targets, prefixes, found)
    return _walk_object(text, pos, path, targets, prefixes, found)


def _walk_array(text, pos, path, targets, prefixes, found) -> int:
    pos = _WS.match(text, pos + 1).end()
    index = 0
    while pos < len(text) and text[pos] != "]":
        pos = _walk(text, pos, (*path, index), None, targets, prefixes, found)
        pos = _WS.match(text, pos).end()
        if pos < len(text) and text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
        elif pos < len(text) and text[pos] != "]":
            return pos  # broken text: give up quietly, positions found so far stand
        index += 1
    return pos + 1


def _walk_object(text, pos, path, targets, prefixes, found) -> int:
    pos = _WS.match(text, pos + 1).end()
    while pos < len(text) and text[pos] == '"':
        name_pos = pos
        name_end = _STRING.match(text, pos).end()
        try:
            name = json.loads(text[pos:name_end])
        except ValueError:
            return name_end
        pos = _WS.match(text, name_end).end()
        if pos >= len(text) or text[pos] != ":":
            return pos
        pos = _WS.match(text, pos + 1).end()
        pos = _walk(text, pos, (*path, name), name_pos, targets, prefixes, found)
        pos = _WS.match(text, pos).end()
        if pos < len(text) and text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
    return pos + 1

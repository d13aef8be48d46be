"""Where things are in JSON text: line and column of an offset, the offsets of values by path, and the path
of the value at an offset.

The fast load path never calls this module: positions are only computed for the few places a problem is
reported, in one pass over the text that skips every subtree no problem points into. Every function here
is tolerant of broken text (it never raises for bad input, it stops where the text stops making sense) and
none recurses, so a file nested thousands of levels deep is handled like any other.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator

from ..model.findings import Path

_WS = re.compile(r"[ \t\n\r]*")
# A string token: an opening quote, then runs of plain characters and backslash escapes, then the closing
# quote, or the end of the text (possibly right after a lone backslash) when the string is never closed.
# The group is '"' exactly when the string is closed.
_STRING_BODY = r'"[^"\\]*(?:\\.[^"\\]*)*("|\\?\Z)'
_STRING = re.compile(_STRING_BODY, re.S)
_TOKEN = re.compile(_STRING_BODY + r"|[\[\]{}]", re.S)
_SCALAR = re.compile(r'[^\s,\]}:"\[{]*')


class LineIndex:
    """Turns character offsets into 1-based (line, column) pairs. Lines end at '\\n' (so also at '\\r\\n');
    columns count characters (code points), not bytes."""

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
        return _STRING.match(text, pos).end()  # always matches: the end of the text closes it
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
            in_string = match.group(1) != '"'  # only the last string can be unclosed: it runs to the end
    return "".join(reversed(stack)), in_string


# --- walking -----------------------------------------------------------------------------------------
# _walk yields what it meets, depth first:
#   ("value", path, name_offset, value_offset, end)  end is None for a container it is about to enter
#   ("close", path, offset of the closing bracket)
#   ("broken", path of the innermost open container, offset where the text stops making sense)


def _walk(text: str, descend: Callable[[Path], bool]) -> Iterator[tuple]:
    n = len(text)
    pos = _WS.match(text, 0).end()
    if pos >= n:
        return
    if text[pos] not in "[{" or not descend(()):
        yield ("value", (), None, pos, skip_value(text, pos))
        return
    yield ("value", (), None, pos, None)
    # Each frame: [path, closing bracket, items seen so far].
    stack: list[list] = [[(), "}" if text[pos] == "{" else "]", 0]]
    pos = _WS.match(text, pos + 1).end()
    while stack:
        frame = stack[-1]
        path, closer, count = frame
        if pos >= n:
            yield ("broken", path, pos)
            return
        if text[pos] == closer:
            yield ("close", path, pos)
            stack.pop()
            pos = _WS.match(text, pos + 1).end()
            continue
        if count:
            if text[pos] != ",":
                yield ("broken", path, pos)
                return
            pos = _WS.match(text, pos + 1).end()
            if pos >= n or text[pos] in "]}":  # a trailing comma, or the end
                yield ("broken", path, pos)
                return
        name_pos = None
        key: str | int = count
        if closer == "}":
            match = _STRING.match(text, pos)
            if match is None or match.group(1) != '"':
                yield ("broken", path, pos)
                return
            try:
                key = json.loads(match.group())
            except ValueError:
                yield ("broken", path, pos)
                return
            name_pos = pos
            pos = _WS.match(text, match.end()).end()
            if pos >= n or text[pos] != ":":
                yield ("broken", path, pos)
                return
            pos = _WS.match(text, pos + 1).end()
            if pos >= n:
                yield ("broken", path, pos)
                return
        frame[2] = count + 1
        child = (*path, key)
        if text[pos] in "[{" and descend(child):
            yield ("value", child, name_pos, pos, None)
            stack.append([child, "}" if text[pos] == "{" else "]", 0])
            pos = _WS.match(text, pos + 1).end()
        else:
            end = skip_value(text, pos)
            yield ("value", child, name_pos, pos, end)
            pos = _WS.match(text, end).end()


def locate(text: str, paths: Iterable[Path]) -> dict[Path, tuple[int | None, int]]:
    """Offsets of the values (and of their member names) at ``paths``.

    Returns, for each path that exists and each of its ancestors, ``(name_offset, value_offset)``;
    ``name_offset`` is None for list items and for the top. A path that does not exist (a missing field) is
    absent: callers fall back to its nearest existing ancestor. When a name occurs twice in an object, the
    last one counts, as in parsing.
    """
    prefixes = {path[:i] for path in set(paths) for i in range(len(path) + 1)}
    found: dict[Path, tuple[int | None, int]] = {}
    for event in _walk(text, prefixes.__contains__):
        if event[0] == "value" and event[1] in prefixes:
            found[event[1]] = (event[2], event[3])
    return found


def path_at(text: str, offset: int) -> Path:
    """The path of the innermost value whose text contains ``offset``, in text that may be broken.

    An offset on a member's name, on punctuation or on the whitespace between members belongs to the
    object or list around it; an offset where broken text stops making sense belongs to the innermost
    container still open there.
    """
    return paths_at(text, [offset])[offset]


def paths_at(text: str, offsets: Iterable[int]) -> dict[int, Path]:
    """``path_at`` for many offsets in one pass over the text."""
    pending = sorted(set(offsets), reverse=True)  # the next offset to place is pending[-1]
    found: dict[int, Path] = {}
    container: Path = ()
    for event in _walk(text, lambda _path: True):
        if not pending:
            break
        kind, path = event[0], event[1]
        if kind == "value":
            _, _, _name_pos, value_pos, end = event
            while pending and pending[-1] < value_pos:  # before the value: on its name, colon or space
                found[pending.pop()] = path[:-1]
            if end is None:  # a container it is entering
                container = path
                continue
            while pending and (value_pos <= pending[-1] < end or (pending[-1] == end == len(text) and value_pos < end)):
                found[pending.pop()] = path
        elif kind == "close":
            while pending and event[2] >= pending[-1]:
                found[pending.pop()] = path
            container = path[:-1]
        else:
            while pending:
                found[pending.pop()] = path
    while pending:
        found[pending.pop()] = container
    return found

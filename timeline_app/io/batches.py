"""Validating a dataset's bytes a batch of events at a time, so that no single call holds the interpreter for
long (pydantic and orjson hold it while they run: a 200 MB file validated whole would freeze a window for
seconds) and so that a loader running in a worker can report progress and stop between batches.

The bytes are walked at the top level only. The 'events' list is cut into batches of about
``BATCH_BYTES`` between two events, and each batch is validated straight from its bytes
(``validate_json`` of "[" + batch + "]", with no intermediate dicts: this also keeps the peak memory
lower than validating the whole file at once). A cut is proposed cheaply (from the file's indentation,
or where brackets balance) and proven by that same validation: parsing a run of bytes that starts at an
event as a complete list succeeds only when the run ends exactly after an event, whatever the strings
hold. The other members (sources, stories, the title...) are small; they are parsed and validated
together, without the events, and the events take their place in the dataset.

Whatever this module does not expect (a syntax error, a repeated top-level name, no cut found) raises
``NotBatchable``: the whole-document path then reads the file and reports the problem with its position.
Problems within events (a wrong field, a bad date) are handled here, batch by batch, with the same
findings the whole-document path gives.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from itertools import chain, islice

import orjson
from pydantic import TypeAdapter, ValidationError

from ..model import Event
from ..model.findings import Finding
from ..model.validation import ItemsPart, ValidatedDocument, validate_document
from .duplicates import find_duplicates, may_hold_duplicates
from .text_checks import clean_values, may_hold_hostile_text

__all__ = ["BATCH_BYTES", "Batched", "NotBatchable", "iter_validate"]

BATCH_BYTES = 1 << 21
"""About 2 MB of events per batch: some 1,800 events of ordinary size, validated in about 40 ms."""
_MAX_TRIES = 16  # proposed cuts validated for one batch before giving up on batches
_MAX_SCAN = 8 * BATCH_BYTES  # how far past a batch's target size a cut is looked for
_EVENTS = TypeAdapter(tuple[Event, ...])
_WS = re.compile(rb"[ \t\r\n]*")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)
_SCALAR = re.compile(rb'[^ \t\r\n,\]}:"\[{]+')
_ITEM_END = re.compile(rb"\}[ \t\r\n]*,[ \t\r\n]*")


class NotBatchable(Exception):
    """The bytes are not a well-formed dataset object this module can cut: read the file whole."""


@dataclass(frozen=True, slots=True)
class Batched:
    """What ``iter_validate`` found: the validated document, the findings about hidden characters and markup
    in its text (whose strings were cleaned), and whether some object may name a member twice."""

    document: ValidatedDocument
    text_findings: list[Finding]
    may_hold_duplicates: bool


def iter_validate(data: bytes, start: int = 0, *, require_citations: bool = False) -> Generator[int, None, Batched]:
    """Validate the JSON document in ``data[start:]``, yielding the number of bytes done after each step.
    Raises NotBatchable when the whole-document path must read the file."""
    walker = _Walker(data)
    value = yield from walker.top_level(start)
    if may_hold_hostile_text(walker.rest):
        walker.text_findings += clean_values(value)
    if find_duplicates(walker.rest.decode("utf-8", errors="replace")):
        walker.duplicates = True
    document = validate_document(value, require_citations=require_citations, events=walker.events)
    return Batched(document, walker.text_findings, walker.duplicates)


class _Walker:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.events: ItemsPart | None = None
        self.text_findings: list[Finding] = []
        self.duplicates = False
        self.rest = b""

    def top_level(self, start: int) -> Generator[int, None, dict]:
        """The document without its events (parsed), after validating the events batch by batch."""
        data = self.data
        pos = _ws(data, start)
        if data[pos:pos + 1] != b"{":
            raise NotBatchable
        pos = _ws(data, pos + 1)
        members: list[tuple[int, int]] = []
        names: set[str] = set()
        while data[pos:pos + 1] != b"}":  # at a member's name
            match = _STRING.match(data, pos)
            if match is None:
                raise NotBatchable
            name = _name(match.group())
            if name in names:
                raise NotBatchable  # a repeated top-level name: reported by the whole-document path
            names.add(name)
            name_at, pos = pos, _ws(data, match.end())
            if data[pos:pos + 1] != b":":
                raise NotBatchable
            pos = _ws(data, pos + 1)
            if name == "events" and data[pos:pos + 1] == b"[":
                pos = yield from self._events(pos, name_at)
            else:
                end = yield from _skip(data, pos)
                members.append((name_at, end))
                pos = end
            pos = _ws(data, pos)
            separator = data[pos:pos + 1]
            if separator == b",":
                pos = _ws(data, pos + 1)
                if data[pos:pos + 1] != b'"':
                    raise NotBatchable
            elif separator != b"}":
                raise NotBatchable
        if _ws(data, pos + 1) != len(data):
            raise NotBatchable
        self.rest = b"{" + b",".join(data[a:b] for a, b in members) + b"}"
        try:
            return orjson.loads(self.rest)
        except orjson.JSONDecodeError:
            raise NotBatchable from None

    def _events(self, pos: int, name_at: int) -> Generator[int, None, int]:
        """Validate the list of events opening at ``pos``; the offset just after it."""
        data = self.data
        self.events = ItemsPart()
        pos = _ws(data, pos + 1)
        if data[pos:pos + 1] == b"]":
            return pos + 1
        layout = _Layout(data, pos, name_at)
        while True:
            # Proposed cuts (end of batch, where the next one starts, whether the list ends there), best first.
            cuts = islice(chain(layout.cuts(pos), _balanced_cuts(data, pos)), _MAX_TRIES)
            cut = next((cut for cut in cuts if self._validate(pos, cut[0])), None)
            if cut is None:
                raise NotBatchable
            _end, pos, last = cut
            yield pos
            if last:
                return pos

    def _validate(self, pos: int, end: int) -> bool:
        """Validate data[pos:end] as events; False when it does not end after an event (a wrong cut)."""
        data, part = self.data, self.events
        assert part is not None
        batch = b"".join((b"[", memoryview(data)[pos:end], b"]"))  # one copy, not two
        try:
            events = _EVENTS.validate_json(batch)
            valid = True
        except ValidationError as exc:
            if exc.errors(include_url=False)[0]["type"] == "json_invalid":
                return False
            valid = False
        if valid and not may_hold_hostile_text(data, pos, end):
            part.add_valid(events)
            if may_hold_duplicates(data, pos, end, events):  # the counts disagree: walk this batch's text
                self.duplicates |= bool(find_duplicates(data[pos:end].decode("utf-8", errors="replace")))
            return True
        try:
            values = orjson.loads(batch)
        except orjson.JSONDecodeError:
            raise NotBatchable from None  # e.g. NaN, which the validator reads and JSON does not allow
        for index, value in enumerate(values, part.count):
            if isinstance(value, dict):
                self.text_findings += clean_values(value, ("events", index))
        part.add_values(values)
        self.duplicates |= bool(find_duplicates(batch.decode("utf-8", errors="replace")))
        return True


class _Layout:
    """Cuts read from an indented file's layout: each event closes with '}' on a line of its own, indented
    as it opens, and the list closes with ']' indented as the line that names it."""

    def __init__(self, data: bytes, first: int, name_at: int) -> None:
        self.data = data
        self.item_close = self.list_close = b""
        indent, outer = _indent(data, first), _indent(data, name_at)
        if indent is not None and outer is not None:
            self.item_close = b"\n" + indent + b"},"
            self.list_close = b"\n" + outer + b"]"

    def cuts(self, pos: int) -> Iterator[tuple[int, int, bool]]:
        if not self.item_close:
            return
        data = self.data
        target = pos + BATCH_BYTES
        item = data.find(self.item_close, target) if target < len(data) else -1
        if item >= 0:  # usually right; wrong only in the last batch, when the list ends before it
            end = item + len(self.item_close) - 1
            yield end, _ws(data, end + 1), False
        close = data.find(self.list_close, pos, item if item >= 0 else len(data))
        if close >= 0:
            yield close, close + len(self.list_close), True


def _balanced_cuts(data: bytes, pos: int) -> Iterator[tuple[int, int, bool]]:
    """Cuts where '{' '}' and '[' ']' balance since ``pos``: after an event followed by a comma, once the
    batch is big enough, or at the ']' closing the list. Brackets inside strings can hide a cut; then
    none is found and the whole-document path reads the file."""
    n = len(data)
    target = min(pos + BATCH_BYTES, n)
    braces = data.count(b"{", pos, target) - data.count(b"}", pos, target)
    brackets = data.count(b"[", pos, target) - data.count(b"]", pos, target)
    if brackets >= 0 and target < n:
        at = target
        for match in _ITEM_END.finditer(data, target, min(n, target + _MAX_SCAN)):
            braces += data.count(b"{", at, match.start() + 1) - data.count(b"}", at, match.start() + 1)
            brackets += data.count(b"[", at, match.start() + 1) - data.count(b"]", at, match.start() + 1)
            at = match.start() + 1
            if brackets < 0:
                break  # the list closed before this: look for its end from the start
            if braces == brackets == 0:
                yield match.start() + 1, match.end(), False
    # The list's end: the first ']' after which brackets and braces balance.
    braces = brackets = 0
    at = pos
    close = data.find(b"]", pos)
    while 0 <= close < pos + BATCH_BYTES + _MAX_SCAN:
        braces += data.count(b"{", at, close) - data.count(b"}", at, close)
        brackets += data.count(b"[", at, close) - data.count(b"]", at, close)
        if braces == brackets == 0:
            yield close, close + 1, True
        brackets -= 1
        at = close + 1
        close = data.find(b"]", at)


def _skip(data: bytes, pos: int) -> Generator[int, None, int]:
    """The offset just after the JSON value at ``pos`` (checked for syntax later, when parsed)."""
    first = data[pos:pos + 1]
    if first == b'"':
        match = _STRING.match(data, pos)
        if match is None:
            raise NotBatchable
        return match.end()
    if first not in (b"[", b"{"):
        match = _SCALAR.match(data, pos)
        if match is None:
            raise NotBatchable
        return match.end()
    depth = 0
    for count, match in enumerate(_TOKEN.finditer(data, pos), 1):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
        elif token in (b"]", b"}"):
            depth -= 1
            if depth == 0:
                return match.end()
        if count % 100_000 == 0:
            yield match.end()
    raise NotBatchable


def _ws(data: bytes, pos: int) -> int:
    return _WS.match(data, pos).end()


def _indent(data: bytes, pos: int) -> bytes | None:
    """The spaces before ``pos`` on its line, when only spaces or tabs precede it there (and a line does)."""
    line = data.rfind(b"\n", 0, pos) + 1
    indent = data[line:pos]
    return indent if line > 0 and not indent.strip(b" \t") else None


def _name(token: bytes) -> str:
    try:
        return orjson.loads(token) if b"\\" in token else token[1:-1].decode("utf-8")
    except (orjson.JSONDecodeError, UnicodeDecodeError):
        raise NotBatchable from None

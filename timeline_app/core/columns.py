"""Per-event numpy columns of a dataset: the arrays that filters, lanes and the timeline index read.

Built once per ``Dataset`` (``event_columns`` keeps the latest), mostly with C-level maps over its events;
every later question (which events pass a filter, how many per actor, in which lane) is then answered with
vectorised numpy over these arrays, which are read-only because every caller shares them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import numpy as np

from timeline_app.model import Dataset, EdtfDate, EventKind

from ..gc_pause import gc_paused

KINDS: tuple[EventKind, ...] = tuple(EventKind)
"""Event kinds in declaration order; a kind's code in the columns is its position here."""

_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}
_ARRAYS = ("kind", "earliest", "latest", "known_first", "known_last", "precision", "fuzzy", "importance",
           "title_rank", "first_actor")


@dataclass(frozen=True, slots=True, eq=False)
class Facet:
    """A many-to-many facet (actors or tags) as pairs: ``pair_event[i]`` has the name ``names[pair_code[i]]``.

    Pairs are unique per event, so counting pairs counts events.
    """

    names: tuple[str, ...]  # sorted case-insensitively
    code_of: dict[str, int]
    pair_event: np.ndarray  # int32 index into dataset.events
    pair_code: np.ndarray  # int32 index into names

    def codes_of(self, names) -> np.ndarray:
        """Codes of the given names that exist in this facet (unknown names are ignored)."""
        return np.array(sorted(self.code_of[n] for n in names if n in self.code_of), dtype=np.int32)


@dataclass(frozen=True, slots=True, eq=False)
class EventColumns:
    """One entry per event, in dataset order. Times are UTC seconds; open ends are ±inf."""

    kind: np.ndarray  # int8 code: position in KINDS
    earliest: np.ndarray  # float64, -inf for an open start
    latest: np.ndarray  # float64, +inf for an open end
    known_first: np.ndarray  # float64: earliest, or for an open start the first known instant
    known_last: np.ndarray  # float64: latest, or for an open end the last known instant
    precision: np.ndarray  # int8 Precision value
    fuzzy: np.ndarray  # bool: approximate or uncertain
    importance: np.ndarray  # int8, 1..5
    title_rank: np.ndarray  # int32: position of the event when sorted by title (ties by dataset order)
    first_actor: np.ndarray  # int32 code into actors.names, -1 when the event names no actor
    actors: Facet
    tags: Facet

    def __len__(self) -> int:
        return len(self.kind)

    @classmethod
    def build(cls, dataset: Dataset) -> EventColumns:
        events = dataset.events
        with gc_paused():
            date_code, dates = _distinct_dates(events)
            per_date = [_DATE_MEMO.get(d.text) or _remember(d) for d in dates]
            bounds = np.array([d[:4] for d in per_date], dtype=np.float64).reshape(-1, 4)[date_code]
            actors, first_actor = _facet([e.actors for e in events])
            tags, _ = _facet([e.tags for e in events])
            columns = cls(
                kind=np.fromiter(map(_KIND_CODE.__getitem__, map(attrgetter("kind"), events)), dtype=np.int8,
                                 count=len(events)),
                earliest=bounds[:, 0].copy(), latest=bounds[:, 1].copy(),
                known_first=bounds[:, 2].copy(), known_last=bounds[:, 3].copy(),
                precision=np.array([d[4] for d in per_date], dtype=np.int8)[date_code],
                fuzzy=np.array([d[5] for d in per_date], dtype=bool)[date_code],
                importance=np.fromiter(map(attrgetter("importance"), events), dtype=np.int8, count=len(events)),
                title_rank=sort_ranks(list(map(attrgetter("title"), events))),
                first_actor=first_actor, actors=actors, tags=tags,
            )
        for array in (*(getattr(columns, f) for f in _ARRAYS), actors.pair_event, actors.pair_code,
                      tags.pair_event, tags.pair_code):
            array.flags.writeable = False
        return columns


def _distinct_dates(events) -> tuple[np.ndarray, list[EdtfDate]]:
    """Each event's date as a code into the list of distinct dates (by text, which defines a date)."""
    dates = list(map(attrgetter("date"), events))
    texts = list(map(attrgetter("text"), dates))
    distinct = dict(zip(texts, dates, strict=True))
    code_of = dict(zip(distinct, range(len(distinct)), strict=True))
    codes = np.fromiter(map(code_of.__getitem__, texts), dtype=np.intp, count=len(texts))
    return codes, list(distinct.values())


_DATE_MEMO: dict[str, tuple] = {}
"""Date text -> _date_columns. A date is a value defined by its text; every edit makes a new Dataset whose
columns are rebuilt, and most of its dates were seen before."""


def _remember(date: EdtfDate) -> tuple:
    if len(_DATE_MEMO) >= 200_000:  # bounded: a long session of imports must not grow it forever
        _DATE_MEMO.clear()
    found = _DATE_MEMO[date.text] = _date_columns(date)
    return found


def _date_columns(date: EdtfDate) -> tuple[float, float, float, float, int, bool]:
    """(earliest, latest, known first, known last, precision, fuzzy) of one date.

    An open end has no instant of its own: the known first/last fall back to the other, known end.
    """
    start, end = date.start, date.end
    first, last = date.earliest, date.latest
    if math.isinf(first):
        first = end.earliest if end is not None else last
    if math.isinf(last):
        last = start.latest if start is not None else first
    points = [p for p in (start, end) if p is not None]
    return (date.earliest, date.latest, first, last, min(p.precision_value for p in points),
            any(p.approximate or p.uncertain for p in points))


def sort_ranks(titles: list[str]) -> np.ndarray:
    """Each title's position in sorted order (ties keep dataset order), for sorting by title with numpy."""
    ranks = np.empty(len(titles), dtype=np.int32)
    ranks[sorted(range(len(titles)), key=titles.__getitem__)] = np.arange(len(titles), dtype=np.int32)
    return ranks


def _facet(per_event: list[tuple[str, ...]]) -> tuple[Facet, np.ndarray]:
    """Pairs (event, name code), unique per event, with names sorted case-insensitively; and each event's
    first name code (-1 for none). Vectorised: one flat list of all names, no loop per event."""
    flat = list(chain.from_iterable(per_event))
    names = sorted(set(flat), key=lambda n: (n.casefold(), n))
    code_of = {name: code for code, name in enumerate(names)}
    counts = np.fromiter(map(len, per_event), dtype=np.int64, count=len(per_event))
    codes = np.fromiter(map(code_of.__getitem__, flat), dtype=np.int64, count=len(flat))
    owner = np.repeat(np.arange(len(per_event), dtype=np.int64), counts)
    first = np.full(len(per_event), -1, dtype=np.int32)
    has = counts > 0
    first[has] = codes[(np.cumsum(counts) - counts)[has]]
    pairs = np.sort(owner * max(len(names), 1) + codes)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]][:len(pairs)]]  # once per name (np.unique is slower)
    facet = Facet(tuple(names), code_of, (pairs // max(len(names), 1)).astype(np.int32),
                  (pairs % max(len(names), 1)).astype(np.int32))
    return facet, first


_cached: tuple[Dataset, EventColumns] | None = None


def event_columns(dataset: Dataset) -> EventColumns:
    """The columns of ``dataset``, rebuilt only when a different dataset object is passed.

    One entry only, compared by identity: a ``Dataset`` can be neither weakly referenced (slots) nor cheaply
    hashed (it hashes every event), and keeping just the latest one lets an old dataset be freed as soon as
    the app works on another.
    """
    global _cached
    entry = _cached
    if entry is not None and entry[0] is dataset:
        return entry[1]
    columns = EventColumns.build(dataset)
    _cached = (dataset, columns)  # one assignment: a reader in another thread sees the old or the new entry
    return columns

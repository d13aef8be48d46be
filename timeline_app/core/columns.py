"""Per-event numpy columns of a dataset: the arrays that filters, lanes and the timeline index read.

Built once per ``Dataset`` with one Python pass over its events; every later question (which events pass a
filter, how many per actor, in which lane) is then answered with vectorised numpy over these arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from timeline_app.model import Dataset, EdtfDate, EventKind

KINDS: tuple[EventKind, ...] = tuple(EventKind)
"""Event kinds in declaration order; a kind's code in the columns is its position here."""

_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}


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
        memo: dict[str, tuple] = {}  # a large dataset repeats a few thousand dates; their properties are not free
        dates = [memo.get(e.date.text) or memo.setdefault(e.date.text, _date_columns(e.date)) for e in events]
        bounds = np.array([d[0] for d in dates], dtype=np.float64).reshape(-1, 4)
        actors, first_actor = _facet([e.actors for e in events])
        tags, _ = _facet([e.tags for e in events])
        return cls(
            kind=np.array([_KIND_CODE[e.kind] for e in events], dtype=np.int8),
            earliest=bounds[:, 0].copy(), latest=bounds[:, 1].copy(),
            known_first=bounds[:, 2].copy(), known_last=bounds[:, 3].copy(),
            precision=np.array([d[1] for d in dates], dtype=np.int8),
            fuzzy=np.array([d[2] for d in dates], dtype=bool),
            importance=np.array([e.importance for e in events], dtype=np.int8),
            title_rank=_ranks([e.title for e in events]),
            first_actor=first_actor, actors=actors, tags=tags,
        )


def _date_columns(date: EdtfDate) -> tuple[tuple[float, float, float, float], int, bool]:
    """((earliest, latest, known first, known last), precision, fuzzy) of one date.

    An open end has no instant of its own: the known first/last fall back to the other, known end.
    """
    first, last = date.earliest, date.latest
    if math.isinf(first):
        first = date.end.earliest if date.end is not None else last
    if math.isinf(last):
        last = date.start.latest if date.start is not None else first
    return (date.earliest, date.latest, first, last), int(date.precision), date.approximate or date.uncertain


def _ranks(titles: list[str]) -> np.ndarray:
    """Each title's position in sorted order (ties keep dataset order), for sorting by title with numpy."""
    ranks = np.empty(len(titles), dtype=np.int32)
    ranks[sorted(range(len(titles)), key=titles.__getitem__)] = np.arange(len(titles), dtype=np.int32)
    return ranks


def _facet(per_event: list[tuple[str, ...]]) -> tuple[Facet, np.ndarray]:
    """Pairs (event, name code) with names sorted case-insensitively, and each event's first name code."""
    names = sorted({n for group in per_event for n in group}, key=lambda n: (n.casefold(), n))
    code_of = {name: code for code, name in enumerate(names)}
    pair_event: list[int] = []
    pair_code: list[int] = []
    first = np.full(len(per_event), -1, dtype=np.int32)
    for index, group in enumerate(per_event):
        if not group:
            continue
        codes = [code_of[n] for n in dict.fromkeys(group)]  # an event counts once per name
        first[index] = codes[0]
        pair_event.extend([index] * len(codes))
        pair_code.extend(codes)
    facet = Facet(tuple(names), code_of, np.array(pair_event, dtype=np.int32),
                  np.array(pair_code, dtype=np.int32))
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

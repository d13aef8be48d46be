"""The one filter of the app: which events pass a ``FilterState``. Canvas, list and counts all call
``filter_mask``, so they can never disagree.

Within one criterion any listed value passes (an event with any of the chosen actors); across criteria
all must pass. ``None`` means "no restriction"; an empty set lets nothing through.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from timeline_app.model import Dataset, EventKind

from .columns import KINDS, Facet, event_columns
from .search import SearchIndex

__all__ = ["FacetCounts", "FilterState", "facet_counts", "filter_mask"]

_KIND_BY_VALUE = {kind.value: kind for kind in EventKind}


@dataclass(frozen=True, slots=True)
class FilterState:
    """What the user filters on. Dates are UTC seconds; the window is half-open, [date_from, date_to), like
    an event's own [earliest, latest), so "from 2013-08-21 to 2013-08-22" (the bounds of that one day)
    keeps events on 21 August and none on the 22nd. Either bound may be None (open)."""

    kinds: frozenset[EventKind] | None = None
    actors: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    date_from: float | None = None
    date_to: float | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """True when the state lets every event through."""
        return self == FilterState()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (lists sorted, so equal states give equal dicts), for settings."""
        return {
            "kinds": None if self.kinds is None else sorted(k.value for k in self.kinds),
            "actors": None if self.actors is None else sorted(self.actors),
            "tags": None if self.tags is None else sorted(self.tags),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Any) -> FilterState:
        """The state saved by ``to_dict``. Never raises: a value of the wrong type is read as "no
        restriction", unknown kinds (from a newer version) are dropped, and a kind list left empty by
        that falls back to all kinds rather than hiding everything."""
        if not isinstance(data, dict):
            return cls()
        text = data.get("text")
        return cls(
            kinds=_kinds_from(data.get("kinds")),
            actors=_names_from(data.get("actors")),
            tags=_names_from(data.get("tags")),
            date_from=_time_from(data.get("date_from")),
            date_to=_time_from(data.get("date_to")),
            text=text if isinstance(text, str) else "",
        )


def _kinds_from(value: Any) -> frozenset[EventKind] | None:
    if not isinstance(value, list):
        return None
    kinds = frozenset(_KIND_BY_VALUE[v] for v in value if isinstance(v, str) and v in _KIND_BY_VALUE)
    return None if value and not kinds else kinds


def _names_from(value: Any) -> frozenset[str] | None:
    if not isinstance(value, list):
        return None
    return frozenset(v for v in value if isinstance(v, str))


def _time_from(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        value = float(value)
    except OverflowError:  # an int beyond any float
        return None
    return value if math.isfinite(value) else None


def filter_mask(dataset: Dataset, state: FilterState, search_index: SearchIndex | None = None) -> np.ndarray:
    """Boolean mask over ``dataset.events`` (dataset order): True where the event passes every criterion.

    ``search_index`` must be built from ``dataset``; it is needed only when ``state.text`` holds a query.
    """
    columns = event_columns(dataset)
    mask = np.ones(len(columns), dtype=bool)
    if state.kinds is not None:
        codes = [code for code, kind in enumerate(KINDS) if kind in state.kinds]
        mask &= np.isin(columns.kind, codes)
    if state.actors is not None:
        mask &= _facet_mask(columns.actors, state.actors, len(columns))
    if state.tags is not None:
        mask &= _facet_mask(columns.tags, state.tags, len(columns))
    mask &= _date_mask(columns.earliest, columns.latest, state.date_from, state.date_to)
    if state.text.strip():
        if search_index is None or len(search_index) != len(columns):
            raise ValueError("a text filter needs the SearchIndex of this dataset")
        mask &= search_index.matches(state.text)
    return mask


def _date_mask(earliest: np.ndarray, latest: np.ndarray, date_from: float | None,
               date_to: float | None) -> np.ndarray | bool:
    """Events whose [earliest, latest) overlaps [date_from, date_to); bounds given the wrong way round are
    swapped. An empty window (from == to) is an instant: it keeps the events that contain it. An event at
    an instant (a date with a time of day, earliest == latest) is treated as [earliest, next float)."""
    if date_from is not None and date_to is not None and date_from > date_to:
        date_from, date_to = date_to, date_from
    latest = np.where(latest > earliest, latest, np.nextafter(earliest, np.inf))
    mask: np.ndarray | bool = True
    if date_from is not None:
        mask = mask & (latest > date_from)
    if date_to is not None:
        mask = mask & ((earliest < date_to) if date_from != date_to else (earliest <= date_to))
    return mask


def _facet_mask(facet: Facet, names: frozenset[str], n_events: int) -> np.ndarray:
    """Events that carry at least one of ``names``."""
    chosen = np.zeros(len(facet.names), dtype=bool)
    chosen[facet.codes_of(names)] = True
    mask = np.zeros(n_events, dtype=bool)
    mask[facet.pair_event[chosen[facet.pair_code]]] = True
    return mask


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """How many of the matching events have each kind, actor and tag. Every kind, actor and tag of the
    dataset is listed, with 0 where no matching event has it (so a UI list keeps its rows)."""

    total: int
    kinds: dict[EventKind, int]
    actors: dict[str, int]
    tags: dict[str, int]


def facet_counts(dataset: Dataset, mask: np.ndarray) -> FacetCounts:
    """Counts per kind (in EventKind order), actor and tag (sorted by name) among events where ``mask``."""
    columns = event_columns(dataset)
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != (len(columns),):
        raise ValueError(f"mask has shape {mask.shape}, the dataset has {len(columns)} events")
    kinds = np.bincount(columns.kind[mask], minlength=len(KINDS))
    return FacetCounts(
        total=int(mask.sum()),
        kinds=dict(zip(KINDS, kinds.tolist(), strict=True)),
        actors=_count_facet(columns.actors, mask),
        tags=_count_facet(columns.tags, mask),
    )


def _count_facet(facet: Facet, mask: np.ndarray) -> dict[str, int]:
    counts = np.bincount(facet.pair_code[mask[facet.pair_event]], minlength=len(facet.names))
    return dict(zip(facet.names, counts.tolist(), strict=True))

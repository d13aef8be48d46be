"""The timeline's view-model: the events that pass a filter as numpy arrays sorted by time.

The canvas reads only these arrays (never ``Event`` objects): a window of time becomes a slice of rows by
binary search, and every per-mark property (kind, lane, sub-row, precision...) is an array lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

import numpy as np

from timeline_app.model import Dataset

from .columns import event_columns
from .lanes import LaneMode, assign_lanes, assign_subrows

__all__ = ["TimelineIndex"]

_LONG_SHARE = 64  # at most one row in this many is set apart as "long" for the visible-rows search


@dataclass(frozen=True, slots=True, eq=False)
class TimelineIndex:
    """Rows are the events passing the filter, sorted by (start, end, title). Times are UTC seconds.

    Open or unknown infinite ends are clamped to ``span``, the finite extent of the whole dataset (not only
    of the rows), so that filtering does not stretch or shrink open-ended bars; ``open_start`` and
    ``open_end`` say which were clamped. Build with ``TimelineIndex.build``; arrays are read-only.
    """

    event_index: np.ndarray  # int32, index into dataset.events
    start: np.ndarray  # float64
    end: np.ndarray  # float64, >= start
    kind: np.ndarray  # int8, position in EventKind (see columns.KINDS)
    precision: np.ndarray  # int8, model.Precision value (the coarser end of an interval)
    fuzzy: np.ndarray  # bool: approximate or uncertain date
    open_start: np.ndarray  # bool
    open_end: np.ndarray  # bool
    importance: np.ndarray  # int8, 1..5
    lane: np.ndarray  # int16, index into lane_labels
    subrow: np.ndarray  # int8
    lane_labels: tuple[str, ...]
    max_duration: float  # longest end - start, seconds
    span: tuple[float, float]  # first and last finite instant of the dataset
    dataset: Dataset = field(repr=False)
    _search: _VisibleSearch = field(repr=False)
    _row_by_id: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, dataset: Dataset, mask: np.ndarray | None = None,
              lane_mode: LaneMode = LaneMode.KIND) -> TimelineIndex:
        """The index of the events of ``dataset`` where ``mask`` (dataset order) is True; all when None."""
        columns = event_columns(dataset)
        if mask is None:
            rows = np.arange(len(columns))
        else:
            mask = np.asarray(mask, dtype=bool)
            if mask.shape != (len(columns),):
                raise ValueError(f"mask has shape {mask.shape}, the dataset has {len(columns)} events")
            rows = np.flatnonzero(mask)
        span = _finite_span(columns.known_first, columns.known_last)
        earliest, latest = columns.earliest[rows], columns.latest[rows]
        open_start, open_end = np.isneginf(earliest), np.isposinf(latest)
        start = np.where(open_start, span[0], earliest)
        end = np.where(open_end, span[1], latest)
        order = np.lexsort((columns.title_rank[rows], end, start))
        rows, start, end, open_start, open_end = (a[order] for a in (rows, start, end, open_start, open_end))
        lane, labels = assign_lanes(dataset, rows, lane_mode)
        arrays = {
            "event_index": rows.astype(np.int32), "start": start, "end": end,
            "kind": columns.kind[rows], "precision": columns.precision[rows], "fuzzy": columns.fuzzy[rows],
            "open_start": open_start, "open_end": open_end, "importance": columns.importance[rows],
            "lane": lane, "subrow": assign_subrows(start, end, lane),
        }
        for array in arrays.values():
            array.flags.writeable = False
        return cls(**arrays, lane_labels=labels, max_duration=float((end - start).max(initial=0.0)), span=span,
                   dataset=dataset, _search=_VisibleSearch.build(start, end))

    def __len__(self) -> int:
        return len(self.event_index)

    def visible_rows(self, x0: float, x1: float) -> np.ndarray:
        """Rows whose [start, end] overlaps [x0, x1], in row (time) order. O(log n + k)."""
        return self._search.overlapping(self.start, self.end, min(x0, x1), max(x0, x1))

    def event_id(self, row: int) -> str:
        return self.dataset.events[int(self.event_index[row])].id

    def row_of(self, event_id: str) -> int | None:
        """The row of an event, or None when it did not pass the filter (or does not exist)."""
        if not self._row_by_id and len(self):
            events = map(self.dataset.events.__getitem__, self.event_index.tolist())
            self._row_by_id.update(zip(map(attrgetter("id"), events), range(len(self)), strict=True))
        return self._row_by_id.get(event_id)

    def next_row(self, row: int) -> int | None:
        """The row after ``row`` in time order, or None at the last one."""
        self._check(row)
        return row + 1 if row + 1 < len(self) else None

    def previous_row(self, row: int) -> int | None:
        """The row before ``row`` in time order, or None at the first one."""
        self._check(row)
        return row - 1 if row > 0 else None

    def _check(self, row: int) -> None:
        if not 0 <= row < len(self):
            raise IndexError(f"row {row} is not in an index of {len(self)} rows")


def _finite_span(known_first: np.ndarray, known_last: np.ndarray) -> tuple[float, float]:
    first = known_first[np.isfinite(known_first)]
    last = known_last[np.isfinite(known_last)]
    if not len(first) or not len(last):
        return (0.0, 0.0)
    return (float(first.min()), float(last.max()))


@dataclass(frozen=True, slots=True, eq=False)
class _VisibleSearch:
    """Binary search for overlapping rows, with the few longest intervals set apart.

    Searching ``start`` from ``x0 - max_duration`` is O(log n + k) only while no interval is long: one
    bar open since 2011 would make every window scan from 2011. So the longest rows (at most 1 in 64) are
    tested apart, and the others are searched with their own, much shorter, maximum duration.
    """

    short_rows: np.ndarray  # rows, ascending
    short_start: np.ndarray
    short_end: np.ndarray
    short_max: float
    long_rows: np.ndarray  # rows, ascending

    @classmethod
    def build(cls, start: np.ndarray, end: np.ndarray) -> _VisibleSearch:
        duration = end - start
        n_long = len(duration) // _LONG_SHARE
        if n_long:
            cut = np.partition(duration, len(duration) - n_long)[len(duration) - n_long]
            is_long = duration > cut
        else:
            is_long = np.zeros(len(duration), dtype=bool)
        short = np.flatnonzero(~is_long)
        return cls(short, start[short], end[short], float(duration[short].max(initial=0.0)),
                   np.flatnonzero(is_long))

    def overlapping(self, start: np.ndarray, end: np.ndarray, x0: float, x1: float) -> np.ndarray:
        lo = np.searchsorted(self.short_start, x0 - self.short_max, side="left")
        hi = np.searchsorted(self.short_start, x1, side="right")
        rows = self.short_rows[lo + np.flatnonzero(self.short_end[lo:hi] >= x0)]
        if len(self.long_rows):
            long_rows = self.long_rows[(start[self.long_rows] <= x1) & (end[self.long_rows] >= x0)]
            if len(long_rows):
                rows = np.sort(np.concatenate((rows, long_rows)))
        return rows

"""Lanes (horizontal bands of the timeline) and sub-rows inside a lane, so overlapping bars stay apart."""

from __future__ import annotations

import enum
import math

import numpy as np

from timeline_app.model import Dataset, EventKind

from .columns import KINDS, event_columns

__all__ = ["ALL_EVENTS_LABEL", "NO_ACTOR_LABEL", "OTHER_ACTORS_LABEL", "LaneMode", "assign_lanes",
           "assign_subrows", "kind_label"]

ALL_EVENTS_LABEL = "All events"
NO_ACTOR_LABEL = "No actor named"
OTHER_ACTORS_LABEL = "Other actors"
POINT_SECONDS = 86_400.0
"""A mark lasting at most this long (one day) is drawn as a point, not a bar."""
_MAX_LANES = 1_000  # beyond this, actors share one last lane: a thousand bands are already unreadable


class LaneMode(enum.Enum):
    """How events are grouped into lanes."""

    KIND = "kind"
    ACTOR = "actor"
    SINGLE = "single"


def kind_label(kind: EventKind) -> str:
    """The lane label of a kind: "Legal action" for ``legal-action``."""
    return kind.value.replace("-", " ").capitalize()


def assign_lanes(dataset: Dataset, rows: np.ndarray, mode: LaneMode) -> tuple[np.ndarray, tuple[str, ...]]:
    """The lane of each of ``rows`` (indexes into ``dataset.events``) and the lanes' labels, top to bottom.

    KIND: one lane per kind present, in EventKind order. ACTOR: one lane per first-named actor, the fullest
    lane first (ties by name), then "No actor named" if some events name none. SINGLE: one lane.
    """
    rows = np.asarray(rows, dtype=np.intp)
    columns = event_columns(dataset)
    if mode is LaneMode.SINGLE:
        return np.zeros(len(rows), dtype=np.int16), (ALL_EVENTS_LABEL,)
    if mode is LaneMode.KIND:
        codes = columns.kind[rows].astype(np.intp)
        present = np.flatnonzero(np.bincount(codes, minlength=len(KINDS)))
        labels = tuple(kind_label(KINDS[code]) for code in present)
        return _renumber(codes, present).astype(np.int16), labels
    return _actor_lanes(columns.first_actor[rows].astype(np.intp), columns.actors.names)


def _renumber(codes: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Lane of each code: its position in ``order``."""
    lane_of_code = np.zeros(int(codes.max(initial=0)) + 1, dtype=np.intp)
    lane_of_code[order] = np.arange(len(order))
    return lane_of_code[codes]


def _actor_lanes(first: np.ndarray, names: tuple[str, ...]) -> tuple[np.ndarray, tuple[str, ...]]:
    named = first >= 0
    counts = np.bincount(first[named], minlength=len(names))
    present = np.flatnonzero(counts)
    # Codes follow the names' alphabetical order, so a stable sort on count keeps ties alphabetical.
    order = present[np.argsort(-counts[present], kind="stable")]
    labels = [names[code] for code in order[:_MAX_LANES]]
    lanes = np.full(len(first), len(labels), dtype=np.int16)  # the lane after the named ones
    if len(order):
        lanes[named] = np.minimum(_renumber(first[named], order), _MAX_LANES)
    if len(order) > _MAX_LANES:
        labels.append(OTHER_ACTORS_LABEL)
    if not named.all():
        lanes[~named] = len(labels)
        labels.append(NO_ACTOR_LABEL)
    return lanes, tuple(labels)


def assign_subrows(start: np.ndarray, end: np.ndarray, lane: np.ndarray, max_subrows: int = 3) -> np.ndarray:
    """Sub-row of each mark inside its lane, so that overlapping intervals [start, end) do not share one.

    Greedy by start time. Points (at most one day long) go on sub-row 0 together unless a bar on sub-row 0
    covers them; a bar takes the first sub-row free at its start. When all ``max_subrows`` are taken the
    mark goes on the one that frees first, overlapping (wrap). Arrays are in any order; the result matches.
    """
    if not 1 <= max_subrows <= 127:
        raise ValueError("max_subrows must be between 1 and 127")
    start, end = np.asarray(start, dtype=np.float64), np.asarray(end, dtype=np.float64)
    lane = np.asarray(lane)
    order = np.lexsort((end, start, lane))
    is_point = (end - start <= POINT_SECONDS)[order]
    placed = _place_greedy(start[order].tolist(), end[order].tolist(), lane[order].tolist(), is_point.tolist(),
                           max_subrows)
    subrow = np.empty(len(order), dtype=np.int8)
    subrow[order] = placed
    return subrow


def _place_greedy(starts: list[float], ends: list[float], lanes: list[int], points: list[bool],
                  max_subrows: int) -> list[int]:
    placed = [0] * len(starts)
    current_lane = None
    row_end: list[float] = []
    bar_end0 = -math.inf  # how far bars on sub-row 0 reach: points may share sub-row 0 with points only
    bar_rows, point_rows = range(max_subrows), range(1, max_subrows)
    for i, (s, e, ln, point) in enumerate(zip(starts, ends, lanes, points, strict=True)):
        if ln != current_lane:
            current_lane, row_end, bar_end0 = ln, [-math.inf] * max_subrows, -math.inf
        if point and bar_end0 <= s:  # the common case, kept short: most marks are points on sub-row 0
            if e > row_end[0]:
                row_end[0] = e
            continue
        for k in point_rows if point else bar_rows:
            if row_end[k] <= s:
                break
        else:
            k = row_end.index(min(row_end))
        if e > row_end[k]:
            row_end[k] = e
        if k == 0 and not point and e > bar_end0:
            bar_end0 = e
        placed[i] = k
    return placed

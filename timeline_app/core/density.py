"""Event density per lane, for drawing a zoomed-out lane as a histogram instead of thousands of marks."""

from __future__ import annotations

import numpy as np

from .lanes import POINT_SECONDS
from .timeline_index import TimelineIndex

__all__ = ["lane_density", "should_aggregate"]


def lane_density(index: TimelineIndex, rows: np.ndarray, x0: float, x1: float, n_bins: int) -> np.ndarray:
    """Counts (n_lanes × n_bins, int32) of ``rows`` per equal bin of [x0, x1) (UTC seconds).

    A bar (longer than a day) counts in every bin its [start, end) overlaps; a point counts once, in the
    bin of its start (or the first bin, for a day begun just before x0). Rows outside the window count
    nowhere, so for points alone the counts add up to the points in view.
    """
    if n_bins < 1 or not x1 > x0:
        raise ValueError("lane_density needs n_bins >= 1 and x1 > x0")
    rows = np.asarray(rows, dtype=np.intp)
    start, end, lane = index.start[rows], index.end[rows], index.lane[rows].astype(np.intp)
    inside = (end > x0) & (start < x1) | ((start == end) & (start >= x0) & (start < x1))
    start, end, lane = start[inside], end[inside], lane[inside]
    span = x1 - x0  # multiplied before dividing: exact for bin edges that fall on whole seconds
    first = np.clip(np.floor((start - x0) * n_bins / span), 0, n_bins - 1).astype(np.intp)
    # The last bin touched is the one before the bin where the (exclusive) end falls.
    last = np.clip(np.ceil((end - x0) * n_bins / span) - 1, 0, n_bins - 1).astype(np.intp)
    last = np.where(end - start <= POINT_SECONDS, first, np.maximum(last, first))
    # Difference array: +1 where a row's run of bins begins, -1 just after it ends, then a running sum.
    width = n_bins + 1
    n_lanes = len(index.lane_labels)
    diff = np.bincount(lane * width + first, minlength=n_lanes * width)
    diff -= np.bincount(lane * width + last + 1, minlength=n_lanes * width)
    return np.cumsum(diff.reshape(n_lanes, width)[:, :n_bins], axis=1).astype(np.int32)


def should_aggregate(count_in_lane: int, width_px: float, min_px_per_mark: float = 3.0) -> bool:
    """True when a lane's visible marks would be closer than ``min_px_per_mark`` apart on average, so the
    canvas draws the lane's density instead of its marks."""
    return count_in_lane * min_px_per_mark > width_px

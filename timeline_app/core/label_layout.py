"""Which labels of the visible marks to show, so that none overlap, and "+N" badges for the hidden ones.

Pure pixel geometry: the UI measures the labels with its font metrics and passes widths in; nothing here
knows about Qt. The placement is greedy by priority (higher importance first, then earlier time): a label
is shown when its box overlaps no label already shown on its track.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

__all__ = ["BADGE_PX", "MIN_TEXT_PX", "LabelLayout", "pack_labels"]

BADGE_PX = 30.0
"""Room reserved after every shown label's text for its " +N" badge, and the width of a standalone badge."""
MIN_TEXT_PX = 72.0
"""A label cut to less than this (about eight characters and an ellipsis: less tells a reader nothing) is hidden
rather than shown, and counted in a "+N" badge."""


@dataclass(frozen=True, slots=True, eq=False)
class LabelLayout:
    """Shown labels (by position in the input arrays, ascending) and badges counting hidden marks.

    A shown label's box is [x, x + width + BADGE_PX): the UI elides the text to ``width`` and draws
    " +badge" after it when ``badge`` > 0. Hidden marks with no shown label to their left on their track
    get a standalone badge at ``badge_x`` (its box [badge_x, badge_x + BADGE_PX)).
    """

    rows: np.ndarray  # int64, positions into the input arrays
    x: np.ndarray  # float64, left edge in pixels
    width: np.ndarray  # float64, room for the text, <= the measured width
    badge: np.ndarray  # int64, hidden marks counted into this label
    badge_x: np.ndarray  # float64, standalone badges
    badge_track: np.ndarray  # int64
    badge_count: np.ndarray  # int64

    @property
    def hidden_count(self) -> int:
        return int(self.badge.sum() + self.badge_count.sum())


def pack_labels(x_px, widths_px, lane_rows, importance, available_px: float, min_gap_px: float = 6.0,
                badge_px: float = BADGE_PX) -> LabelLayout:
    """Choose the labels to show among the visible marks.

    ``x_px``: each mark's start in pixels (may be negative for a bar begun left of the view);
    ``widths_px``: each label's measured width; ``lane_rows``: each label's track (any int; labels on
    different tracks never collide); ``importance``: higher wins. Within a track no two shown boxes
    [x, x + width + badge_px + min_gap_px) overlap; a box starting left of 0 moves to 0 (hidden if it then
    overlaps); no box extends past ``available_px`` (its width is cut instead). Every mark is either shown
    or counted in exactly one badge. Cost: a sort, then one plain Python step per mark that could be shown
    (the canvas passes the marks of its uncrowded lanes, a few hundred at most), plus a numpy pass for badges.
    """
    x = np.asarray(x_px, dtype=np.float64)
    width = np.asarray(widths_px, dtype=np.float64)
    track = np.asarray(lane_rows, dtype=np.int64)
    priority = np.asarray(importance, dtype=np.int64)
    if not x.shape == width.shape == track.shape == priority.shape or x.ndim != 1:
        raise ValueError("x_px, widths_px, lane_rows and importance must be 1-D arrays of one length")
    left = np.maximum(x, 0.0)
    allowed = np.minimum(width, available_px - left - badge_px)
    eligible = np.isfinite(x) & (allowed >= np.minimum(width, MIN_TEXT_PX)) & (allowed >= 0)
    box_end = left + allowed + badge_px + min_gap_px
    shown = _place(np.flatnonzero(eligible), x, left, box_end, track, priority)
    badge, standalone = _badges(shown, x, left, box_end, track, available_px, badge_px + min_gap_px)
    return LabelLayout(
        rows=shown, x=left[shown], width=allowed[shown], badge=badge,
        badge_x=standalone[0], badge_track=standalone[1], badge_count=standalone[2],
    )


def _place(candidates: np.ndarray, x, left, box_end, track, priority) -> np.ndarray:
    """Greedy placement in priority order (track, then higher importance, earlier time, lower position): a
    box is shown when it overlaps no box shown on its track. One pass in plain Python over the candidates
    (a few hundred at most): cheaper than numpy calls per (track, importance) group."""
    order = candidates[np.lexsort((candidates, x[candidates], -priority[candidates], track[candidates]))]
    shown: list[int] = []
    starts: list[float] = []  # the boxes shown on the current track, disjoint, sorted by start
    ends: list[float] = []  # their ends, in the same (also increasing) order
    current_track = None
    for i, t, start, end in zip(order.tolist(), track[order].tolist(), left[order].tolist(),
                                box_end[order].tolist(), strict=True):
        if t != current_track:
            current_track, starts, ends = t, [], []
        # Only the last box starting before this one's end can overlap it: disjoint boxes end in start order.
        k = bisect_left(starts, end)
        if k and ends[k - 1] > start:
            continue
        starts.insert(k, start)
        ends.insert(k, end)
        shown.append(i)
    return np.sort(np.array(shown, dtype=np.int64))


def _badges(shown, x, left, box_end, track, available_px: float, badge_room: float):
    """Per shown label, the hidden marks whose nearest shown label to the left (by mark time) it is; and
    one standalone badge per track for hidden marks left of every shown label there.

    A standalone badge sits at its first hidden mark, moved left to end before the first shown label; if
    there is no room for it, its count goes to that label's badge instead.
    """
    is_shown = np.zeros(len(x), dtype=bool)
    is_shown[shown] = True
    order = np.lexsort((~is_shown, x, track))  # on a tie in time, the shown label comes first
    positions = np.arange(len(order))
    track_start = np.flatnonzero(np.r_[True, track[order][1:] != track[order][:-1]]) if len(order) else positions
    first_of_track = np.repeat(track_start, np.diff(np.r_[track_start, len(order)]))
    last_shown = np.maximum.accumulate(np.where(is_shown[order], positions, -1)) if len(order) else positions
    owner = np.where(last_shown >= first_of_track, order[np.maximum(last_shown, 0)], -1)
    hidden = ~is_shown[order]
    counts = np.bincount(owner[hidden & (owner >= 0)], minlength=len(x))
    orphan = order[hidden & (owner < 0)]  # ascending (track, x)
    badge_x, badge_track, badge_count = [], [], []
    for t, first, n in zip(*_first_and_count(track[orphan], x[orphan]), strict=True):
        on_track = shown[track[shown] == t]
        bx = min(max(first, 0.0), max(available_px - badge_room, 0.0))
        if len(on_track):
            label = on_track[np.argmin(left[on_track])]
            bx = min(bx, left[label] - badge_room)
            if bx < 0:
                counts[label] += n
                continue
        badge_x.append(bx)
        badge_track.append(t)
        badge_count.append(n)
    standalone = (np.array(badge_x, dtype=np.float64), np.array(badge_track, dtype=np.int64),
                  np.array(badge_count, dtype=np.int64))
    return counts[shown].astype(np.int64), standalone


def _first_and_count(tracks: np.ndarray, xs: np.ndarray):
    """For runs of equal track in ``tracks`` (sorted): the track, the run's first x and its length."""
    if not len(tracks):
        return [], [], []
    starts = np.flatnonzero(np.r_[True, tracks[1:] != tracks[:-1]])
    lengths = np.diff(np.r_[starts, len(tracks)])
    return tracks[starts].tolist(), xs[starts].tolist(), lengths.tolist()

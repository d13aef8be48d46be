"""FramePlan: what the canvas draws for one view window, in device pixels, computed from the timeline index.

Made when the window, size or data change (never inside paint): the visible slice by binary search, lanes
that switch to density when too crowded, label packing with "+N" counts, and the arrays paint replays.

The work per frame does not grow with the events in view: how many events each lane has in the window, and
the density strips of crowded lanes, come from binary searches in times sorted by lane (``LaneTimes``, built
once per index), so a lane drawn as density never has its rows listed. Only lanes drawn mark by mark (a few
hundred marks each at most, see ``should_aggregate``) have their rows listed and their labels packed.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np

from ..core import POINT_SECONDS, TimelineIndex, pack_labels, should_aggregate
from ..model import Precision

DAY = 86_400.0
BIN_PX = 4
MARK_ROW_PX = 11      # mark centre below the lane's top (a 14 px symbol spans 4 to 18)
SUBROW_PX = 9         # extra offset per sub-row for overlapping bars
LABEL_ROW_PX = 20     # label text top below the lane's top, just under the symbols: with a 15 px font a
                      # lane needs 35 px for a label row, which 11 kind lanes still have at 1366x768
BAR_HEIGHT_PX = 8
MIN_BAR_PX = 10       # narrower spans draw as a point symbol
DENSITY_TOP_PX = 20   # a density strip starts below its lane's caption


@dataclass
class ViewGeometry:
    """The mapping from data to device pixels for one frame: x = (t - x0) * sx + left; lane tops."""

    x0: float
    x1: float
    left: float
    width: float
    lane_tops: np.ndarray
    lane_height: float
    top: float = 0.0  # the view's top and bottom edges
    bottom: float = 0.0

    @property
    def sx(self) -> float:
        return self.width / max(self.x1 - self.x0, 1e-9)

    def x_px(self, t: np.ndarray) -> np.ndarray:
        return (t - self.x0) * self.sx + self.left


def _empty(dtype=np.float64) -> np.ndarray:
    return np.empty(0, dtype)


@dataclass
class FramePlan:
    rows: np.ndarray = field(default_factory=lambda: _empty(np.int64))   # rows drawn as marks
    centre_x: np.ndarray = field(default_factory=_empty)
    y: np.ndarray = field(default_factory=_empty)
    bar_left: np.ndarray = field(default_factory=_empty)
    bar_right: np.ndarray = field(default_factory=_empty)
    is_bar: np.ndarray = field(default_factory=lambda: _empty(bool))
    kind: np.ndarray = field(default_factory=lambda: _empty(np.int8))
    fuzzy: np.ndarray = field(default_factory=lambda: _empty(bool))
    coarse: np.ndarray = field(default_factory=lambda: _empty(bool))
    # Labels, one entry each: the row whose title it shows (-1 for a standalone "+N" badge), the text's left
    # edge and top, the room for the text (it is elided to that) and the "+N" count (0: none).
    label_row: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    label_x: np.ndarray = field(default_factory=_empty)
    label_top: np.ndarray = field(default_factory=_empty)
    label_width: np.ndarray = field(default_factory=_empty)
    label_badge: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    # Lanes drawn as density strips: the lane, the strip's top, its events in view (for the caption above the
    # strip, at ``density_caption_x``); the bins' left edges (shared) and each strip's bar heights (one row
    # per strip, 0 where the bin is empty).
    density_lane: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    density_top: np.ndarray = field(default_factory=_empty)
    density_count: np.ndarray = field(default_factory=lambda: _empty(np.int64))
    density_x: np.ndarray = field(default_factory=_empty)
    density_heights: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    density_caption_x: float = 0.0
    lane_tops: np.ndarray = field(default_factory=_empty)
    lane_height: float = 0.0
    view_rect: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # the view: left, top, right, bottom

    @classmethod
    def empty(cls, geometry: ViewGeometry) -> FramePlan:
        """A plan drawing no event: the view's lanes and edges only."""
        return cls(lane_tops=geometry.lane_tops, lane_height=geometry.lane_height,
                   view_rect=(geometry.left, geometry.top, geometry.left + geometry.width, geometry.bottom))

    @property
    def labels(self) -> list[tuple[int, float, float, float, int]]:
        """The labels as (row, x, top, width, +N) tuples, row -1 for a standalone badge (a readable view of
        the label arrays; paint uses the arrays)."""
        return list(zip(self.label_row.tolist(), self.label_x.tolist(), self.label_top.tolist(),
                        self.label_width.tolist(), self.label_badge.tolist(), strict=True))

    @property
    def aggregated_counts(self) -> list[tuple[int, int, float]]:
        """The lanes drawn as density, as (lane, events in view, caption x) tuples."""
        return [(lane, count, self.density_caption_x)
                for lane, count in zip(self.density_lane.tolist(), self.density_count.tolist(), strict=True)]

    def hit(self, x: float, y: float, radius: float = 9.0) -> int | None:
        """The row under a device point: a symbol within ``radius`` or a bar containing it."""
        if not len(self.rows):
            return None
        near_y = np.abs(self.y - y) <= radius
        inside_bar = self.is_bar & near_y & (self.bar_left - 3 <= x) & (x <= self.bar_right + 3)
        distance = np.hypot(self.centre_x - x, self.y - y)
        distance[inside_bar] = np.minimum(distance[inside_bar], radius - 0.5)
        best = int(np.argmin(distance))
        return int(self.rows[best]) if distance[best] <= radius else None


class LaneTimes:
    """An index's start and end times sorted within each lane, for counting by binary search.

    Each time is stored as ``lane * stride + (t - base)``: sorting those sorts by lane, then time, and one
    ``searchsorted`` answers a question for every lane at once. With times in whole seconds the keys are exact
    (far below 2**53); window edges are clamped to just outside the index's times first.
    """

    def __init__(self, index: TimelineIndex) -> None:
        start, end = np.asarray(index.start, np.float64), np.asarray(index.end, np.float64)
        lane = np.asarray(index.lane, np.int64)
        self.n_lanes = len(index.lane_labels)
        self.base = float(start.min()) if len(start) else 0.0
        extent = float(end.max()) - self.base if len(end) else 0.0
        self.stride = float(2.0 ** np.ceil(np.log2(extent + 4.0)))
        offset = lane * self.stride - self.base
        is_point = (end - start) <= POINT_SECONDS  # as core.lane_density: a point counts once, at its start
        self.start = np.sort(start + offset)
        self.end = np.sort(end + offset)
        by_start = np.argsort(start[is_point] + offset[is_point], kind="stable")
        self.point_start = (start[is_point] + offset[is_point])[by_start]
        self.point_end = (end[is_point] + offset[is_point])[by_start]  # in point_start's order
        self.bar_start = np.sort(start[~is_point] + offset[~is_point])
        self.bar_end = np.sort(end[~is_point] + offset[~is_point])

    def keys(self, lanes: np.ndarray, times: np.ndarray) -> np.ndarray:
        """Search keys of ``times`` (any shape) in each of ``lanes``: an array of shape lanes x times."""
        t = np.clip(np.asarray(times, np.float64) - self.base, -1.0, self.stride - 1.0)
        return lanes.reshape(-1, *([1] * t.ndim)) * self.stride + t

    def counts(self, x0: float, x1: float) -> np.ndarray:
        """Rows of each lane overlapping [x0, x1] (start <= x1 and end >= x0), as ``visible_rows`` lists them."""
        lanes = np.arange(self.n_lanes, dtype=np.int64)
        started = np.searchsorted(self.start, self.keys(lanes, x1), side="right")
        ended = np.searchsorted(self.end, self.keys(lanes, x0), side="left")
        return started - ended  # the lanes' offsets in both arrays are equal and cancel

    def density(self, lanes: np.ndarray, x0: float, x1: float, n_bins: int) -> np.ndarray:
        """As ``core.lane_density`` for every row of ``lanes`` (len(lanes) x n_bins): a bar counts in every
        bin its [start, end) overlaps; a point once, in the bin of its start, or the first bin for a day
        begun before x0."""
        edges = x0 + np.arange(n_bins + 1) * ((x1 - x0) / n_bins)
        keys = self.keys(lanes, edges)
        # Bars in bin k: started before its end, minus ended by its start (which also started before it).
        grid = np.searchsorted(self.bar_start, keys[:, 1:], side="left")
        grid -= np.searchsorted(self.bar_end, keys[:, :-1], side="right")
        # Points in bin k: starting in [edge k, edge k + 1).
        starts = np.searchsorted(self.point_start, keys, side="left")
        grid += np.diff(starts, axis=1)
        # Points begun (at most a day) before x0 and still running at x0 count in the first bin.
        lo = np.searchsorted(self.point_start, self.keys(lanes, x0 - POINT_SECONDS), side="left")
        lengths = starts[:, 0] - lo
        if lengths.any():
            total = int(lengths.sum())
            owner = np.repeat(np.arange(len(lanes)), lengths)
            at = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths) + np.repeat(lo, lengths)
            running = self.point_end[at] > self.keys(lanes, x0)[owner]
            grid[:, 0] += np.bincount(owner[running], minlength=len(lanes))
        return grid


_lane_times: tuple[weakref.ref, LaneTimes] | None = None


def lane_times(index: TimelineIndex) -> LaneTimes:
    """The ``LaneTimes`` of ``index``, built on first use and kept while the index's arrays live (the cache
    holds a weak reference to ``index.start`` only, never the index or its dataset)."""
    global _lane_times
    if _lane_times is None or _lane_times[0]() is not index.start:
        _lane_times = (weakref.ref(index.start), LaneTimes(index))
    return _lane_times[1]


def make_plan(index: TimelineIndex, geometry: ViewGeometry, label_width, *, label_px_font: float) -> FramePlan:
    """Compute a frame. ``label_width(rows) -> np.ndarray`` measures label texts in pixels (cached by the
    caller); only rows in lanes that are not aggregated are ever measured."""
    plan = FramePlan.empty(geometry)
    if not len(index) or not geometry.x1 > geometry.x0:
        return plan
    times = lane_times(index)
    counts = times.counts(geometry.x0, geometry.x1)
    aggregated = np.asarray(should_aggregate(counts, geometry.width), dtype=bool) & (counts > 0)
    if aggregated.any():
        _plan_density(plan, times, geometry, np.flatnonzero(aggregated), counts)
    if not (counts[~aggregated] > 0).any():
        return plan
    rows = index.visible_rows(geometry.x0, geometry.x1)
    if aggregated.any():
        rows = rows[~aggregated[index.lane[rows]]]
    if len(rows):
        _plan_marks(plan, index, rows, geometry)
        if geometry.lane_height >= LABEL_ROW_PX + label_px_font:
            _plan_labels(plan, index, geometry, label_width, label_px_font)
    return plan


def _plan_marks(plan: FramePlan, index: TimelineIndex, rows: np.ndarray, g: ViewGeometry) -> None:
    left = g.x_px(index.start[rows])
    right = g.x_px(index.end[rows])
    plan.rows = rows
    plan.is_bar = (right - left) >= MIN_BAR_PX
    plan.bar_left, plan.bar_right = left, right
    plan.centre_x = np.where(plan.is_bar, left, (left + right) / 2)
    subrow = np.where(plan.is_bar, index.subrow[rows], 0)
    plan.y = g.lane_tops[index.lane[rows]] + MARK_ROW_PX + subrow * SUBROW_PX
    plan.kind = index.kind[rows]
    plan.fuzzy = index.fuzzy[rows]
    plan.coarse = index.precision[rows] < Precision.DAY  # spans its month or year: drawn as a span


def _plan_labels(plan: FramePlan, index: TimelineIndex, g: ViewGeometry, label_width, line_px: float) -> None:
    """Pack labels on one text row per lane, or two when the lanes are tall enough: marks that find no room
    on the first row get a second chance on the second; "+N" counts come from the last row tried."""
    lanes = index.lane[plan.rows].astype(np.int64)
    widths = np.asarray(label_width(plan.rows), np.float64)
    importance = index.importance[plan.rows]
    rows_per_lane = 2 if g.lane_height >= LABEL_ROW_PX + 2 * line_px + 2 else 1
    candidates = np.arange(len(plan.rows))
    parts: list[tuple[np.ndarray, ...]] = []
    for text_row in range(rows_per_lane):
        last = text_row == rows_per_lane - 1
        layout = pack_labels(plan.centre_x[candidates] - g.left, widths[candidates], lanes[candidates],
                             importance[candidates], g.width)
        shown = candidates[layout.rows]
        offset = LABEL_ROW_PX + text_row * line_px
        badges = layout.badge if last else np.zeros(len(shown), np.int64)
        parts.append((plan.rows[shown], layout.x + g.left, g.lane_tops[lanes[shown]] + offset, layout.width,
                      badges))
        if last and len(layout.badge_x):
            parts.append((np.full(len(layout.badge_x), -1, np.int64), layout.badge_x + g.left,
                          g.lane_tops[layout.badge_track] + offset, np.zeros(len(layout.badge_x)),
                          layout.badge_count))
        remaining = np.ones(len(plan.rows), bool)
        remaining[shown] = False
        candidates = candidates[remaining[candidates]]
        if not len(candidates):
            break
    if parts:
        row, x, top, width, badge = (np.concatenate(column) for column in zip(*parts, strict=True))
        plan.label_row, plan.label_x, plan.label_top = row.astype(np.int64), x, top
        plan.label_width, plan.label_badge = width, badge.astype(np.int64)


def _plan_density(plan: FramePlan, times: LaneTimes, g: ViewGeometry, lanes: np.ndarray, counts) -> None:
    n_bins = max(1, int(g.width // BIN_PX))
    grid = times.density(lanes, g.x0, g.x1, n_bins)
    peak = grid.max(axis=1)
    keep = peak > 0
    lanes, grid, peak = lanes[keep], grid[keep], peak[keep]
    plan.density_lane = lanes
    plan.density_top = g.lane_tops[lanes] + DENSITY_TOP_PX
    plan.density_count = counts[lanes].astype(np.int64)
    plan.density_x = g.left + np.arange(n_bins) * (g.width / n_bins)
    plan.density_caption_x = float(g.left)
    # The strip sits under a one-line caption ("1,546 events here: zoom in to see each one").
    plan.density_heights = np.sqrt(grid / peak[:, None]) * max(g.lane_height - DENSITY_TOP_PX - 4, 4)

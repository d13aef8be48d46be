"""FramePlan: what the canvas draws for one view window, in device pixels, computed from the timeline index.

Made when the window, size or data change (never inside paint): the visible slice by binary search, lanes
that switch to density when too crowded, label packing with "+N" counts, and the arrays paint replays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core import TimelineIndex, lane_density, pack_labels, should_aggregate
from ..model import Precision

DAY = 86_400.0
BIN_PX = 4
MARK_ROW_PX = 14      # mark centre below the lane's top
SUBROW_PX = 9         # extra offset per sub-row for overlapping bars
LABEL_ROW_PX = 24     # label text top below the lane's top
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

    @property
    def sx(self) -> float:
        return self.width / max(self.x1 - self.x0, 1e-9)

    def x_px(self, t: np.ndarray) -> np.ndarray:
        return (t - self.x0) * self.sx + self.left


@dataclass
class FramePlan:
    rows: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))   # rows drawn as marks
    centre_x: np.ndarray = field(default_factory=lambda: np.empty(0))
    y: np.ndarray = field(default_factory=lambda: np.empty(0))
    bar_left: np.ndarray = field(default_factory=lambda: np.empty(0))
    bar_right: np.ndarray = field(default_factory=lambda: np.empty(0))
    is_bar: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    kind: np.ndarray = field(default_factory=lambda: np.empty(0, np.int8))
    fuzzy: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    coarse: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    labels: list[tuple[int, float, float, float, int]] = field(default_factory=list)  # row, x, y, width, +N
    density: list[tuple[int, np.ndarray, np.ndarray, float]] = field(default_factory=list)  # lane, x, h, top
    aggregated_counts: list[tuple[int, int, float]] = field(default_factory=list)  # lane, events, caption x
    lane_tops: np.ndarray = field(default_factory=lambda: np.empty(0))
    lane_height: float = 0.0

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


def make_plan(index: TimelineIndex, geometry: ViewGeometry, label_width, *, label_px_font: float) -> FramePlan:
    """Compute a frame. ``label_width(rows) -> np.ndarray`` measures label texts in pixels (cached by the
    caller); only rows in lanes that are not aggregated are ever measured."""
    plan = FramePlan(lane_tops=geometry.lane_tops, lane_height=geometry.lane_height)
    rows = index.visible_rows(geometry.x0, geometry.x1)
    if not len(rows):
        return plan
    n_lanes = len(index.lane_labels)
    lanes = index.lane[rows]
    counts = np.bincount(lanes, minlength=n_lanes)
    aggregated = np.array([should_aggregate(int(c), geometry.width) for c in counts], dtype=bool)
    if aggregated.any():
        _plan_density(plan, index, rows, geometry, aggregated, counts)
    rows = rows[~aggregated[lanes]]
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
    widths = label_width(plan.rows)
    rows_per_lane = 2 if g.lane_height >= LABEL_ROW_PX + 2 * line_px + 2 else 1
    candidates = np.arange(len(plan.rows))
    for text_row in range(rows_per_lane):
        last = text_row == rows_per_lane - 1
        layout = pack_labels(plan.centre_x[candidates] - g.left, widths[candidates], lanes[candidates],
                             index.importance[plan.rows[candidates]], g.width)
        shown = candidates[layout.rows]
        offset = LABEL_ROW_PX + text_row * line_px
        badges = layout.badge if last else np.zeros(len(shown), np.int64)
        for position, x, width, extra in zip(shown, layout.x, layout.width, badges, strict=True):
            top = g.lane_tops[lanes[position]] + offset
            plan.labels.append((int(plan.rows[position]), float(x + g.left), float(top), float(width), int(extra)))
        if last:
            for x, lane, count in zip(layout.badge_x, layout.badge_track, layout.badge_count, strict=True):
                plan.labels.append((-1, float(x + g.left), float(g.lane_tops[lane] + offset), 0.0, int(count)))
        candidates = np.setdiff1d(candidates, shown, assume_unique=True)
        if not len(candidates):
            break


def _plan_density(plan, index, rows, g: ViewGeometry, aggregated, counts) -> None:
    n_bins = max(1, int(g.width // BIN_PX))
    grid = lane_density(index, rows, g.x0, g.x1, n_bins)
    xs = g.left + np.arange(n_bins) * (g.width / n_bins)
    for lane in np.flatnonzero(aggregated):
        bins = grid[lane]
        if not bins.any():
            continue
        # The strip sits under a one-line caption ("1,546 events here: zoom in to see each one").
        heights = np.sqrt(bins / bins.max()) * max(g.lane_height - DENSITY_TOP_PX - 4, 4)
        plan.density.append((int(lane), xs, heights, float(g.lane_tops[lane] + DENSITY_TOP_PX)))
        plan.aggregated_counts.append((int(lane), int(counts[lane]), float(g.left)))


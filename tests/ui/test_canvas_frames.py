"""What one frame of the timeline canvas draws: marks where the new window puts them, labels that fit short
lanes without covering symbols, lane separators and a light grid drawn by the marks item, a readable axis."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import numpy as np
import pyqtgraph as pg
import pytest
from core.make_dataset import event, make_dataset
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetricsF

from timeline_app.core import TimelineIndex
from timeline_app.ui.frame_plan import BAR_HEIGHT_PX, MARK_ROW_PX
from timeline_app.ui.kind_style import KIND_ORDER, SYMBOL_PX
from timeline_app.ui.time_axis import PAD_PX, TimeAxisItem
from timeline_app.ui.timeline_canvas import TimelineCanvas, lane_kind_codes

DAY = 86_400.0


def _t(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


def _dataset():
    """Three events a week apart in every kind, with titles long enough to collide, over spring 2017."""
    events = []
    for k, kind in enumerate(KIND_ORDER):
        for i in range(3):
            events.append(event(f"{kind.value}-{i}", f"2017-04-{1 + 7 * i + k % 5:02d}", kind.value,
                                title=f"{kind.value} number {i} with a fairly long title"))
    events.append(event("siege", "2017-04-02/2017-04-20", "attack", title="A long siege"))
    return make_dataset(events)


@pytest.fixture
def canvas(qtbot):
    widget = TimelineCanvas()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    index = TimelineIndex.build(_dataset())
    dataset_titles = {e.id: e.title for e in _dataset().events}
    titles = [dataset_titles[index.event_id(r)] for r in range(len(index))]
    widget.set_index(index, titles, str, lane_kind_codes(index, True))
    widget.set_visible_range(_t(2017, 3, 28), _t(2017, 4, 28))
    widget.flush_plan()
    return widget


def _view_x(canvas: TimelineCanvas, t: float) -> float:
    scene = canvas.getPlotItem().getViewBox().mapViewToScene(QPointF(t, 0))
    return canvas.mapFromScene(scene).x()


def _set_lane_height(canvas: TimelineCanvas, qtbot, lane_px: float) -> None:
    """Resize the canvas so that its lanes are about ``lane_px`` tall (what a 1366x768 window leaves them)."""
    for _ in range(3):
        canvas.flush_plan()
        lanes = len(canvas.index.lane_labels)
        error = lane_px - canvas.marks.plan.lane_height
        if abs(error) < 0.3:
            return
        canvas.resize(canvas.width(), canvas.height() + round(error * lanes))
        qtbot.waitUntil(lambda: abs(canvas.viewport().height() - canvas.height()) < 4)
    assert abs(canvas.marks.plan.lane_height - lane_px) < 0.5


def test_a_plan_made_right_after_a_new_window_uses_that_windows_mapping(canvas):
    # No event processed between the new window and the plan: the view box has not painted, and its
    # transform would still be the previous window's unless the canvas brings it up to date.
    canvas.set_visible_range(_t(2017, 4, 5), _t(2017, 4, 12))
    canvas.flush_plan()
    plan, index = canvas.marks.plan, canvas.index
    assert len(plan.rows) >= 5
    for i, row in enumerate(plan.rows):
        assert plan.bar_left[i] == pytest.approx(_view_x(canvas, float(index.start[row])), abs=0.5)
        assert plan.bar_right[i] == pytest.approx(_view_x(canvas, float(index.end[row])), abs=0.5)


def test_short_lanes_still_get_one_row_of_labels_that_cover_no_symbol(canvas, qtbot):
    _set_lane_height(canvas, qtbot, 36.5)  # 11 kind lanes at 1366x768
    canvas.flush_plan()
    plan = canvas.marks.plan
    text_px = QFontMetricsF(canvas.font()).height()
    shown = plan.label_row >= 0
    assert shown.sum() >= len(KIND_ORDER)  # at least one label in every lane
    lane_of_top = np.searchsorted(plan.lane_tops, plan.label_top, side="right") - 1
    offsets = plan.label_top - plan.lane_tops[lane_of_top]
    assert len(set(np.round(offsets, 6))) == 1  # one label row per lane
    assert (offsets + text_px <= plan.lane_height).all()  # inside the lane
    # Label boxes against each symbol and each bar of the marks' row: never overlapping.
    label_boxes = [(x, top, x + width, top + text_px) for x, top, width in
                   zip(plan.label_x, plan.label_top, plan.label_width, strict=True)]
    half = SYMBOL_PX / 2
    mark_boxes = [(plan.centre_x[i] - half, plan.y[i] - half, plan.centre_x[i] + half, plan.y[i] + half)
                  for i in np.flatnonzero(~plan.is_bar)]
    first_row = plan.is_bar & np.isclose(plan.y - plan.lane_tops[canvas.index.lane[plan.rows]], MARK_ROW_PX)
    mark_boxes += [(plan.bar_left[i], plan.y[i] - BAR_HEIGHT_PX / 2, plan.bar_right[i], plan.y[i] + BAR_HEIGHT_PX / 2)
                   for i in np.flatnonzero(first_row)]
    assert mark_boxes
    for a in label_boxes:
        for b in label_boxes + mark_boxes:
            if a is not b:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_tall_lanes_get_two_rows_of_labels(canvas, qtbot):
    _set_lane_height(canvas, qtbot, 60)
    plan = canvas.marks.plan
    offsets = plan.label_top - plan.lane_tops[np.searchsorted(plan.lane_tops, plan.label_top, side="right") - 1]
    assert len(set(np.round(offsets, 6))) == 2


def test_lane_separators_and_grid_are_drawn_by_the_marks_item(canvas):
    plot = canvas.getPlotItem()
    assert not [item for item in plot.items if isinstance(item, pg.InfiniteLine)]
    window = _t(2017, 5, 25), _t(2017, 7, 15)
    canvas.set_visible_range(*window)  # no event: lanes and grid only
    canvas.flush_plan()
    image = canvas.grab().toImage()
    plan = canvas.marks.plan
    left, _top, right, _bottom = plan.view_rect
    white = QColor("white")
    boundary = round(plan.lane_tops[3])
    x = round((left + right) / 2) + 3
    between = [y for y in range(boundary - 3, boundary + 4) if image.pixelColor(x, y) != white]
    assert between and max(between) - min(between) <= 1  # one line a pixel wide
    ticks = [v for _spacing, values in canvas.getPlotItem().getAxis("bottom").tick_levels(*window, right - left)
             for v in values]
    assert ticks
    y = round(plan.lane_tops[5] + plan.lane_height / 2)
    for t in ticks:
        x = round(_view_x(canvas, t))
        assert any(image.pixelColor(x + dx, y) != white for dx in (-1, 0, 1)), t  # a grid line at the tick
    assert image.pixelColor(round(_view_x(canvas, (ticks[0] + ticks[1]) / 2)), y) == white


@pytest.fixture
def axis(qapp):
    item = TimeAxisItem()
    font = qapp.font()
    font.setPointSizeF(10.0)  # the canvas's
    item.setStyle(tickFont=font)
    return item


def _labels(axis: TimeAxisItem, t0: float, t1: float, size: float) -> list[tuple[float, str]]:
    labelled = []
    for spacing, values in axis.tick_levels(t0, t1, size):
        for v, text in zip(values, axis.tickStrings(values, 1.0, spacing), strict=True):
            if text:
                labelled.append(((v - t0) / (t1 - t0) * size, text))
    return sorted(labelled)


WINDOWS = {"whole": (_t(1989, 1, 1), _t(2026, 6, 1)), "10 years": (_t(2008, 3, 1), _t(2018, 3, 1)),
           "year": (_t(2016, 5, 10), _t(2017, 5, 10)), "month": (_t(2016, 5, 10), _t(2016, 6, 10)),
           "week": (_t(2016, 5, 10), _t(2016, 5, 17)), "day": (_t(2016, 5, 10, 7), _t(2016, 5, 11, 7))}


@pytest.mark.parametrize("size", [300, 554, 1216])
@pytest.mark.parametrize("name", list(WINDOWS))
def test_axis_labels_never_overlap(axis, name, size):
    t0, t1 = WINDOWS[name]
    labelled = _labels(axis, t0, t1, size)
    assert labelled
    width = QFontMetricsF(axis.style["tickFont"]).horizontalAdvance
    for (xa, a), (xb, b) in pairwise(labelled):
        assert xb - xa >= (width(a) + width(b)) / 2 + PAD_PX / 2, (a, b)


def test_axis_adapts_from_decades_to_hours_with_few_ticks(axis):
    def texts(name):
        return [text for _x, text in _labels(axis, *WINDOWS[name], 554)]

    assert texts("whole") == ["1990", "1995", "2000", "2005", "2010", "2015", "2020", "2025"]
    assert texts("10 years") == [str(y) for y in range(2009, 2019)]
    # The first label says where the window starts; one it would crowd ("Jul" here) is left out.
    assert texts("year") == ["Jun 2016", "Aug", "Sep", "Oct", "Nov", "Dec", "2017", "Feb", "Mar", "Apr", "May"]
    assert texts("month") == ["15 May 2016", "20", "25", "Jun 2016", "5", "10"]
    assert texts("week") == ["11 May 2016", "12", "13", "14", "15", "16", "17"]
    assert texts("day") == ["10 May 2016 12:00", "18:00", "11 May 2016", "06:00"]
    for t0, t1 in WINDOWS.values():  # at most a tick every 25 px, grid included
        assert sum(len(values) for _spacing, values in axis.tick_levels(t0, t1, 554)) <= 554 / 25


def test_axis_ticks_stay_on_calendar_boundaries_while_panning(axis):
    quarters = set()
    for k in range(20):
        t0 = _t(2015, 1, 1) + k * 11 * DAY
        for _spacing, values in axis.tick_levels(t0, t0 + 3 * 365 * DAY, 554)[1:]:
            quarters |= {datetime.fromtimestamp(v, UTC).month for v in values}
    assert quarters and quarters <= {4, 7, 10}

"""TimelineCanvas: the zoomable timeline (pyqtgraph), lanes by kind, actor or one lane, drawn from the index."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import QToolTip

from ..core import TimelineIndex
from ..core import kind_label as core_kind_label
from .frame_plan import DAY, FramePlan, ViewGeometry, make_plan
from .kind_style import KIND_ORDER
from .marks_item import MarksItem
from .rich_text import tooltip_text
from .time_axis import TimeAxisItem

ZOOM_STEP = 1.5
_KEY_ZOOM = {Qt.Key.Key_Plus: 1 / ZOOM_STEP, Qt.Key.Key_Equal: 1 / ZOOM_STEP, Qt.Key.Key_Minus: ZOOM_STEP}


class TimelineCanvas(pg.PlotWidget):
    """The timeline. Signals: ``selectionRequested(str)`` (a click, or Left/Right/Home/End moved it),
    ``detailsRequested(str)`` (Enter or a double click on an event), ``windowChanged(float, float)``
    (the visible time window in UTC seconds, after any pan or zoom)."""

    selectionRequested = Signal(str)
    detailsRequested = Signal(str)
    windowChanged = Signal(float, float)

    def __init__(self, parent=None) -> None:
        self._time_axis = TimeAxisItem("bottom")
        super().__init__(parent, background="w", axisItems={"bottom": self._time_axis})
        self._index: TimelineIndex | None = None
        self._titles: list[str] = []
        self._tooltip_of: Callable[[int], str] = str
        self._label_widths = np.empty(0)
        self._selected_id: str | None = None
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        self._font = font
        self._metrics = QFontMetricsF(font)
        self._setup_plot()
        self._set_lanes(())  # no numbers on an empty canvas
        self._plan_timer = QTimer(self, singleShot=True, interval=0)
        self._plan_timer.timeout.connect(self._update_plan)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _setup_plot(self) -> None:
        plot = self.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        view = plot.getViewBox()
        view.setMouseEnabled(x=True, y=False)
        view.invertY(True)
        view.disableAutoRange()
        view.setDefaultPadding(0)
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setTextPen(pg.mkPen("#1b1b1b"))
            axis.setPen(pg.mkPen("#8a8a8a"))
            axis.setStyle(tickFont=self._font)
        plot.getAxis("left").setWidth(150)
        plot.getAxis("left").enableAutoSIPrefix(False)  # lane numbers: no "(x1e3)" label rebuilt on range changes
        # The lane separators and the time grid are drawn by the marks item, from the plan's lane tops and
        # the axis's ticks: separate line items, and the axis drawing a grid into its picture, cost more.
        self.marks = MarksItem(self._font)
        plot.addItem(self.marks)
        view.sigXRangeChanged.connect(self._schedule_plan)
        view.sigResized.connect(self._schedule_plan)
        self.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)

    # --- data ----------------------------------------------------------------------------------------
    def set_index(self, index: TimelineIndex | None, titles: list[str], tooltip_of: Callable[[int], str],
                  lane_kinds: np.ndarray) -> None:
        """Show ``index``; ``titles`` are per index row, ``tooltip_of(row)`` gives a row's tooltip text (made on
        hover: 100,000 strings made up front cost half a second), ``lane_kinds`` colours each lane."""
        self._index = index
        self._titles = titles
        self._tooltip_of = tooltip_of
        self._label_widths = np.full(len(titles), np.nan)
        self.marks.set_titles(titles, lane_kinds)
        self._set_lanes(index.lane_labels if index is not None else ())
        if index is not None and index.span[1] > index.span[0]:
            first, last = index.span
            margin = max((last - first) * 0.04, 30 * DAY)
            view = self.getPlotItem().getViewBox()
            view.setLimits(xMin=first - margin * 3, xMax=last + margin * 3, minXRange=DAY,
                           maxXRange=(last - first) + margin * 6)
        self._selected_row_changed()
        self._schedule_plan()

    def _set_lanes(self, labels: tuple[str, ...]) -> None:
        plot = self.getPlotItem()
        plot.getAxis("left").setTicks([[(i, label) for i, label in enumerate(labels)], []])
        plot.getViewBox().setYRange(-0.5, max(len(labels), 1) - 0.5, padding=0)

    @property
    def index(self) -> TimelineIndex | None:
        return self._index

    # --- the visible window --------------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.getPlotItem().getViewBox().viewRange()
        return float(x0), float(x1)

    def set_visible_range(self, x0: float, x1: float) -> None:
        self.getPlotItem().getViewBox().setXRange(x0, x1, padding=0)

    def fit_all(self) -> None:
        if self._index is None:
            return
        first, last = self._index.span
        margin = max((last - first) * 0.03, 15 * DAY)
        self.set_visible_range(first - margin, last + margin)

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Scale the window by ``factor`` (<1 zooms in) keeping time ``around`` at the same place."""
        x0, x1 = self.visible_range()
        centre = (x0 + x1) / 2 if around is None else around
        self.set_visible_range(centre - (centre - x0) * factor, centre + (x1 - centre) * factor)

    def ensure_row_visible(self, row: int) -> None:
        x0, x1 = self.visible_range()
        start, end = float(self._index.start[row]), float(self._index.end[row])
        if start >= x0 and end <= x1 and x0 + (x1 - x0) * 0.05 <= start:
            return
        width = x1 - x0
        if end - start > width * 0.9:
            width = (end - start) / 0.8
        self.set_visible_range(start - width * 0.3, start + width * 0.7)

    # --- selection -----------------------------------------------------------------------------------
    def set_selected(self, event_id: str | None) -> None:
        self._selected_id = event_id
        self._selected_row_changed()

    def _selected_row_changed(self) -> None:
        row = None
        if self._index is not None and self._selected_id is not None:
            row = self._index.row_of(self._selected_id)
        self.marks.set_selected_row(row)

    def selected_row(self) -> int | None:
        if self._index is None or self._selected_id is None:
            return None
        return self._index.row_of(self._selected_id)

    # --- frame plans ---------------------------------------------------------------------------------
    def _schedule_plan(self, *_args) -> None:
        if not self._plan_timer.isActive():
            self._plan_timer.start()

    def _update_plan(self) -> None:
        x0, x1 = self.visible_range()
        geometry = self._geometry(x0, x1)
        if self._index is not None:
            plan = make_plan(self._index, geometry, self._measure, label_px_font=self._metrics.height())
        else:
            plan = FramePlan.empty(geometry)
        grid = [geometry.x_px(np.asarray(values, np.float64))
                for _spacing, values in self._time_axis.tick_levels(x0, x1, geometry.width)]
        self.marks.prepareGeometryChange()
        self.marks.set_plan(plan, grid)
        self.windowChanged.emit(x0, x1)

    def flush_plan(self) -> None:
        """Compute the pending frame plan now (tests and benchmarks call this instead of waiting)."""
        if self._plan_timer.isActive():
            self._plan_timer.stop()
        self._update_plan()

    def _geometry(self, x0: float, x1: float) -> ViewGeometry:
        # The view box applies a new range to its transform lazily (before it paints): bring it up to date,
        # or a plan made right after a pan or zoom would use the previous frame's mapping.
        self.getPlotItem().getViewBox().updateMatrix()
        transform = self.marks.deviceTransform(self.viewportTransform())
        left = transform.map(QPointF(x0, 0)).x()
        right = transform.map(QPointF(x1, 0)).x()
        n_lanes = len(self._index.lane_labels) if self._index is not None else 0
        # An axis-aligned mapping: y_px = m22 * y + dy (what transform.map gives for x = 0), for all lanes at once.
        # The view shows lanes -0.5 to n - 0.5 (one lane's room when there are none).
        tops = transform.m22() * (np.arange(max(n_lanes, 1) + 1) - 0.5) + transform.dy()
        height = float(tops[1] - tops[0]) if n_lanes else 0.0
        return ViewGeometry(x0, x1, left, right - left, tops[:n_lanes], height, float(tops[0]), float(tops[-1]))

    def _measure(self, rows: np.ndarray) -> np.ndarray:
        unknown = rows[np.isnan(self._label_widths[rows])]
        for row in unknown:  # measured once per row and dataset; only rows ever labelled get measured
            self._label_widths[row] = self._metrics.horizontalAdvance(self._titles[row])
        return self._label_widths[rows]

    # --- input ---------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _KEY_ZOOM:
            row = self.selected_row()
            around = None
            if row is not None and self._row_in_view(row):
                around = float(self._index.start[row])
            self.zoom(_KEY_ZOOM[key], around)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_F):
            self.fit_all()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            self._step_selection(key)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected_id is not None:
            self.detailsRequested.emit(self._selected_id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _row_in_view(self, row: int) -> bool:
        x0, x1 = self.visible_range()
        return x0 <= self._index.start[row] <= x1

    def _step_selection(self, key: Qt.Key) -> None:
        index = self._index
        if index is None or not len(index.start):
            return
        row = self.selected_row()
        if key == Qt.Key.Key_Home or (row is None and key == Qt.Key.Key_Right):
            target = 0
        elif key == Qt.Key.Key_End or (row is None and key == Qt.Key.Key_Left):
            target = len(index.start) - 1
        else:
            target = index.next_row(row) if key == Qt.Key.Key_Right else index.previous_row(row)
        if target is None:
            return
        event_id = index.event_id(target)
        self.set_selected(event_id)
        self.ensure_row_visible(target)
        self.selectionRequested.emit(event_id)

    def viewportEvent(self, event: QEvent) -> bool:
        # Trackpad pinch (a native zoom gesture) zooms around the fingers, like the wheel does.
        if event.type() == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            point = self.getPlotItem().getViewBox().mapSceneToView(self.mapToScene(event.position().toPoint()))
            # value is the change of scale since the last event (positive: fingers apart); exp keeps the
            # factor positive however large a step a driver reports
            self.zoom(math.exp(-float(event.value())), point.x())
            return True
        return super().viewportEvent(event)

    def _row_at_scene(self, scene_pos: QPointF) -> int | None:
        view_pos = self.mapFromScene(scene_pos)  # viewport pixels, the plan's coordinates
        return self.marks.plan.hit(float(view_pos.x()), float(view_pos.y()))

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        row = self._row_at_scene(scene_pos)
        self.marks.set_hover_row(row)
        if row is None:
            QToolTip.hideText()
            self.viewport().unsetCursor()
            return
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        global_pos = self.viewport().mapToGlobal(self.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, tooltip_text(self._tooltip_of(row)), self)

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        row = self._row_at_scene(event.scenePos())
        if row is None:
            return
        event_id = self._index.event_id(row)
        self.set_selected(event_id)
        self.selectionRequested.emit(event_id)
        if event.double():
            self.detailsRequested.emit(event_id)
        event.accept()


def lane_kind_codes(index: TimelineIndex, by_kind: bool) -> np.ndarray:
    """The kind code that colours each lane's density strip (-1 for grey when lanes are not kinds)."""
    if not by_kind:
        return np.full(len(index.lane_labels), -1, np.int8)
    codes = {core_kind_label(kind): code for code, kind in enumerate(KIND_ORDER)}
    return np.array([codes.get(label, -1) for label in index.lane_labels], np.int8)

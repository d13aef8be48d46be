"""OverviewStrip: a thin view of the whole span (event density) with the current window, draggable."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal

from ..core import TimelineIndex
from .time_axis import TimeAxisItem

_BINS = 240


class OverviewStrip(pg.PlotWidget):
    """Signals: ``windowRequested(float, float)`` when the user drags or resizes the window box."""

    windowRequested = Signal(float, float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w", axisItems={"bottom": TimeAxisItem("bottom")})
        self.setFixedHeight(70)
        plot = self.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.getAxis("bottom").setTextPen(pg.mkPen("#1b1b1b"))
        left = plot.getAxis("left")  # as wide as the canvas's lane names, so both time axes line up
        left.setWidth(150)
        left.setStyle(showValues=False, tickLength=0)
        left.setPen(pg.mkPen(None))
        view = plot.getViewBox()
        view.setMouseEnabled(x=False, y=False)
        view.disableAutoRange()
        self._bars = pg.BarGraphItem(x=[], height=[], width=1, brush="#9aa7b8", pen=None)
        plot.addItem(self._bars)
        self.region = pg.LinearRegionItem(brush=(11, 87, 208, 45), pen=pg.mkPen("#0b57d0", width=2))
        self.region.setZValue(10)
        plot.addItem(self.region)
        self._updating = False
        self.region.sigRegionChanged.connect(self._on_region_changed)

    def set_index(self, index: TimelineIndex | None) -> None:
        if index is None or not len(index.start) or index.span[1] <= index.span[0]:
            self._bars.setOpts(x=[], height=[])
            return
        first, last = index.span
        counts, edges = np.histogram(index.start, bins=_BINS, range=(first, last))
        heights = np.sqrt(counts)  # square root: a few busy months must not flatten the rest
        self._bars.setOpts(x=(edges[:-1] + edges[1:]) / 2, height=heights, width=(last - first) / _BINS * 0.9)
        plot = self.getPlotItem()
        plot.getViewBox().setXRange(first, last, padding=0.02)
        plot.getViewBox().setYRange(0, max(float(heights.max()), 1.0) * 1.1, padding=0)

    def show_window(self, x0: float, x1: float) -> None:
        self._updating = True
        try:
            self.region.setRegion((x0, x1))
        finally:
            self._updating = False

    def _on_region_changed(self) -> None:
        if not self._updating:
            x0, x1 = self.region.getRegion()
            self.windowRequested.emit(float(x0), float(x1))

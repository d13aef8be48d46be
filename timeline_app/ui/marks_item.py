"""MarksItem: draws a FramePlan in device pixels with batched calls (one graphics item for all events)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen

from .frame_plan import BAR_HEIGHT_PX, FramePlan
from .kind_style import KIND_ORDER, KIND_STYLES, SymbolAtlas

_PrimitiveArray = pg.Qt.internals.PrimitiveArray  # pyqtgraph's zero-copy arrays of QRectF / fragments


class MarksItem(pg.GraphicsObject):
    """Paints symbols, interval bars, density strips, labels and the selection ring of the current plan.

    Paint only replays arrays prepared by ``set_plan``; pens, brushes, fonts and the symbol atlas are built
    once (the atlas again when the device pixel ratio changes)."""

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self._plan = FramePlan()
        self._titles: list[str] = []
        self._selected_row: int | None = None
        self._hover_row: int | None = None
        self._atlas: SymbolAtlas | None = None
        self._font = QFont(font)
        self._badge_font = QFont(font)
        self._badge_font.setBold(True)
        self._metrics = QFontMetricsF(self._font)
        self._rects = _PrimitiveArray(QRectF, 4)
        self._fragments = _PrimitiveArray(QPainter.PixmapFragment, 10)
        self._bar_brushes = {code: QBrush(QColor(KIND_STYLES[k].colour).lighter(115)) for code, k in
                             enumerate(KIND_ORDER)}
        self._coarse_brushes = {code: QBrush(_alpha(KIND_STYLES[k].colour, 70)) for code, k in
                                enumerate(KIND_ORDER)}
        self._density_brushes = {code: QBrush(_alpha(KIND_STYLES[k].colour, 150)) for code, k in
                                 enumerate(KIND_ORDER)}
        self._text_pen = QPen(QColor("#1b1b1b"))
        self._label_backing = QColor(255, 255, 255, 215)
        self._muted_pen = QPen(QColor("#505050"))
        self._ring_pen = QPen(QColor("#000000"), 2.5)
        self._hover_pen = QPen(QColor("#0b57d0"), 2)
        self._lane_kinds: np.ndarray = np.zeros(0, np.int8)
        self.setFlag(self.GraphicsItemFlag.ItemIgnoresTransformations, False)

    # --- data in -------------------------------------------------------------------------------------
    def set_titles(self, titles: list[str], lane_kinds: np.ndarray) -> None:
        """Label text per row of the index, and the kind code colouring each lane's density (-1: grey)."""
        self._titles = titles
        self._lane_kinds = lane_kinds

    def set_plan(self, plan: FramePlan) -> None:
        self._plan = plan
        self.update()

    def set_selected_row(self, row: int | None) -> None:
        self._selected_row = row
        self.update()

    def set_hover_row(self, row: int | None) -> None:
        if row != self._hover_row:
            self._hover_row = row
            self.update()

    @property
    def plan(self) -> FramePlan:
        return self._plan

    # --- Qt ------------------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        # The item draws over the whole view in device coordinates; its bounds are the view's rectangle.
        view = self.getViewBox()
        return QRectF() if view is None else self.mapRectFromParent(view.viewRect())

    def paint(self, painter: QPainter, *_args) -> None:
        plan = self._plan
        painter.save()
        painter.resetTransform()  # plans are in device pixels
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        if self._atlas is None or self._atlas.dpr != dpr:
            self._atlas = SymbolAtlas(dpr)
        self._paint_density(painter, plan)
        self._paint_bars(painter, plan)
        self._paint_symbols(painter, plan)
        self._paint_rings(painter, plan)
        self._paint_labels(painter, plan)
        painter.restore()

    # --- painting ------------------------------------------------------------------------------------
    def _paint_density(self, painter: QPainter, plan: FramePlan) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for lane, xs, heights, top in plan.density:
            nonzero = np.flatnonzero(heights)
            self._rects.resize(len(nonzero))
            array = self._rects.ndarray()
            array[:, 0] = xs[nonzero]
            array[:, 1] = top + (heights.max() - heights[nonzero])
            array[:, 2] = max(1.0, (xs[1] - xs[0]) - 1 if len(xs) > 1 else 3)
            array[:, 3] = heights[nonzero]
            kind = int(self._lane_kinds[lane]) if lane < len(self._lane_kinds) else -1
            painter.setBrush(self._density_brushes.get(kind, QBrush(QColor(90, 90, 90, 150))))
            painter.drawRects(*self._rects.drawargs())
        painter.setFont(self._font)
        painter.setPen(self._muted_pen)
        for lane, count, left in plan.aggregated_counts:
            baseline = plan.lane_tops[lane] + 2 + self._metrics.ascent()
            painter.drawText(QPointF(left + 6, baseline), f"{count:,} events here: zoom in to see each one")

    def _paint_bars(self, painter: QPainter, plan: FramePlan) -> None:
        bars = np.flatnonzero(plan.is_bar)
        if not len(bars):
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for code in np.unique(plan.kind[bars]):
            for coarse, brushes in ((False, self._bar_brushes), (True, self._coarse_brushes)):
                chosen = bars[(plan.kind[bars] == code) & (plan.coarse[bars] == coarse) & ~plan.fuzzy[bars]]
                self._draw_bar_rects(painter, plan, chosen, brushes[int(code)])
        for i in bars[plan.fuzzy[bars]]:  # approximate dates fade out at both ends: few, drawn one by one
            left, right, y = plan.bar_left[i], plan.bar_right[i], plan.y[i]
            gradient = QLinearGradient(left, 0, right, 0)
            colour = QColor(KIND_STYLES[KIND_ORDER[int(plan.kind[i])]].colour)
            edge = QColor(colour)
            edge.setAlpha(0)
            gradient.setColorAt(0, edge)
            gradient.setColorAt(0.25, colour)
            gradient.setColorAt(0.75, colour)
            gradient.setColorAt(1, edge)
            painter.setBrush(QBrush(gradient))
            painter.drawRect(QRectF(left, y - BAR_HEIGHT_PX / 2, right - left, BAR_HEIGHT_PX))

    def _draw_bar_rects(self, painter: QPainter, plan: FramePlan, chosen: np.ndarray, brush: QBrush) -> None:
        if not len(chosen):
            return
        self._rects.resize(len(chosen))
        array = self._rects.ndarray()
        array[:, 0] = plan.bar_left[chosen]
        array[:, 1] = plan.y[chosen] - BAR_HEIGHT_PX / 2
        array[:, 2] = plan.bar_right[chosen] - plan.bar_left[chosen]
        array[:, 3] = BAR_HEIGHT_PX
        painter.setBrush(brush)
        painter.drawRects(*self._rects.drawargs())

    def _paint_symbols(self, painter: QPainter, plan: FramePlan) -> None:
        count = len(plan.rows)
        if not count:
            return
        atlas = self._atlas
        self._fragments.resize(count)
        frags = self._fragments.ndarray()
        frags[:, 0] = plan.centre_x
        frags[:, 1] = plan.y
        frags[:, 2] = plan.kind.astype(np.float64) * atlas.cell_px
        frags[:, 3] = 0
        frags[:, 4] = atlas.cell_px
        frags[:, 5] = atlas.cell_px
        frags[:, 6:10] = [1 / atlas.dpr, 1 / atlas.dpr, 0.0, 1.0]
        painter.drawPixmapFragments(*self._fragments.drawargs(), atlas.pixmap)

    def _paint_rings(self, painter: QPainter, plan: FramePlan) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for row, pen in ((self._hover_row, self._hover_pen), (self._selected_row, self._ring_pen)):
            if row is None:
                continue
            found = np.flatnonzero(plan.rows == row)
            if len(found):
                i = found[0]
                painter.setPen(pen)
                painter.drawEllipse(QPointF(plan.centre_x[i], plan.y[i]), 11, 11)

    def _paint_labels(self, painter: QPainter, plan: FramePlan) -> None:
        painter.setFont(self._font)
        ascent = self._metrics.ascent()
        for row, x, top, width, extra in plan.labels:
            badge = f" +{extra}" if extra else ""
            if row < 0:
                painter.setPen(self._muted_pen)
                painter.drawText(QPointF(x, top + ascent), badge.strip())
                continue
            badge_px = self._metrics.horizontalAdvance(badge) if badge else 0.0
            text = self._metrics.elidedText(self._titles[row], Qt.TextElideMode.ElideRight, max(width - badge_px, 0))
            text_px = self._metrics.horizontalAdvance(text)
            # A light backing keeps a label readable where interval bars of the lane run under it.
            painter.fillRect(QRectF(x - 2, top, text_px + badge_px + 4, self._metrics.height()), self._label_backing)
            painter.setPen(self._text_pen)
            painter.drawText(QPointF(x, top + ascent), text)
            if badge:
                painter.setPen(self._muted_pen)
                painter.drawText(QPointF(x + text_px, top + ascent), badge)


def _alpha(colour: str, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result

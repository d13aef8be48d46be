"""MarksItem: draws a FramePlan in device pixels with batched calls (one graphics item for all events)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGradient,
    QLinearGradient,
    QPainter,
    QPen,
    QStaticText,
    QTransform,
)

from .frame_plan import BAR_HEIGHT_PX, FramePlan
from .kind_style import KIND_ORDER, KIND_STYLES, SymbolAtlas

_RECT_BYTES = 4 * 8  # a QRectF is four doubles: drawRects reads a run of them straight from a numpy array
_LINE_BYTES = 4 * 8  # so is a QLineF (x1, y1, x2, y2), for drawLines
_FRAGMENT_FIELDS = 10  # QPainter.PixmapFragment: x, y, source left, top, width, height, sx, sy, rotation, opacity
_TEXT_CACHE_SIZE = 4096


class MarksItem(pg.GraphicsObject):
    """Paints the lane separators, a light time grid, then symbols, interval bars, density strips, labels
    and the selection ring of the current plan.

    ``set_plan`` turns the plan into what paint replays: one array of rectangles (density bins, interval
    bars, label backings) drawn in runs of one brush, one array of symbol fragments drawn from the atlas in
    a single call, and the label and caption texts as ``QStaticText`` (laid out once, kept while they are
    shown). Paint makes no pen, brush, font, gradient or text layout; pens, brushes and fonts are built once,
    the symbol atlas again when the device pixel ratio changes."""

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
        self._bar_brushes = {code: QBrush(QColor(KIND_STYLES[k].colour).lighter(115)) for code, k in
                             enumerate(KIND_ORDER)}
        self._coarse_brushes = {code: QBrush(_alpha(KIND_STYLES[k].colour, 70)) for code, k in
                                enumerate(KIND_ORDER)}
        self._density_brushes = {code: QBrush(_alpha(KIND_STYLES[k].colour, 150)) for code, k in
                                 enumerate(KIND_ORDER)}
        self._density_brushes[-1] = QBrush(QColor(90, 90, 90, 150))  # lanes that are not kinds
        # Approximate dates fade out at both ends. The gradient is relative to each rectangle drawn
        # (ObjectBoundingMode), so one brush per kind serves every fuzzy bar of that kind in one call.
        self._fuzzy_brushes = {code: _fading_brush(KIND_STYLES[k].colour) for code, k in enumerate(KIND_ORDER)}
        self._text_pen = QPen(QColor("#1b1b1b"))
        self._label_backing = QBrush(QColor(255, 255, 255, 215))
        self._muted_pen = QPen(QColor("#505050"))
        self._ring_pen = QPen(QColor("#000000"), 2.5)
        self._hover_pen = QPen(QColor("#0b57d0"), 2)
        # Lane separators, then the grid at the axis's labelled boundaries (years, months...) and at the
        # finer ticks between them, fainter. Cosmetic pens: one device pixel wide.
        self._line_pens = (QPen(QColor("#d9d9d9"), 0), QPen(QColor(0, 0, 0, 30), 0), QPen(QColor(0, 0, 0, 16), 0))
        self._lane_kinds: np.ndarray = np.zeros(0, np.int8)
        self.setFlag(self.GraphicsItemFlag.ItemIgnoresTransformations, False)
        # What paint replays, made by set_plan.
        self._rects = np.empty((0, 4))
        self._parts: list[np.ndarray] = []  # the rectangles' pieces while a plan is prepared
        self._n_rects = 0
        self._under_runs: list[tuple[QBrush, int, int]] = []  # density and bars: (brush, first rect, count)
        self._backing_run: tuple[int, int] = (0, 0)  # label backings: first rect, count
        self._lines = np.empty((0, 4))
        self._line_runs: list[tuple[QPen, int, int]] = []  # (pen, first line, count)
        self._fragments = np.empty((0, _FRAGMENT_FIELDS))
        self._fragments_atlas: SymbolAtlas | None = None  # the atlas the fragments' source rectangles are for
        self._texts: list[tuple[QPointF, QStaticText]] = []  # titles
        self._muted_texts: list[tuple[QPointF, QStaticText]] = []  # captions and "+N" badges
        self._static: dict[str, tuple[QStaticText, float]] = {}  # text -> laid out text and its advance
        self._elided: dict[tuple[int, float], str] = {}  # (row, room) -> the title elided to the room

    # --- data in -------------------------------------------------------------------------------------
    def set_titles(self, titles: list[str], lane_kinds: np.ndarray) -> None:
        """Label text per row of the index, and the kind code colouring each lane's density (-1: grey)."""
        self._titles = titles
        self._lane_kinds = lane_kinds
        self._elided.clear()

    def set_plan(self, plan: FramePlan, grid: list[np.ndarray] = ()) -> None:
        """Draw ``plan``; ``grid``: x in device pixels of vertical grid lines, the axis's tick levels (coarsest
        first, the first drawn darker)."""
        self._plan = plan
        self._prepare(plan)
        self._prepare_lines(plan, grid)
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
        for pen, first, count in self._line_runs:
            painter.setPen(pen)
            painter.drawLines(shiboken6.wrapInstance(self._lines.ctypes.data + first * _LINE_BYTES, QLineF), count)
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, first, count in self._under_runs:
            painter.setBrush(brush)
            painter.drawRects(self._rect_run(first), count)
        self._paint_symbols(painter)
        self._paint_rings(painter, plan)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        first, count = self._backing_run
        if count:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._label_backing)
            painter.drawRects(self._rect_run(first), count)
        painter.setFont(self._font)
        for pen, texts in ((self._text_pen, self._texts), (self._muted_pen, self._muted_texts)):
            if texts:
                painter.setPen(pen)
                for at, text in texts:
                    painter.drawStaticText(at, text)
        painter.restore()

    # --- preparing a plan ----------------------------------------------------------------------------
    def _prepare(self, plan: FramePlan) -> None:
        """The arrays and texts paint replays for ``plan``."""
        self._parts = []
        self._n_rects = 0
        runs: list[tuple[QBrush, int, int]] = []
        self._texts, self._muted_texts = [], []
        if len(self._static) > _TEXT_CACHE_SIZE:
            self._static.clear()
        if len(self._elided) > _TEXT_CACHE_SIZE:
            self._elided.clear()
        self._prepare_density(plan, runs)
        self._prepare_bars(plan, runs)
        backing = self._prepare_labels(plan)
        self._backing_run = (self._n_rects, len(backing))
        self._parts.append(backing)
        self._rects = np.ascontiguousarray(np.concatenate(self._parts), np.float64)
        self._parts = []
        self._under_runs = runs
        self._prepare_symbols(plan)

    def _prepare_lines(self, plan: FramePlan, grid: list[np.ndarray]) -> None:
        """Horizontal lines between lanes and vertical grid lines, across the view."""
        left, top, right, bottom = plan.view_rect
        parts = [np.column_stack((np.full(len(plan.lane_tops) - 1, left), plan.lane_tops[1:],
                                  np.full(len(plan.lane_tops) - 1, right), plan.lane_tops[1:]))
                 if len(plan.lane_tops) > 1 else np.empty((0, 4))]
        for xs in list(grid)[:2]:
            xs = xs[(xs >= left) & (xs <= right)]
            parts.append(np.column_stack((xs, np.full(len(xs), top), xs, np.full(len(xs), bottom))))
        self._lines = np.ascontiguousarray(np.concatenate(parts), np.float64)
        self._line_runs, first = [], 0
        for pen, part in zip(self._line_pens, parts, strict=False):
            if len(part):
                self._line_runs.append((pen, first, len(part)))
            first += len(part)

    def _add_run(self, runs: list, brush: QBrush, rects: np.ndarray) -> None:
        if len(rects):
            runs.append((brush, self._n_rects, len(rects)))
            self._parts.append(rects)
            self._n_rects += len(rects)

    def _prepare_density(self, plan: FramePlan, runs: list) -> None:
        heights = plan.density_heights
        if not len(plan.density_lane):
            return
        strip, bin_ = np.nonzero(heights > 0)  # row-major: strip by strip
        h = heights[strip, bin_]
        xs = plan.density_x
        rects = np.empty((len(h), 4))
        rects[:, 0] = xs[bin_]
        rects[:, 1] = (plan.density_top + heights.max(axis=1))[strip] - h
        rects[:, 2] = max(1.0, (xs[1] - xs[0]) - 1 if len(xs) > 1 else 3)
        rects[:, 3] = h
        lanes = plan.density_lane
        kinds = np.full(len(lanes), -1, np.int64)
        known = lanes < len(self._lane_kinds)
        kinds[known] = self._lane_kinds[lanes[known]]
        kinds[(kinds < 0) | (kinds >= len(KIND_ORDER))] = -1
        # One run per stretch of strips sharing a colour (every strip, when lanes are not kinds).
        ends = np.searchsorted(strip, np.arange(len(lanes)), side="right")
        starts = np.r_[0, ends[:-1]]
        cuts = np.flatnonzero(np.diff(kinds)) + 1
        for first, last in zip(np.r_[0, cuts], np.r_[cuts, len(lanes)], strict=True):
            self._add_run(runs, self._density_brushes[int(kinds[first])],
                          rects[starts[first]:ends[last - 1]])
        # Each caption is its count and a fixed text: the fixed part is laid out once, the numbers change.
        suffix = self._static_text(" events here: zoom in to see each one")[0]
        x = plan.density_caption_x + 6
        for top, count in zip((plan.lane_tops[lanes] + 2).tolist(), plan.density_count.tolist(), strict=True):
            number, number_px = self._static_text(f"{count:,}")
            self._muted_texts.append((QPointF(x, top), number))
            self._muted_texts.append((QPointF(x + number_px, top), suffix))

    def _prepare_bars(self, plan: FramePlan, runs: list) -> None:
        bars = np.flatnonzero(plan.is_bar)
        if not len(bars):
            return
        kind = plan.kind[bars].astype(np.int64)
        coarse = plan.coarse[bars]
        fuzzy = plan.fuzzy[bars]
        rects = np.empty((len(bars), 4))
        rects[:, 0] = plan.bar_left[bars]
        rects[:, 1] = plan.y[bars] - BAR_HEIGHT_PX / 2
        rects[:, 2] = plan.bar_right[bars] - plan.bar_left[bars]
        rects[:, 3] = BAR_HEIGHT_PX
        # Solid bars by kind, exact dates before coarse ones (in row order within each); then the fuzzy bars,
        # later rows over earlier ones where they overlap: ordered by height, then row, and drawn in runs of
        # one kind (bars at different heights never overlap, so this draws as row order does, in few calls).
        solid = np.flatnonzero(~fuzzy)
        solid = solid[np.argsort((2 * kind + coarse)[solid], kind="stable")]
        faded = np.flatnonzero(fuzzy)
        faded = faded[np.lexsort((faded, rects[faded, 1]))]
        order = np.concatenate((solid, faded))
        group = np.where(fuzzy, 2 * len(KIND_ORDER) + kind, 2 * kind + coarse)[order]
        rects = rects[order]
        cuts = np.flatnonzero(np.diff(group)) + 1
        for first, last in zip(np.r_[0, cuts], np.r_[cuts, len(group)], strict=True):
            code = int(group[first])
            if code >= 2 * len(KIND_ORDER):
                brush = self._fuzzy_brushes[code - 2 * len(KIND_ORDER)]
            else:
                brush = (self._coarse_brushes if code % 2 else self._bar_brushes)[code // 2]
            self._add_run(runs, brush, rects[first:last])

    def _prepare_labels(self, plan: FramePlan) -> np.ndarray:
        """Texts of the labels and "+N" badges; returns the labels' backing rectangles."""
        n = len(plan.label_row)
        backing = np.empty((n, 4))
        if not n:
            return backing
        height = self._metrics.height()
        titles, texts, muted = self._titles, self._texts, self._muted_texts
        shown = 0
        for row, x, top, width, extra in zip(plan.label_row.tolist(), plan.label_x.tolist(),
                                             plan.label_top.tolist(), plan.label_width.tolist(),
                                             plan.label_badge.tolist(), strict=True):
            if row < 0:  # a standalone badge
                muted.append((QPointF(x, top), self._static_text(f"+{extra}")[0]))
                continue
            badge_text, badge_px = None, 0.0
            if extra:
                badge_text, badge_px = self._static_text(f" +{extra}")
            room = max(width - badge_px, 0.0)
            key = (row, room)
            elided = self._elided.get(key)
            if elided is None:
                elided = self._metrics.elidedText(titles[row], Qt.TextElideMode.ElideRight, room)
                self._elided[key] = elided
            text, text_px = self._static_text(elided)
            # A light backing keeps a label readable where interval bars of the lane run under it.
            backing[shown] = (x - 2, top, text_px + badge_px + 4, height)
            shown += 1
            texts.append((QPointF(x, top), text))
            if badge_text is not None:
                muted.append((QPointF(x + text_px, top), badge_text))
        return backing[:shown]

    def _static_text(self, text: str) -> tuple[QStaticText, float]:
        """``text`` laid out once for the item's font (drawn with its top-left corner at a point), and its
        advance in pixels."""
        found = self._static.get(text)
        if found is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._font)
            found = (static, self._metrics.horizontalAdvance(text))
            self._static[text] = found
        return found

    def _prepare_symbols(self, plan: FramePlan) -> None:
        count = len(plan.rows)
        frags = np.empty((count, _FRAGMENT_FIELDS))
        frags[:, 0] = plan.centre_x
        frags[:, 1] = plan.y
        frags[:, 3] = 0
        frags[:, 8:10] = [0.0, 1.0]
        self._fragments = frags
        self._fragments_atlas = None
        if self._atlas is not None:
            self._fit_fragments(self._atlas)

    def _fit_fragments(self, atlas: SymbolAtlas) -> None:
        """Point the fragments at ``atlas``'s cells (its cell size depends on the device pixel ratio)."""
        frags = self._fragments
        frags[:, 2] = self._plan.kind.astype(np.float64) * atlas.cell_px
        frags[:, 4] = atlas.cell_px
        frags[:, 5] = atlas.cell_px
        frags[:, 6:8] = 1 / atlas.dpr
        self._fragments_atlas = atlas

    # --- painting ------------------------------------------------------------------------------------
    def _rect_run(self, first: int):
        """The rectangles from ``first`` on, as the QRectF pointer drawRects takes (no copy)."""
        return shiboken6.wrapInstance(self._rects.ctypes.data + first * _RECT_BYTES, QRectF)

    def _paint_symbols(self, painter: QPainter) -> None:
        if not len(self._fragments):
            return
        if self._fragments_atlas is not self._atlas:
            self._fit_fragments(self._atlas)
        pointer = shiboken6.wrapInstance(self._fragments.ctypes.data, QPainter.PixmapFragment)
        painter.drawPixmapFragments(pointer, len(self._fragments), self._atlas.pixmap)

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


def _alpha(colour: str, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


def _fading_brush(colour: str) -> QBrush:
    """A horizontal gradient over each rectangle it fills: transparent at both ends, ``colour`` between."""
    gradient = QLinearGradient(0, 0, 1, 0)
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    solid = QColor(colour)
    edge = _alpha(colour, 0)
    gradient.setColorAt(0, edge)
    gradient.setColorAt(0.25, solid)
    gradient.setColorAt(0.75, solid)
    gradient.setColorAt(1, edge)
    return QBrush(gradient)

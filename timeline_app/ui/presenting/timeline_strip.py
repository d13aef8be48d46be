"""TimelineStrip: the presentation's timeline, drawn for the back row: big tick labels, every event as a
thin mark, the story's steps as kind shapes, the current step large with a line down to the axis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from PySide6.QtCore import QEasingCurve, QLineF, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ..kind_style import KIND_ORDER
from .card import paint_kind_mark
from .flight import FLIGHT_MS, flight_window
from .theme import ProjectorTheme

__all__ = ["TimelineStrip", "ticks_for"]

_DAY = 86_400.0
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# (months between ticks, or years when negative); the label grows finer as ticks get closer.
_STEPS = (1, 3, 6, -1, -2, -5, -10, -20, -50, -100)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _date(t: float) -> datetime:
    # Clamped to years 1..9999; timedelta also works before 1970 where fromtimestamp does not (Windows).
    return _EPOCH + timedelta(seconds=max(min(t, 253_402_214_399.0), -62_135_596_800.0))


def ticks_for(x0: float, x1: float, width_px: float, label_px: float) -> list[tuple[float, str]]:
    """Tick times (UTC seconds) and labels for the window, spaced so labels of ``label_px`` never touch."""
    per_px = (x1 - x0) / max(width_px, 1.0)
    for step in _STEPS:
        months = step if step > 0 else -step * 12
        label_chars = 8 if step > 0 else 4
        if months * 30.44 * _DAY / per_px >= label_chars * label_px * 0.62 + 2 * label_px:
            break
    start, end = _date(x0), _date(x1)
    index = start.year * 12 + start.month - 1
    index -= index % months
    ticks = []
    while True:
        year, month = divmod(index, 12)
        if year > 9999:
            break
        when = datetime(year, month + 1, 1, tzinfo=UTC)
        if when > end:
            break
        t = when.timestamp()
        if t >= x0:
            ticks.append((t, f"{_MONTH_NAMES[month]} {year}" if step > 0 else str(year)))
        index += months
    return ticks


class TimelineStrip(QWidget):
    """Signals: ``windowChanged(float, float)`` (the shown window in UTC seconds, also during a flight)."""

    windowChanged = Signal(float, float)

    def __init__(self, theme: ProjectorTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._window = (0.0, 1.0)
        self._starts = np.zeros(0)
        self._step_times = np.zeros(0)
        self._step_kinds = np.zeros(0, np.int8)
        self._current: int | None = None
        self.label_font = QFont(self.font())
        self._metrics = QFontMetricsF(self.label_font)
        self._text_pen = QPen(QColor(theme.secondary))
        self._axis_pen = QPen(QColor(theme.secondary), 2)
        self._context_pen = QPen(QColor(theme.context_mark), 2)
        self._current_pen = QPen(QColor(theme.text), 3)
        self._flight = QVariantAnimation(self)
        self._flight.setDuration(FLIGHT_MS)
        self._flight.setStartValue(0.0)
        self._flight.setEndValue(1.0)
        self._flight.setEasingCurve(QEasingCurve.Type.Linear)  # flight_window eases each half itself
        self._flight.valueChanged.connect(self._on_flight_value_changed)
        self._flight_ends = (self._window, self._window)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Timeline")

    # --- data --------------------------------------------------------------------------------------------
    def set_events(self, starts: np.ndarray) -> None:
        """Start times (UTC seconds, sorted) of every event: drawn as thin context marks."""
        self._starts = np.asarray(starts, float)
        self.update()

    def set_steps(self, times: np.ndarray, kind_codes: np.ndarray) -> None:
        """The deck's steps: their times (UTC seconds) and kind codes (positions in KIND_ORDER)."""
        self._step_times = np.asarray(times, float)
        self._step_kinds = np.asarray(kind_codes, np.int8)
        self.update()

    def set_current(self, step: int | None) -> None:
        self._current = step
        self.update()

    def set_label_px(self, px: int) -> None:
        self.label_font.setPixelSize(px)
        self._metrics = QFontMetricsF(self.label_font)
        self.update()

    # --- the window --------------------------------------------------------------------------------------
    def window_range(self) -> tuple[float, float]:
        return self._window

    def set_window(self, x0: float, x1: float) -> None:
        self._window = (float(x0), float(x1))
        self.update()
        self.windowChanged.emit(*self._window)

    def fly_to(self, x0: float, x1: float, *, animate: bool) -> None:
        """Show the window (x0, x1): in a flight of FLIGHT_MS, or at once when ``animate`` is False."""
        self._flight.stop()
        if not animate:
            self.set_window(x0, x1)
            return
        self._flight_ends = (self._window, (float(x0), float(x1)))
        self._flight.start()

    @property
    def flight(self) -> QVariantAnimation:
        return self._flight

    def _on_flight_value_changed(self, value: float) -> None:
        self.set_window(*flight_window(*self._flight_ends, float(value)))

    # --- painting ----------------------------------------------------------------------------------------
    def _x(self, t: np.ndarray | float):
        x0, x1 = self._window
        return (np.asarray(t) - x0) / max(x1 - x0, 1.0) * self.width()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.background))
        line_h = self._metrics.height()
        axis_y = self.height() - line_h * 1.6
        mark_y = axis_y - min(axis_y * 0.5, line_h * 3.6)
        self._paint_axis(painter, axis_y, line_h)
        self._paint_context(painter, axis_y)
        self._paint_steps(painter, mark_y, axis_y)
        painter.end()

    def _paint_axis(self, painter: QPainter, axis_y: float, line_h: float) -> None:
        painter.setPen(self._axis_pen)
        painter.drawLine(QLineF(0, axis_y, self.width(), axis_y))
        painter.setFont(self.label_font)
        painter.setPen(self._text_pen)
        for t, label in ticks_for(*self._window, self.width(), self.label_font.pixelSize()):
            x = float(self._x(t))
            painter.drawLine(QLineF(x, axis_y, x, axis_y + line_h * 0.3))
            half = self._metrics.horizontalAdvance(label) / 2 + 2
            if half <= x <= self.width() - half:  # a label cut by the edge would be read wrongly
                box = QRectF(x - half, axis_y + line_h * 0.35, 2 * half, line_h * 1.2)
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)

    def _paint_context(self, painter: QPainter, axis_y: float) -> None:
        x0, x1 = self._window
        lo, hi = np.searchsorted(self._starts, [x0, x1])
        columns = np.unique(self._x(self._starts[lo:hi]).astype(int))  # one mark per pixel column, batched
        top = axis_y - self._metrics.height() * 0.5
        painter.setPen(self._context_pen)
        painter.drawLines([QLineF(float(c), top, float(c), axis_y) for c in columns])

    def _paint_steps(self, painter: QPainter, mark_y: float, axis_y: float) -> None:
        size = self._metrics.height() * 0.75
        xs = self._x(self._step_times)
        shown = np.flatnonzero((xs >= -size) & (xs <= self.width() + size))
        current = self._current if self._current is not None and 0 <= self._current < len(xs) else None
        for i in shown:
            if i != current:
                paint_kind_mark(painter, self._theme, KIND_ORDER[self._step_kinds[i]], QPointF(xs[i], mark_y), size)
        if current is not None:
            x = float(xs[current])
            painter.setPen(self._current_pen)
            painter.drawLine(QLineF(x, mark_y, x, axis_y))
            paint_kind_mark(painter, self._theme, KIND_ORDER[self._step_kinds[current]], QPointF(x, mark_y), size * 1.8)
        self._paint_step_numbers(painter, xs, shown, current, mark_y - size * 1.4)

    def _paint_step_numbers(self, painter: QPainter, xs: np.ndarray, shown: np.ndarray, current: int | None,
                            bottom: float) -> None:
        """Step numbers above the marks (the current one first), none overlapping another or the edge."""
        painter.setFont(self.label_font)
        painter.setPen(self._text_pen)
        taken: list[QRectF] = []
        order = ([current] if current is not None else []) + [int(i) for i in shown if i != current]
        for i in order:
            text = str(i + 1)
            half = self._metrics.horizontalAdvance(text) / 2 + self._metrics.height() * 0.2
            box = QRectF(float(xs[i]) - half, bottom - self._metrics.height(), 2 * half, self._metrics.height())
            if box.left() < 0 or box.right() > self.width() or any(box.intersects(other) for other in taken):
                continue
            taken.append(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

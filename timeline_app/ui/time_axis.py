"""TimeAxisItem: a date axis in UTC seconds whose labels never overlap, from centuries down to hours.

The axis picks, for the window and its width in pixels, the finest of a fixed ladder of calendar steps
whose labels fit side by side: years (every 1, 2, 5, 10, 25, ... years), then months under years, days
under months, hours under days. Ticks fall on calendar boundaries aligned to the step (January, April,
July and October for three months; days 1, 5, 10, ... of each month for five days), so they stay where
they are while the window pans. Labels of the coarser unit say where they are ("2017", "Apr 2017", "3 Apr
2017"); when the window starts before the first of them (or shows none), the first finer label carries
that context ("Apr 2017" instead of "Apr").

The ticks of a window are computed once and shared: the axis draws them, and the canvas asks for the
same values (``tick_levels``) to draw its light grid.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

__all__ = ["MONTHS", "TimeAxisItem"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PAD_PX = 12.0  # the least room between two labels
_EPOCH = datetime(1970, 1, 1)
_DAY = 86_400.0
_MIN_T = (datetime(2, 1, 1) - _EPOCH).total_seconds()  # the window must stay inside years 2 to 9998
_MAX_T = (datetime(9998, 1, 1) - _EPOCH).total_seconds()
# Days of a month that carry a tick, per step in days. Day 1 is the month's own tick; none near the month's
# end, so the last tick of a month is never a day or two from the next month's.
_DAYS_OF_MONTH = {1: tuple(range(2, 32)), 2: tuple(range(3, 28, 2)), 5: (5, 10, 15, 20, 25), 10: (11, 21)}
# The ladder, finest first: (unit of the labelled boundaries, unit of the ticks between them, their step),
# and the shortest gap between two ticks, in days. "year" alone: ticks every ``step`` years.
_LADDER = (
    *(("day", "hour", h, h / 24) for h in (1, 3, 6, 12)),
    ("month", "day", 1, 1), ("month", "day", 2, 2), ("month", "day", 5, 4), ("month", "day", 10, 8),
    ("year", "month", 1, 28), ("year", "month", 2, 59), ("year", "month", 3, 90), ("year", "month", 6, 181),
    *(("year", None, y, 365 * y) for y in (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)),
)
_SPACING = {"year": 365 * _DAY, "month": 30 * _DAY, "day": _DAY, "hour": 3600.0}


def _date(t: float) -> datetime:
    return _EPOCH + timedelta(seconds=t)


def _seconds(d: datetime) -> float:
    return (d - _EPOCH).total_seconds()


def _year_ticks(t0: float, t1: float, step: int) -> list[datetime]:
    first, last = _date(t0).year, _date(t1).year
    first = -(-first // step) * step
    return [d for d in (datetime(y, 1, 1) for y in range(max(first, step), last + 1, step))
            if t0 <= _seconds(d) <= t1]


def _month_ticks(t0: float, t1: float, step: int) -> list[datetime]:
    """Month starts in [t0, t1] whose month (0 for January) is a multiple of ``step``, Januaries excluded."""
    a, b = _date(t0), _date(t1)
    months = []
    for index in range(a.year * 12 + a.month - 1, b.year * 12 + b.month):
        if index % 12 and index % 12 % step == 0:
            d = datetime(index // 12, index % 12 + 1, 1)
            if t0 <= _seconds(d):
                months.append(d)
    return months


def _month_starts(t0: float, t1: float) -> list[datetime]:
    a, b = _date(t0), _date(t1)
    return [d for d in (datetime(i // 12, i % 12 + 1, 1) for i in range(a.year * 12 + a.month - 1,
                                                                         b.year * 12 + b.month))
            if t0 <= _seconds(d)]


def _day_ticks(t0: float, t1: float, step: int) -> list[datetime]:
    a, b = _date(t0), _date(t1)
    days = []
    for index in range(a.year * 12 + a.month - 1, b.year * 12 + b.month):
        year, month = index // 12, index % 12 + 1
        for day in _DAYS_OF_MONTH[step]:
            try:
                d = datetime(year, month, day)
            except ValueError:  # the 29th to 31st of a shorter month
                break
            if t0 <= _seconds(d) <= t1:
                days.append(d)
    return days


def _day_starts(t0: float, t1: float) -> list[datetime]:
    first = datetime.combine(_date(t0).date(), datetime.min.time())
    count = int((t1 - _seconds(first)) // _DAY) + 1
    return [d for d in (first + timedelta(days=i) for i in range(count + 1)) if t0 <= _seconds(d) <= t1]


def _hour_ticks(t0: float, t1: float, step: int) -> list[datetime]:
    first = datetime.combine(_date(t0).date(), datetime.min.time())
    count = int((t1 - _seconds(first)) // 3600) + 1
    hours = (first + timedelta(hours=i) for i in range(0, count + 1, step))
    return [d for d in hours if d.hour and t0 <= _seconds(d) <= t1]


def _label(d: datetime, unit: str, context: bool = False) -> str:
    """A tick's text: a boundary of ``unit``; with ``context``, also the coarser units around it."""
    if unit == "year":
        return str(d.year)
    month = MONTHS[d.month - 1]
    if unit == "month":
        return f"{month} {d.year}" if context else month
    if unit == "day":
        return f"{d.day} {month} {d.year}" if context else str(d.day)
    return f"{d.day} {month} {d.year} {d:%H:%M}" if context else f"{d:%H:%M}"


class TimeAxisItem(pg.AxisItem):
    """A bottom axis for times in UTC seconds (no local time zone), labels chosen so that none overlap."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.autoSIPrefix = False  # seconds are not scaled by SI prefixes (and it would relabel on every pan)
        # The labels are spaced here, so pyqtgraph's own crowding rule must not drop the second level.
        self.setStyle(textFillLimits=[(0, 2.0)])
        self._key: tuple[float, float, float] | None = None
        self._levels: list[tuple[float, list[float]]] = []
        self._strings: dict[float, list[str]] = {}
        self._set_metrics(QFont())

    def setStyle(self, **kwargs) -> None:
        super().setStyle(**kwargs)
        if kwargs.get("tickFont") is not None:
            self._set_metrics(kwargs["tickFont"])

    def _set_metrics(self, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        digit = max(metrics.horizontalAdvance(str(i)) for i in range(10))
        month = max(metrics.horizontalAdvance(name) for name in MONTHS)
        space = metrics.horizontalAdvance(" ")
        year = 4 * digit
        # Widest label of each unit, as a boundary between finer ticks (with its context) or as a finer tick.
        self._major_px = {"year": year, "month": month + space + year,
                          "day": 2 * digit + month + year + 2 * space}
        self._minor_px = {"month": month, "day": 2 * digit, "hour": 4 * digit + metrics.horizontalAdvance(":")}
        self._metrics = metrics
        self._key = None

    # --- pyqtgraph's interface -----------------------------------------------------------------------
    def tickValues(self, minVal: float, maxVal: float, size: float):
        return self.tick_levels(minVal, maxVal, size)

    def tickStrings(self, values, scale, spacing):
        strings = self._strings.get(spacing)
        if strings is not None and len(strings) == len(values):
            return list(strings)
        return [str(_date(v).year) for v in values]

    # --- ours ----------------------------------------------------------------------------------------
    def tick_levels(self, t0: float, t1: float, size_px: float) -> list[tuple[float, list[float]]]:
        """The ticks for the window [t0, t1] (UTC seconds) drawn ``size_px`` wide: pyqtgraph's tick levels,
        ``[(spacing, values), ...]``, coarsest first. The same window asked again (the axis's width differs
        from the view's by a pixel or two) gives the same ticks."""
        key = self._key
        if key is not None and key[0] == t0 and key[1] == t1 and abs(key[2] - size_px) < 4:
            return self._levels
        self._key = (t0, t1, size_px)
        self._levels, self._strings = [], {}
        if not (t1 > t0 and size_px > 0 and t0 >= _MIN_T and t1 <= _MAX_T):
            return self._levels
        px_per_day = size_px / (t1 - t0) * _DAY
        major, minor, step = next(((major, minor, step) for major, minor, step, gap_days in _LADDER
                                   if gap_days * px_per_day >= self._room(major, minor)), _LADDER[-1][:3])
        self._make_ticks(t0, t1, size_px, major, minor, step)
        return self._levels

    def _room(self, major: str, minor: str | None) -> float:
        """The least distance between neighbouring ticks' centres for their labels not to overlap: two finer
        labels side by side, or a finer label next to a coarser one."""
        if minor is None:
            return self._major_px[major] + PAD_PX
        return max(self._minor_px[minor], (self._major_px[major] + self._minor_px[minor]) / 2) + PAD_PX

    def _make_ticks(self, t0: float, t1: float, size_px: float, major: str, minor: str | None, step: int) -> None:
        if minor is None:
            self._add_level(_SPACING["year"] * step, _year_ticks(t0, t1, step), "year", False)
            return
        majors = {"year": lambda: _year_ticks(t0, t1, 1), "month": lambda: _month_starts(t0, t1),
                  "day": lambda: _day_starts(t0, t1)}[major]()
        finer = {"month": _month_ticks, "day": _day_ticks, "hour": _hour_ticks}[minor](t0, t1, step)
        x_of = size_px / (t1 - t0)
        shown = [(_seconds(d) - t0) * x_of for d in majors]
        shown = [(x, _label(d, major, True)) for x, d in zip(shown, majors, strict=True)
                 if self._inside(x, _label(d, major, True), size_px)]
        labels = [_label(d, minor) for d in finer]
        xs = [(_seconds(d) - t0) * x_of for d in finer]
        context = [_label(d, minor, True) for d in finer[:8]]  # the first label that fits is among these
        self._add_context(xs, labels, context, shown, size_px)
        self._add_level(_SPACING[major], majors, major, True)
        self._levels.append((_SPACING[minor], [_seconds(d) for d in finer]))
        self._strings[_SPACING[minor]] = labels

    def _add_level(self, spacing: float, dates: list[datetime], unit: str, context: bool) -> None:
        self._levels.append((spacing, [_seconds(d) for d in dates]))
        self._strings[spacing] = [_label(d, unit, context) for d in dates]

    def _inside(self, x: float, text: str, size_px: float) -> bool:
        half = self._metrics.horizontalAdvance(text) / 2
        return x - half >= 1 and x + half <= size_px - 1

    def _add_context(self, xs: list[float], labels: list[str], context: list[str], shown: list[tuple[float, str]],
                      size_px: float) -> None:
        """Give the first finer label that fits inside the axis its ``context``, if it comes before the first
        coarser label ``shown`` (x, text) and does not cover it; blank the finer labels before it (a day or month
        without its context) and those it would cover."""
        width = self._metrics.horizontalAdvance
        for i, text in enumerate(context):
            if self._inside(xs[i], text, size_px):
                break
        else:
            return
        half = width(text) / 2
        if shown and xs[i] + half + PAD_PX > shown[0][0] - width(shown[0][1]) / 2:
            return
        labels[i] = text
        for j, other in enumerate(labels):
            if j < i or (j > i and other and abs(xs[j] - xs[i]) < half + width(other) / 2 + PAD_PX):
                labels[j] = ""

"""EDTF dates (Library of Congress Extended Date/Time Format, 2019) as intervals on one numeric axis.

INTERFACE (kept stable for the rest of the app; the parser behind it is being completed):

- ``parse_edtf(text) -> EdtfDate``: strict, cached; raises ``EdtfError`` whose ``str()`` is a message a
  non-programmer understands, e.g. "date '2018-13-01': there is no month 13".
- ``EdtfDate.earliest`` / ``EdtfDate.latest``: UTC seconds since 1970-01-01. ``earliest`` is the first instant
  the date may denote, ``latest`` the end of the last day it may denote (exclusive: midnight after it).
  An open start (``../2016``) gives ``-inf``; an open end (``2016-12-21/..``) gives ``+inf``; an unknown end
  (``2016/``) gives the known end's own bound and sets ``end_unknown``.
- ``EdtfDate.human``: the date as people write it ("21 August 2013", "April 2018", "c. 2013",
  "24–30 March 2017").
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DatePoint", "EdtfDate", "EdtfError", "Precision", "parse_edtf"]

_SECONDS_PER_DAY = 86_400
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class EdtfError(ValueError):
    """A date string that is not valid EDTF (or uses a feature the app does not support)."""


class Precision(enum.IntEnum):
    """How finely a date is known; larger is finer."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    MONTH = 3
    DAY = 4
    SECOND = 5


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One EDTF date (not an interval): the span of days it may denote."""

    year: int
    month: int | None
    day: int | None
    precision: Precision
    approximate: bool
    uncertain: bool
    earliest: float
    latest: float


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed EDTF string: a single date or an interval, with its bounds in UTC seconds."""

    text: str
    start: DatePoint | None
    end: DatePoint | None
    is_interval: bool
    start_open: bool
    start_unknown: bool
    end_open: bool
    end_unknown: bool
    earliest: float
    latest: float

    @property
    def precision(self) -> Precision:
        points = [p for p in (self.start, self.end) if p is not None]
        return min(p.precision for p in points)

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p is not None)

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p is not None)

    @property
    def human(self) -> str:
        if not self.is_interval:
            assert self.start is not None
            return _human_point(self.start)
        left = "…" if self.start_open else "unknown" if self.start_unknown else _human_point(self.start)
        right = "…" if self.end_open else "unknown" if self.end_unknown else _human_point(self.end)
        return f"{left} – {right}"

    def __str__(self) -> str:
        return self.text


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _days_in_month(y: int, m: int) -> int:
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?")


def _parse_point(text: str, whole: str) -> DatePoint:
    m = _POINT.fullmatch(text)
    if m is None:
        raise EdtfError(f"date '{whole}': not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    qualifier = m[4] or ""
    if month is not None and not 1 <= month <= 12:
        raise EdtfError(f"date '{whole}': there is no month {month}")
    if day is not None and not 1 <= day <= _days_in_month(year, month):
        raise EdtfError(f"date '{whole}': {_MONTHS[month - 1]} {year} has no day {day}")
    if day is not None:
        first = last = _days_from_civil(year, month, day)
        precision = Precision.DAY
    elif month is not None:
        first = _days_from_civil(year, month, 1)
        last = first + _days_in_month(year, month) - 1
        precision = Precision.MONTH
    else:
        first = _days_from_civil(year, 1, 1)
        last = _days_from_civil(year, 12, 31)
        precision = Precision.YEAR
    return DatePoint(
        year, month, day, precision,
        approximate=qualifier in "~%" and qualifier != "",
        uncertain=qualifier in "?%" and qualifier != "",
        earliest=float(first * _SECONDS_PER_DAY),
        latest=float((last + 1) * _SECONDS_PER_DAY),
    )


def _human_point(p: DatePoint) -> str:
    if p.day is not None:
        text = f"{p.day} {_MONTHS[p.month - 1]} {p.year}"
    elif p.month is not None:
        text = f"{_MONTHS[p.month - 1]} {p.year}"
    else:
        text = str(p.year)
    if p.approximate:
        text = "c. " + text
    if p.uncertain:
        text += " (uncertain)"
    return text


@lru_cache(maxsize=65_536)
def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF string; raise EdtfError with a plain-language message when it is not valid."""
    if not isinstance(text, str):
        raise EdtfError(f"date {text!r}: must be a text in EDTF form, such as 2013-08-21")
    if "/" not in text:
        point = _parse_point(text, text)
        return EdtfDate(text, point, None, False, False, False, False, False, point.earliest, point.latest)
    left, _, right = text.partition("/")
    start = None if left in ("", "..") else _parse_point(left, text)
    end = None if right in ("", "..") else _parse_point(right, text)
    if start is None and end is None:
        raise EdtfError(f"date '{text}': an interval needs at least one known end")
    if start is not None and end is not None and end.latest < start.earliest:
        raise EdtfError(f"date '{text}': the interval ends before it starts")
    earliest = start.earliest if start else (float("-inf") if left == ".." else end.earliest)
    latest = end.latest if end else (float("inf") if right == ".." else start.latest)
    return EdtfDate(
        text, start, end, True,
        left == "..", left == "", right == "..", right == "",
        earliest, latest,
    )

"""EDTF dates (Library of Congress Extended Date/Time Format, 2019) as intervals on one numeric axis.

INTERFACE (stable for the rest of the app):

- ``parse_edtf(text) -> EdtfDate``: strict, cached; raises ``EdtfError`` whose ``str()`` is a message a
  non-programmer understands and starts with ``date '<text>': ``, e.g.
  "date '2018-13-01': there is no month 13".
- ``EdtfDate.earliest`` / ``EdtfDate.latest``: UTC seconds since 1970-01-01. ``earliest`` is the first instant
  the date may denote, ``latest`` the end of the last day it may denote (exclusive: midnight after it); for a
  date with a time of day both are that instant. An open start (``../2016``) gives ``-inf``; an open end
  (``2016-12-21/..``) gives ``+inf``; an unknown end (``2016/``) gives the known end's own bound and sets
  ``end_unknown``. Qualifiers (``~ ? %``) do not widen the bounds.
- ``EdtfDate.human`` / ``EdtfDate.short``: the date as people write it ("21 August 2013", "24–30 March 2017")
  and as a compact label ("21 Aug 2013"); see date_format.py.

SUPPORTED: all of level 0 (YYYY, YYYY-MM, YYYY-MM-DD; YYYY-MM-DDThh:mm:ss followed by nothing, Z, ±hh or
±hh:mm; intervals of dates) and these level 1 features: qualification of a whole date at its end (1984?,
2004-06~, 2004-06-11%), unspecified digits from the right (201X, 20XX, 2004-XX, 1985-04-XX, 1985-XX-XX,
also qualified), and extended intervals with open (..) or unknown (empty) ends and qualified ends
(2004-06~/2004-06-11?).

REJECTED, with a message naming the feature: Y-prefixed years, seasons and negative years (level 1), and
all of level 2. Intervals must have a known end, may not end before they start and, as the specification
says, hold neither times of day (level 0) nor X digits (level 2).

Invalid input is diagnosed on a separate slow path (date_errors.py), so that valid dates, the 100,000 of
a large dataset at load, only pay for a few dictionary look-ups each.
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["DatePoint", "EdtfDate", "EdtfError", "Precision", "parse_edtf"]

_MAX_YEAR = 9999


class EdtfError(ValueError):
    """A date string that is not valid EDTF (or uses a feature the app does not support)."""


class Precision(enum.IntEnum):
    """How finely a date is known; larger is finer.

    This is what is known, not how many digits were written: 1985-04-XX is known to the MONTH.
    """

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    MONTH = 3
    DAY = 4
    SECOND = 5


_PRECISIONS = tuple(Precision)

# Why named tuples, and why EdtfDate keeps its ends as plain tuples (the load budget is ~4 µs a date):
# - a frozen dataclass costs ~2 µs to build on the target machine (one object.__setattr__ per field),
#   a tuple ~0.3 µs; both are immutable.
# - the garbage collector walks every object that may hold others, again and again while 100,000 dates
#   pile up: that took as long as the parsing itself. It stops tracking a plain tuple of numbers and
#   strings, but never a tuple subclass. So each EdtfDate is one tracked object, its ends are plain
#   tuples of DatePoint's fields, and ``start``/``end`` wrap them in a DatePoint when asked.


class DatePoint(NamedTuple):
    """One EDTF date (not an interval): the span of days it may denote, or an instant when it has a time."""

    year: int  # first year of the span: 2010 for 201X
    month: int | None
    day: int | None
    precision_value: int  # int(Precision); see ``precision``
    approximate: bool
    uncertain: bool
    earliest: float
    latest: float
    unspecified: bool = False  # written with X digits (201X, 1985-04-XX)
    time: str | None = None  # "23:20:30" as written
    zone: str | None = None  # "UTC" for Z, "+05:00" for an offset, None for local time

    @property
    def precision(self) -> Precision:
        return _PRECISIONS[self.precision_value]

    @property
    def human(self) -> str:
        return date_format.point_text(self, short=False)

    @property
    def short(self) -> str:
        return date_format.point_text(self, short=True)


# Positions in DatePoint's fields, for the parser's plain tuples.
_PRECISION, _APPROXIMATE, _UNCERTAIN, _EARLIEST, _LATEST, _UNSPECIFIED = 3, 4, 5, 6, 7, 8


def _not_orderable(self, other):
    return NotImplemented  # tuple order (by text) would be meaningless: sort by earliest instead


class EdtfDate(NamedTuple):
    """A parsed EDTF string: a single date or an interval, with its bounds in UTC seconds."""

    text: str
    start_fields: tuple | None  # DatePoint fields; read ``start`` instead
    end_fields: tuple | None  # DatePoint fields; read ``end`` instead
    is_interval: bool
    start_open: bool
    start_unknown: bool
    end_open: bool
    end_unknown: bool
    earliest: float
    latest: float

    @property
    def start(self) -> DatePoint | None:
        """The date itself, or an interval's start; None when the start is open or unknown."""
        return None if self.start_fields is None else _new(DatePoint, self.start_fields)

    @property
    def end(self) -> DatePoint | None:
        """An interval's end; None for a single date or an open or unknown end."""
        return None if self.end_fields is None else _new(DatePoint, self.end_fields)

    def _ends(self) -> tuple[tuple, ...]:
        return tuple(fields for fields in (self.start_fields, self.end_fields) if fields is not None)

    @property
    def precision(self) -> Precision:
        """The coarser end's precision: an interval is known no better than its vaguer end."""
        return _PRECISIONS[min(fields[_PRECISION] for fields in self._ends())]

    @property
    def approximate(self) -> bool:
        return any(fields[_APPROXIMATE] for fields in self._ends())

    @property
    def uncertain(self) -> bool:
        return any(fields[_UNCERTAIN] for fields in self._ends())

    @property
    def unspecified(self) -> bool:
        """Written with X digits (only single dates can be)."""
        return any(fields[_UNSPECIFIED] for fields in self._ends())

    @property
    def human(self) -> str:
        return date_format.date_text(self, short=False)

    @property
    def short(self) -> str:
        return date_format.date_text(self, short=True)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"EdtfDate({self.text!r})"

    __lt__ = __le__ = __gt__ = __ge__ = _not_orderable


# --- tables: a valid date is two dictionary look-ups ------------------------------------------------------
#
# A date splits into its first four characters (the year) and the rest ("-08-21~"). Each is looked up in
# a dictionary built here once, which validates it (only ASCII digits are keys; 02-29 is only in the leap
# years' table) and gives its numbers. On the target machine this takes ~1 µs a date, where a regular
# expression, int() and calendar arithmetic took ~3 µs. What is not in the tables goes to the slow path.

_DAY_SECONDS = 86_400.0
_NO_MARK = (False, False)
_MARKS = {"": _NO_MARK, "~": (True, False), "?": (False, True), "%": (True, True)}  # approximate, uncertain
_YEAR, _MONTH, _DAY = int(Precision.YEAR), int(Precision.MONTH), int(Precision.DAY)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year: int) -> int:
    """Days from 1970-01-01 to 1 January of ``year`` (proleptic Gregorian; negative before 1970)."""
    y = year - 1
    return 365 * (year - 1970) + y // 4 - y // 100 + y // 400 - 477


def _month_lengths(leap: bool) -> tuple[int, ...]:
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    return _month_lengths(_is_leap(year))[month - 1]


def _rests_of_year(leap: bool) -> dict[str, tuple]:
    """Everything that may follow a year ("", "-08", "-08-21", "-04-XX", each with or without a mark)
    -> (month, day, precision, approximate, uncertain, unspecified, start, end), where start and end are
    the seconds from the year's start to the first instant and to the midnight after the last day."""
    rests: dict[str, tuple] = {}

    def add(rest: str, month: int | None, day: int | None, precision: int, first: int, after: int) -> None:
        for mark, (approximate, uncertain) in _MARKS.items():
            rests[rest + mark] = (month, day, precision, approximate, uncertain, "X" in rest,
                                  first * _DAY_SECONDS, after * _DAY_SECONDS)

    year_length = 366 if leap else 365
    for rest in ("", "-XX", "-XX-XX"):  # 2004-XX and 1985-XX-XX are known to the year
        add(rest, None, None, _YEAR, 0, year_length)
    before = 0
    for month, length in enumerate(_month_lengths(leap), start=1):
        for rest in (f"-{month:02d}", f"-{month:02d}-XX"):  # 1985-04-XX is known to the month
            add(rest, month, None, _MONTH, before, before + length)
        for day in range(1, length + 1):
            add(f"-{month:02d}-{day:02d}", month, day, _DAY, before + day - 1, before + day)
        before += length
    return rests


_REST_TABLES = (_rests_of_year(False), _rests_of_year(True))
# Values hold the table's index, not the table: a tuple holding a dict would stay tracked by the GC.


class _YearTable(dict):
    """"YYYY" -> (year, seconds at its start, leap as 0/1), filled on first use of each year: a full table of
    10,000 years would cost 30 ms at every start of the app. A text that is not four digits is not added."""

    def __missing__(self, text: str) -> tuple[int, float, int] | None:
        if len(text) != 4 or not text.isascii() or not text.isdigit():
            return None
        year = int(text)
        found = self[text] = (year, _days_before_year(year) * _DAY_SECONDS, int(_is_leap(year)))
        return found


_YEARS = _YearTable()
# 201X (a decade) and 20XX (a century): the level 1 years with unspecified digits.
_SPANS = {
    **{f"{y // 10:03d}X": (y, int(Precision.DECADE), 10) for y in range(0, _MAX_YEAR + 1, 10)},
    **{f"{y // 100:02d}XX": (y, int(Precision.CENTURY), 100) for y in range(0, _MAX_YEAR + 1, 100)},
}

# --- parsing -----------------------------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)(Z|([+-])(\d\d)(?::(\d\d))?)?", re.ASCII)
_new = tuple.__new__  # builds a named tuple without the extra Python call of its generated __new__
_INFINITY = float("inf")


def _parse_point(text: str, whole: str) -> tuple:
    """One date (YYYY, YYYY-MM or YYYY-MM-DD, optionally qualified, or a level 1 X form) as DatePoint's
    fields. ``whole`` is the full text (an interval when ``text`` is one of its ends), for messages."""
    year_info = _YEARS[text[:4]]
    if year_info is not None:
        year, year_start, leap = year_info
        rest = _REST_TABLES[leap].get(text[4:])
        if rest is not None:
            month, day, precision, approximate, uncertain, unspecified, start, end = rest
            return (year, month, day, precision, approximate, uncertain,
                    year_start + start, year_start + end, unspecified, None, None)
    span, marks = _SPANS.get(text[:4]), _MARKS.get(text[4:])
    if span is None or marks is None:
        raise date_errors.diagnose_point(text, whole)
    first, precision, years = span
    return (first, None, None, precision, marks[0], marks[1], _days_before_year(first) * _DAY_SECONDS,
            _days_before_year(first + years) * _DAY_SECONDS, True, None, None)


def _parse_date_time(text: str) -> EdtfDate:
    """1985-04-12T23:20:30 followed by nothing (local time, placed as if UTC), Z, ±hh or ±hh:mm."""
    m = _DATE_TIME.fullmatch(text)
    if m is None:
        raise date_errors.diagnose_date_time(text)
    date_text, hour, minute, second, zone, sign, zone_hours, zone_minutes = m.groups()
    year, month, day, *_ = day_fields = _parse_point(date_text, text)
    h, mi, s = int(hour), int(minute), int(second)
    if not (h < 24 and mi < 60 and s < 60) and (h, mi, s) != (24, 0, 0):  # 24:00:00 ends the day
        raise date_errors.bad_time(text, h, mi, s)
    offset, zone_name = 0, None
    if zone == "Z":
        zone_name = "UTC"
    elif zone:
        zh, zm = int(zone_hours), int(zone_minutes or 0)
        if zm > 59 or zh * 60 + zm > 14 * 60:  # real offsets run from -12:00 to +14:00
            raise date_errors.bad_offset(text, zone)
        offset = (zh * 3600 + zm * 60) * (-1 if sign == "-" else 1)
        zone_name = f"{sign}{zone_hours}:{zone_minutes or '00'}"
    instant = day_fields[_EARLIEST] + (h * 3600 + mi * 60 + s - offset)
    fields = (year, month, day, int(Precision.SECOND), False, False, instant, instant, False,
              f"{hour}:{minute}:{second}", zone_name)
    return _new(EdtfDate, (text, fields, None, False, False, False, False, False, instant, instant))


def _parse_interval(text: str) -> EdtfDate:
    start_text, _, end_text = text.partition("/")
    try:
        if "/" in end_text:
            raise date_errors.diagnose_slashes(text)
        start = None if start_text in ("", "..") else _parse_point(start_text, text)
        end = None if end_text in ("", "..") else _parse_point(end_text, text)
    except EdtfError as error:  # a message about the whole text (21/08/2013) beats one about a part
        raise date_errors.diagnose_interval(text) or error from None
    if start is None:
        if end is None:
            raise date_errors.no_known_end(text)
        earliest = -_INFINITY if start_text == ".." else end[_EARLIEST]
        latest = end[_LATEST]
    elif end is None:
        earliest = start[_EARLIEST]
        latest = _INFINITY if end_text == ".." else start[_LATEST]
    else:
        earliest, latest = start[_EARLIEST], end[_LATEST]
    if (start is not None and start[_UNSPECIFIED]) or (end is not None and end[_UNSPECIFIED]):
        raise date_errors.unspecified_in_interval(text, start_text, end_text)  # X ends are level 2
    if latest <= earliest:  # equal ends are fine: 2017/2017 still spans 2017
        raise date_errors.ends_before_start(text, _new(DatePoint, start), _new(DatePoint, end))
    return _new(EdtfDate, (text, start, end, True, start_text == "..", start_text == "",
                           end_text == "..", end_text == "", earliest, latest))


@lru_cache(maxsize=1 << 18)  # above the 100,000 dates of a large dataset, so a reload hits the cache
def _parse_cached(text: str) -> EdtfDate:
    if not isinstance(text, str):
        raise date_errors.not_text(text)
    if "/" in text:
        return _parse_interval(text)
    if "T" in text:
        return _parse_date_time(text)
    point = _parse_point(text, text)
    return _new(EdtfDate, (text, point, None, False, False, False, False, False, point[_EARLIEST], point[_LATEST]))


def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF string; raise EdtfError with a plain-language message when it is not valid.

    Cached (``parse_edtf.cache_info()``, ``parse_edtf.cache_clear()``). The cache sits in a helper because
    lru_cache raises a bare TypeError for an unhashable value (a JSON list) before any check could run.
    """
    try:
        return _parse_cached(text)
    except TypeError:
        if isinstance(text, str):
            raise
        raise date_errors.not_text(text) from None


parse_edtf.cache_info = _parse_cached.cache_info  # type: ignore[attr-defined]
parse_edtf.cache_clear = _parse_cached.cache_clear  # type: ignore[attr-defined]

# Imported last: both modules import names from this one, and this one only uses them inside functions.
from . import date_errors, date_format  # noqa: E402

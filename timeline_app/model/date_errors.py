"""Plain-language messages for invalid EDTF dates: the slow path of dates.py.

dates.py only calls in here once a date has failed to parse, so these checks may be thorough rather than
fast. Every message starts with ``date '<text>': `` and, where it can, shows the corrected date
("write dates as YYYY-MM-DD, for example 2013-08-21"). A suggested correction is only shown after it has
been parsed successfully.
"""

from __future__ import annotations

import re
import threading
import unicodedata

from . import dates
from .date_format import MONTHS
from .dates import DatePoint, EdtfError, Precision

_NOT_SUPPORTED = "which this app does not support"  # ends every message about a feature left out
_LEVEL1 = f"an EDTF level 1 feature, {_NOT_SUPPORTED}"
_LEVEL2 = f"an EDTF level 2 feature, {_NOT_SUPPORTED}"
_SHAPE = re.compile(r"[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?", re.ASCII)  # any date-like arrangement of X
_LEVEL1_X = re.compile(r"\d\d(?:\dX|XX)|\d{4}-(?:XX|\d\d-XX|XX-XX)", re.ASCII)
_PREFIX = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?[?~%]?", re.ASCII)
_DMY = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d\d)", re.ASCII)
_YMD_OTHER = re.compile(r"(\d{4})[./_](\d{1,2})[./_](\d{1,2})", re.ASCII)
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.](\d{4})", re.ASCII)
_YEAR_MONTH = re.compile(r"(\d{4})[/.](\d{1,2})", re.ASCII)
_LOOSE_DATE_TIME = re.compile(r"(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d(?::\d\d)?\S*)", re.ASCII)
_TIME = re.compile(r"(\d\d):(\d\d)(?::(\d\d))?(\.\d+)?(.*)", re.ASCII | re.DOTALL)
_OFFSET = re.compile(r"([+-])(\d\d)(?::?(\d\d))?", re.ASCII)
_SEASONS = {21: ("03", "05"), 22: ("06", "08"), 23: ("09", "11"), 24: ("12", "02")}  # spring to winter
_EXAMPLE = "for example 2013-08-21"


def _error(whole: object, message: str) -> EdtfError:
    return EdtfError(f"date '{whole}': {message}")


_state = threading.local()


def _parses(text: str) -> bool:
    """Whether a suggested correction is valid. Diagnosing an invalid suggestion would look for
    suggestions of its own: that nested search is skipped (its message is not shown anyway)."""
    if getattr(_state, "checking", False):
        return False
    _state.checking = True
    try:
        dates.parse_edtf(text)
    except EdtfError:
        return False
    finally:
        _state.checking = False
    return True


# --- messages for one specific problem, used by the fast path -----------------------------------------


def not_text(value: object) -> EdtfError:
    if isinstance(value, str):
        return _error("", "the date is empty; write a date such as 2013-08-21")
    if value is None:
        return _error("", "no date is given; write a date such as 2013-08-21")
    kind = {bool: "a yes/no value", int: "a number", float: "a number", list: "a list", tuple: "a list",
            dict: "a group of fields"}.get(type(value), f"a value of type {type(value).__name__}")
    return _error(str(value)[:60], f"a date must be text such as \"2013-08-21\", not {kind}")


def _month_problem(year: int, month_text: str, has_day: bool) -> str:
    number = int(month_text)
    if not has_day and number in _SEASONS:
        first, last = _SEASONS[number]
        last_year = year + 1 if number == 24 else year
        return (f"seasons are not supported; use a month or an interval such as "
                f"{year:04d}-{first}/{last_year:04d}-{last}")
    if not has_day and 25 <= number <= 41:
        return (f"seasons, quarters and halves of a year (codes 25 to 41) are {_LEVEL2}; "
                f"use a month or an interval such as {year:04d}-01/{year:04d}-03")
    return f"there is no month {number}"


def _day_problem(year: int, month: int, day_text: str) -> str:
    if day_text == "00":
        return "there is no day 0"
    return f"{MONTHS[month - 1]} {year} has no day {int(day_text)}"


def _time_of_day_problem(hour: int, minute: int, second: int) -> str:
    if hour > 24:
        return f"there is no hour {hour}"
    if hour == 24:
        return "the only time in hour 24 is 24:00:00, the end of the day"
    if minute > 59:
        return f"there is no minute {minute}"
    if second == 60:
        return "leap seconds (second 60) are not supported"
    return f"there is no second {second}"


def _offset_problem(zone: str) -> str:
    return f"there is no time zone offset {zone}: offsets are at most 14 hours, such as +05:30 or -04:00"


def bad_time(whole: str, hour: int, minute: int, second: int) -> EdtfError:
    return _error(whole, _time_of_day_problem(hour, minute, second))


def bad_offset(whole: str, zone: str) -> EdtfError:
    return _error(whole, _offset_problem(zone))


def no_known_end(whole: str) -> EdtfError:
    return _error(whole, "an interval needs at least one known end, as in 1985/.. or /1985")


def ends_before_start(whole: str, start: DatePoint, end: DatePoint) -> EdtfError:
    return _error(whole, f"the interval ends ({end.human}) before it starts ({start.human})")


def _bound_text(point: DatePoint, text: str, last: bool) -> str:
    """The date an X end of an interval stands for: 201X starts at 2010 and ends at 2019."""
    mark = text[-1] if text[-1] in "?~%" else ""
    if point.precision == Precision.MONTH:
        return f"{point.year:04d}-{point.month:02d}{mark}"
    span = {Precision.DECADE: 9, Precision.CENTURY: 99}.get(point.precision, 0)
    return f"{point.year + (span if last else 0):04d}{mark}"


def unspecified_in_interval(whole: str, start_text: str, end_text: str) -> EdtfError:
    parts = []
    for text, last in ((start_text, False), (end_text, True)):
        point = None if text in ("", "..") else dates.parse_edtf(text).start
        parts.append(_bound_text(point, text, last) if point is not None and point.unspecified else text)
    hint = f"; write the ends without X, as in {'/'.join(parts)}" if _parses("/".join(parts)) else ""
    return _error(whole, f"X digits at the end of an interval are {_LEVEL2}{hint}")


# --- diagnosis of text that did not parse --------------------------------------------------------------


def _day_first(day: int, month: int, year: str) -> str | None:
    text = f"{year}-{month:02d}-{day:02d}"
    return text if _parses(text) else None


def _dmy_message(m: re.Match) -> str:
    """21/08/2013, 21.08.2013 or 21-08-2013: write it as 2013-08-21 (or say which reading is meant)."""
    first, second, year = int(m[1]), int(m[3]), m[4]
    if len(year) == 2:
        return "write dates as YYYY-MM-DD with a four-digit year, for example 2013-08-21"
    day_first, month_first = _day_first(first, second, year), _day_first(second, first, year)
    if day_first and month_first and first != second:
        return (f"write dates as YYYY-MM-DD: {day_first} for {first} {MONTHS[second - 1]} {year}, "
                f"or {month_first} for {second} {MONTHS[first - 1]} {year}")
    example = day_first or month_first or "2013-08-21"
    return f"write dates as YYYY-MM-DD, for example {example}"


def diagnose_interval(whole: str) -> EdtfError | None:
    """A message about the whole text when a slash is not an interval's (21/08/2013), else None."""
    m = _DMY.fullmatch(whole)
    if m is not None and m[2] == "/":
        return _error(whole, _dmy_message(m))
    m = _YMD_OTHER.fullmatch(whole)
    if m is not None:
        fixed = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
        example = fixed if _parses(fixed) else "2013-08-21"
        return _error(whole, f"write dates as YYYY-MM-DD, for example {example} "
                             f"(a '/' separates the start and the end of an interval)")
    m = _MONTH_YEAR.fullmatch(whole)
    if m is not None and 1 <= int(m[1]) <= 12:
        return _error(whole, f"write a month as YYYY-MM, for example {m[2]}-{int(m[1]):02d}")
    m = _YEAR_MONTH.fullmatch(whole)
    if m is not None and 1 <= int(m[2]) <= 12:
        return _error(whole, f"write a month as YYYY-MM, for example {m[1]}-{int(m[2]):02d}")
    return None


def diagnose_slashes(whole: str) -> EdtfError:
    return diagnose_interval(whole) or _error(
        whole, "an interval has a single '/' between its start and its end, as in 2004-02-01/2005-02-08")


def _check_empty(text: str, whole: str) -> str | None:
    return "the date is empty; write a date such as 2013-08-21" if not text else None


def _check_spaces(text: str, whole: str) -> str | None:
    if not any(c.isspace() for c in whole):
        return None
    m = _LOOSE_DATE_TIME.fullmatch(whole.strip())
    if m is not None and " " in m[0]:
        return f"put a capital T between the date and the time, with no spaces: {m[1]}T{m[2]}"
    fixed = "".join(whole.split())
    hint = f": {fixed}" if _parses(fixed) else f"; write dates as YYYY-MM-DD, {_EXAMPLE}"
    if whole.strip() == fixed:
        return f"remove the spaces before and after the date{hint}"
    return f"a date contains no spaces{hint}"


def _check_digits(text: str, whole: str) -> str | None:
    """Arabic-Indic and other non-ASCII digits: the format needs 0-9."""
    if all(c in "0123456789" or not c.isdigit() for c in whole):
        return None
    fixed = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in whole)
    hint = f": {fixed}" if _parses(fixed) else ""
    return f"write the digits with the characters 0 to 9{hint}"


def _check_open_ends(text: str, whole: str) -> str | None:
    if text == "..":
        return "'..' (an open end) can only be one end of an interval, as in 1985/.. or ../1985"
    if text.rstrip("?~%") in ("", "..") and whole != text:
        return "an open or unknown end of an interval cannot be marked uncertain or approximate"
    if text.lower() in ("unknown", "open"):
        return "write an unknown end as nothing (as in /1985) and an open end as '..' (as in ../1985)"
    return None


def _check_unsupported_years(text: str, whole: str) -> str | None:
    if re.match(r"-[\dX]", text):
        return f"negative years (before year 0) are {_LEVEL1}"
    if text.startswith("Y"):
        return f"years written with a Y prefix (beyond 9999) are {_LEVEL1}"
    base = text.rstrip("?~%")
    if base.isascii() and base.isdigit() and len(base) > 4 and len(base) not in (6, 8):  # 6, 8: 20130821
        return "a year has four digits; years after 9999 are not supported"
    return None


def _check_level2_syntax(text: str, whole: str) -> str | None:
    """Level 2 notations, checked first: their official examples contain spaces ("[1667, 1668]")."""
    if any(c in text for c in "[]{}"):
        return f"lists of dates in [ ] or {{ }} are {_LEVEL2}; use an interval such as 1667/1672"
    if re.search(r"\d[ES]\d", text, re.ASCII):
        return f"exponents (E) and significant digits (S) in years are {_LEVEL2}"
    if "^" in text:
        return f"qualified seasons (^) are {_LEVEL2}"
    if "(" in text or ")" in text:
        return ("EDTF dates have no brackets (the 2012 draft used them); mark the whole date with one "
                "'?', '~' or '%' at its end, as in 2004-06-11?")
    return None


def _check_ranges(text: str, whole: str) -> str | None:
    if ".." in text:
        fixed = text.replace("..", "/")
        hint = f", as in {fixed}" if _parses(fixed) else ", as in 1670/1672"
        return f"to write a range, put '/' between its start and its end{hint}"
    return None


def _check_lowercase(text: str, whole: str) -> str | None:
    fixed = text.replace("x", "X")
    if fixed != text and _SHAPE.fullmatch(fixed.rstrip("?~%")):
        return f"write unspecified digits with a capital X, as in {fixed}"
    fixed = text.replace("u", "X")
    if fixed != text and _SHAPE.fullmatch(fixed.rstrip("?~%")):
        return f"write unspecified digits as X (the letter u is no longer used), as in {fixed}"
    return None


def _check_times(text: str, whole: str) -> str | None:
    m = _LOOSE_DATE_TIME.fullmatch(text)
    if m is None:
        return None
    if whole != text:
        fixed = re.sub(r"[Tt][^/]*", "", whole)
        hint = f", as in {fixed}" if _parses(fixed) else ""
        return f"an interval is between dates and cannot include a time of day{hint}"
    return f"put a capital T between the date and the time: {m[1]}T{m[2]}"


def _check_qualifiers(text: str, whole: str) -> str | None:
    if not any(c in text for c in "?~%"):
        return None
    base = text.rstrip("?~%")
    if not _SHAPE.fullmatch(text.replace("?", "").replace("~", "").replace("%", "")):
        return None  # not a date with marks in it: let the checks for stray characters describe it
    if any(c in base for c in "?~%"):
        return (f"a '?', '~' or '%' can only go at the very end, where it applies to the whole date "
                f"(as in 2004-06-11?); marking one part (as in 2004?-06-11) is {_LEVEL2}")
    if len(text) - len(base) > 1:
        return "use only one mark at the end: '%' means both uncertain (?) and approximate (~)"
    return None


def _check_unspecified(text: str, whole: str) -> str | None:
    base = text.rstrip("?~%")
    if "X" not in base or not _SHAPE.fullmatch(base) or _LEVEL1_X.fullmatch(base):
        return None  # a level 1 form that failed for its values (2004-13-XX): _check_parts says why
    return (f"an X can only replace the last one or two digits of a year (201X, 20XX) or a whole month or "
            f"day (2004-XX, 1985-04-XX, 1985-XX-XX); {base} uses X in a way that is {_LEVEL2}")


def _check_other_formats(text: str, whole: str) -> str | None:
    m = _DMY.fullmatch(text)
    if m is not None:
        return _dmy_message(m)
    m = _YMD_OTHER.fullmatch(text)
    if m is not None:
        fixed = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
        return f"write dates as YYYY-MM-DD, for example {fixed if _parses(fixed) else '2013-08-21'}"
    base = text.rstrip("?~%")
    if re.fullmatch(r"\d{6}|\d{8}", base, re.ASCII):
        fixed = "-".join((base[:4], base[4:6], base[6:])).rstrip("-") + text[len(base):]
        hint = f": {fixed}" if _parses(fixed) else f", {_EXAMPLE}"
        return f"write a date with hyphens between year, month and day{hint}"
    return None


def _check_stray_characters(text: str, whole: str) -> str | None:
    if all(c in "0123456789-X" for c in text.rstrip("?~%")):
        return None
    m = _PREFIX.match(text)
    if m is not None and m.end() > 0:
        return f"'{text[m.end():]}' after {m[0]} is not part of a date"
    return None


def _check_parts(text: str, whole: str) -> str | None:
    """YYYY-MM-DD with parts of the wrong length or value (only digits and hyphens remain here)."""
    base = text.rstrip("?~%")
    if not base or not all(c in "0123456789-X" for c in base):
        return None
    parts = base.split("-")
    if len(parts) > 3:
        return f"'-{'-'.join(parts[3:])}' after {'-'.join(parts[:3])} is not part of a date"
    if "" in parts:
        return f"'{text}' is incomplete: write YYYY, YYYY-MM or YYYY-MM-DD, {_EXAMPLE}"
    if len(parts[0]) != 4:
        if len(parts[0]) > 4:
            return "a year has four digits; years after 9999 are not supported"
        return "a year has four digits, as in 2013 (write 0850 for the year 850)"
    if any(len(p) > 2 for p in parts[1:]):
        return f"write months and days with two digits, {_EXAMPLE}"
    if any(len(p) != 2 for p in parts[1:]):
        fixed = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])]) + text[len(text.rstrip("?~%")):]
        hint = f", as in {fixed}" if _parses(fixed) else f", {_EXAMPLE}"
        return f"write months and days with two digits{hint}"
    return _check_values(parts)


def _check_values(parts: list[str]) -> str | None:
    if len(parts) < 2 or not parts[0].isdigit() or parts[1] == "XX":
        return None
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        return _month_problem(year, parts[1], len(parts) == 3)
    if len(parts) == 3 and parts[2] != "XX" and not 1 <= int(parts[2]) <= dates.days_in_month(year, month):
        return _day_problem(year, month, parts[2])
    return None


_POINT_CHECKS = (
    _check_empty, _check_level2_syntax, _check_spaces, _check_digits, _check_open_ends, _check_ranges,
    _check_unsupported_years, _check_lowercase, _check_times, _check_qualifiers, _check_unspecified,
    _check_other_formats, _check_stray_characters, _check_parts,
)


def diagnose_point(text: str, whole: str) -> EdtfError:
    """The first problem found in ``text`` (a whole date, or one end of the interval ``whole``)."""
    for check in _POINT_CHECKS:
        message = check(text, whole)
        if message:
            return _error(whole, message)
    return _error(whole, f"write dates as YYYY, YYYY-MM or YYYY-MM-DD, {_EXAMPLE}")


# --- date and time -------------------------------------------------------------------------------------


def _time_problem(time_text: str, whole: str) -> str | None:
    m = _TIME.fullmatch(time_text)
    if m is None:
        return "write the time as hh:mm:ss, as in 1985-04-12T23:20:30"
    hour, minute, second, fraction, zone = m.groups()
    if second is None:
        return f"write the time with seconds, as in {hour}:{minute}:00"
    if fraction:
        return f"fractions of a second are not supported; write whole seconds, as in {hour}:{minute}:{second}"
    h, mi, s = int(hour), int(minute), int(second)
    if not (h < 24 and mi < 60 and s < 60) and (h, mi, s) != (24, 0, 0):
        return _time_of_day_problem(h, mi, s)
    return _zone_problem(zone, whole)


def _zone_problem(zone: str, whole: str) -> str | None:
    if zone in ("", "Z"):
        return None
    if zone == "z" or zone.upper() in ("UTC", "GMT"):
        return "write UTC as a capital Z right after the time, as in 1985-04-12T23:20:30Z"
    m = _OFFSET.fullmatch(zone)
    if m is not None and m[3] is not None and ":" not in zone:
        return f"write the time zone offset with a colon, as in {m[1]}{m[2]}:{m[3]}"
    if m is not None and (int(m[2]) * 60 + int(m[3] or 0) > 14 * 60 or int(m[3] or 0) > 59):
        return _offset_problem(zone)
    return "a time zone is written Z (for UTC) or as an offset such as +05:00 or -04:00"


def diagnose_date_time(whole: str) -> EdtfError:
    """A text with a T (and no /) that is not YYYY-MM-DDThh:mm:ss[Z|±hh[:mm]]."""
    for check in (_check_spaces, _check_digits):
        message = check(whole, whole)
        if message:
            return _error(whole, message)
    date_text, _, time_text = whole.partition("T")
    if not re.match(r"[\dX]{4}", date_text, re.ASCII):
        return diagnose_point(whole, whole)
    if whole[-1] in "?~%" and _parses(whole.rstrip("?~%")):
        return _error(whole, "a date with a time of day cannot be marked uncertain or approximate")
    try:
        date = dates.parse_edtf(date_text)
    except EdtfError as error:  # the problem is in the date part: say so, naming the whole text
        return _error(whole, str(error).removeprefix(f"date '{date_text}': "))
    if date.precision != Precision.DAY or date.approximate or date.uncertain or date.unspecified:
        return _error(whole, "a time of day needs a full date before the T, as in 1985-04-12T23:20:30")
    message = _time_problem(time_text, whole)
    return _error(whole, message or "write a date and time as YYYY-MM-DDThh:mm:ss, as in 1985-04-12T23:20:30")

"""EDTF dates in words, as people write them: "21 August 2013", "c. 2013", "24–30 March 2017".

``human`` is the full form for reading ("30 March – 2 April 2017"); ``short`` is a compact label for
crowded places such as timeline marks ("30 Mar – 2 Apr 2017"). Ranges use an en dash, unspaced between
single words or numbers ("2011–2013", "24–30 March 2017") and spaced when either side has several words
("December 2016 – January 2017"), following common English style guides. Parts shared by both ends of a
range are written once, at the end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dates import Precision

if TYPE_CHECKING:
    from .dates import DatePoint, EdtfDate

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _year(year: int) -> str:
    return "1 BC" if year == 0 else str(year)  # EDTF year 0000 is 1 BC (there is no year 0 in words)


def _words(point: DatePoint, short: bool) -> list[str]:
    """Day, month and year as separate words, most specific first, without qualifiers."""
    names = MONTHS_SHORT if short else MONTHS
    if point.day is not None:
        return [str(point.day), names[point.month - 1], _year(point.year)]
    if point.month is not None:
        return [names[point.month - 1], _year(point.year)]
    return [_year(point.year)]


def _span(point: DatePoint) -> tuple[str, bool]:
    """A decade or century (201X, 19XX) as text, and whether it reads as "the 2010s"."""
    first = point.year
    if point.precision == Precision.DECADE:
        if first % 100:
            return f"{first}s", True
        return f"{first}–{first + 9}", False  # 200X: "the 2000s" would read as the century 20XX
    if first:
        return f"{first}s", True
    return "0–99", False


def _qualified(text: str, point: DatePoint, short: bool) -> str:
    if point.approximate:
        text = "c. " + text
    if point.uncertain:
        text += "?" if short else " (uncertain)"
    return text


def point_text(point: DatePoint, short: bool = False) -> str:
    """One date: "21 August 2013", "c. 2013", "the 2010s", "12 April 1985, 23:20:30 UTC"."""
    if point.time is not None:
        time = point.time[:5] if short else point.time
        zone = f" {point.zone}" if point.zone else ""
        return f"{' '.join(_words(point, short))}, {time}{zone}"
    if point.precision <= Precision.DECADE:
        text, plural = _span(point)
        if plural and not short and not point.approximate:  # "c. 2010s", not "c. the 2010s"
            text = "the " + text
    else:
        text = " ".join(_words(point, short))
    return _qualified(text, point, short)


def _join(left: str, right: str, several_words: bool) -> str:
    return f"{left} – {right}" if several_words else f"{left}–{right}"


def _range(start: DatePoint, end: DatePoint, short: bool) -> str:
    """Both ends known: write the parts they share (month, year) once, after the end."""
    qualified = start.approximate or start.uncertain or end.approximate or end.uncertain
    if qualified or start.precision != end.precision:  # sharing parts would blur what each end says
        left, right = point_text(start, short), point_text(end, short)
        if left == right:
            return left
        return _join(left, right, " " in left or " " in right)
    left, right = _words(start, short), _words(end, short)
    shared = 0
    while shared < len(left) and left[-1 - shared] == right[-1 - shared]:
        shared += 1
    if shared == len(left):  # 2017/2017
        return " ".join(right)
    own = left[: len(left) - shared]
    return _join(" ".join(own), " ".join(right), len(own) > 1 or len(right) - shared > 1)


def date_text(date: EdtfDate, short: bool = False) -> str:
    """A date or an interval in words: "24–30 March 2017", "from 21 December 2016", "unknown start – 1985"."""
    start, end = date.start, date.end
    if not date.is_interval:
        return point_text(start, short)
    if start is None:
        if date.start_open:
            return f"until {point_text(end, short)}"
        return f"{'?' if short else 'unknown start'} – {point_text(end, short)}"
    if end is None:
        if date.end_open:
            return f"from {point_text(start, short)}"
        return f"{point_text(start, short)} – {'?' if short else 'unknown end'}"
    return _range(start, end, short)

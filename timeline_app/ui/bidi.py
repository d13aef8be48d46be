"""Text in any script beside UI text: each dataset string is a Unicode bidi isolate (UAX #9).

An isolate keeps a string's own direction (Arabic right to left, a UN symbol left to right) from
reordering what surrounds it, and keeps the surroundings from reordering it. Stray direction controls in
the data could otherwise flip the UI around them (a right-to-left override never closed), so they are
removed first. No Qt here.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FSI", "PDI", "direction", "is_mainly_rtl", "isolate", "neutralise"]

FSI = "\u2068"
"""FIRST STRONG ISOLATE: the isolate takes the direction of its first strong character."""
PDI = "\u2069"
"""POP DIRECTIONAL ISOLATE: ends the innermost isolate."""

_EMBEDDINGS_AND_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")  # LRE RLE PDF LRO RLO
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
_PARAGRAPH_SEPARATORS = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")


def neutralise(text: str) -> str:
    """``text`` without embeddings and overrides (U+202A–U+202E) and without unpaired isolate controls.

    Isolates that open and close within one paragraph are kept: they cannot reach outside the text.
    An isolate still open at a paragraph's end, or a PDI with nothing to close, is dropped.
    """
    out: list[str] = []
    open_at: list[int] = []
    for char in text:
        if char in _EMBEDDINGS_AND_OVERRIDES:
            continue
        if char in _ISOLATE_OPENERS:
            open_at.append(len(out))
        elif char == PDI:
            if not open_at:
                continue
            open_at.pop()
        elif char in _PARAGRAPH_SEPARATORS:
            _drop(out, open_at)
        out.append(char)
    _drop(out, open_at)
    return "".join(out)


def _drop(out: list[str], positions: list[int]) -> None:
    for position in reversed(positions):
        out[position] = ""
    positions.clear()


def isolate(text: str) -> str:
    """``text`` neutralised and wrapped in FSI … PDI, one isolate per line (isolates end at a line end)."""
    return "\n".join(FSI + line + PDI for line in neutralise(text).splitlines() or [""])


def is_mainly_rtl(text: str) -> bool:
    """True when ``text`` has more right-to-left letters (Arabic, Hebrew, Syriac…) than left-to-right ones."""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl > ltr


def direction(text: str) -> str:
    """"rtl" or "ltr", for an HTML ``dir`` attribute on a block that shows ``text``."""
    return "rtl" if is_mainly_rtl(text) else "ltr"

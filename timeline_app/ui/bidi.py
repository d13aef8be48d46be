"""Text in any script beside UI text: each dataset string is a Unicode bidi isolate (UAX #9).

An isolate keeps a string's own direction (Arabic right to left, a UN symbol left to right) from
reordering what surrounds it, and keeps the surroundings from reordering it. Stray direction controls in
the data could otherwise flip the UI around them (a right-to-left override never closed), so they are
removed first. No Qt here.
"""

from __future__ import annotations

import unicodedata

from ..model.bidi_controls import PDI, neutralise

__all__ = ["FSI", "PDI", "direction", "is_mainly_rtl", "isolate", "neutralise"]

FSI = "\u2068"
"""FIRST STRONG ISOLATE: the isolate takes the direction of its first strong character."""



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

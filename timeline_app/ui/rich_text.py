"""Dataset text is data, never markup: helpers for the few places Qt would interpret it as rich text."""

from __future__ import annotations

import html


def tooltip_text(text: str) -> str:
    """A tooltip that shows ``text`` literally. Qt renders any tooltip that looks like HTML as HTML, so
    the text is escaped and wrapped in <qt>, which forces rich text with nothing left to interpret."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"

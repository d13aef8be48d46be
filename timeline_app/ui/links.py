"""The one way out of the app: web addresses (http and https only) and local copies of sources.

Both open only on a user's click, through ``QDesktopServices``. Everything a dataset can put in an
address is refused unless it is plainly a web address: ``javascript:``, ``file:``, ``data:``, ``ftp:``,
addresses without a scheme, and addresses with spaces or invisible control characters inside.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

__all__ = ["LOCAL_COPY_SUFFIXES", "is_web_url", "open_external", "open_local_file", "web_url"]

_WEB_SCHEMES = ("http", "https")
# Spaces, controls, format characters (bidi overrides, zero-width joiners), surrogates, private use and
# unassigned code points: none belongs in an address a user reads before opening it.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})

LOCAL_COPY_SUFFIXES = frozenset({
    ".pdf", ".txt", ".md", ".html", ".htm", ".mhtml", ".xml", ".csv", ".json", ".rtf", ".odt", ".doc", ".docx",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff",
})
"""Document and image types a system viewer shows; a program or script is never handed to the system."""


def web_url(url: str) -> QUrl | None:
    """``url`` (stripped) as a strictly parsed ``QUrl`` when it is an http(s) address with a host, else None."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or any(char.isspace() or unicodedata.category(char) in _REFUSED_CATEGORIES for char in text):
        return None
    scheme, colon, rest = text.partition(":")
    if not colon or scheme.lower() not in _WEB_SCHEMES or not rest.startswith("//"):
        return None
    qurl = QUrl(text, QUrl.ParsingMode.StrictMode)
    if not qurl.isValid() or qurl.scheme().lower() not in _WEB_SCHEMES or not qurl.host():
        return None
    return qurl


def is_web_url(url: str) -> bool:
    """Whether ``open_external`` would open ``url``: the test for showing an address as a link."""
    return web_url(url) is not None


def open_external(url: str) -> bool:
    """Open an http(s) address in the user's browser; refuse anything else. True when handed over."""
    if web_url(url) is None:
        return False
    return bool(QDesktopServices.openUrl(QUrl(url.strip(), QUrl.ParsingMode.StrictMode)))


def open_local_file(path: Path) -> bool:
    """Open an existing regular file of a document or image type in the system viewer. True when handed over."""
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError, TypeError):
        return False
    if not target.is_file() or target.suffix.lower() not in LOCAL_COPY_SUFFIXES:
        return False
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))))

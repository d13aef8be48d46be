"""A few lines of a text file around a position, to show a user where a problem is."""

from __future__ import annotations

import os
import re
import stat

_MAX_LINE_CHARS = 400
_CHUNK = 64 * 1024
# Shown as U+FFFD, one for one so the caret under a column stays in place: controls (a tab too, which a view
# would widen) and the direction controls that could reorder the line on screen.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def source_excerpt(path: str | os.PathLike[str], line: int, context: int = 2) -> list[tuple[int, str]]:
    """Lines ``line - context`` to ``line + context`` (numbered from 1) as (number, text), decoded as UTF-8
    with undecodable bytes replaced; very long lines are cut, and invisible or direction-changing characters
    shown as U+FFFD. Reads no further than it needs, holding at most a chunk of a long line in memory (a file
    of 300 MB on one line is not read whole); returns an empty list when the file cannot be read."""
    first, last = max(1, line - context), line + context
    lines: list[tuple[int, str]] = []
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a pipe or a device could block or never end
            return []
        with open(fd, "rb", closefd=False) as handle:
            number, kept, full = 1, bytearray(), False
            while number <= last:
                chunk = handle.readline(_CHUNK)
                if not chunk:
                    break
                if number >= first and not full:
                    kept += chunk[:_MAX_LINE_CHARS * 4 - len(kept)]  # a UTF-8 character is at most 4 bytes
                    full = len(kept) >= _MAX_LINE_CHARS * 4
                if chunk.endswith(b"\n"):
                    if number >= first:
                        lines.append((number, _shown(kept)))
                    number, kept, full = number + 1, bytearray(), False
            if kept and number >= first:
                lines.append((number, _shown(kept)))
    except OSError:
        return []
    finally:
        os.close(fd)
    return lines


def _shown(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").rstrip("\r\n").removeprefix("\ufeff")
    return _HIDDEN.sub("\ufffd", text[:_MAX_LINE_CHARS])

"""A few lines of a text file around a position, to show a user where a problem is."""

from __future__ import annotations

import os
import re
import stat

_MAX_LINE_CHARS = 400
_BLOCK = 256 * 1024
_MAX_SCAN_BYTES = 512 * 1024 * 1024
"""How far into a file the lines are counted: past any dataset the loader reads (300 MB). A file the loader
refused as too large has its problem at line 1, found at once."""
_MAX_AFTER_BYTES = 4 * 1024 * 1024
"""How much is read once the first line shown is reached: a line longer than this ends the excerpt (it is
shown cut anyway), so the excerpt of a file of gigabytes on one line reads 4 MB, not the file."""
# Shown as U+FFFD, one for one so the caret under a column stays in place: controls (a tab too, which a view
# would widen) and the direction controls that could reorder the line on screen.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def source_excerpt(path: str | os.PathLike[str], line: int, context: int = 2) -> list[tuple[int, str]]:
    """Lines ``line - context`` to ``line + context`` (numbered from 1) as (number, text), decoded as UTF-8
    with undecodable bytes replaced; very long lines are cut, and invisible or direction-changing characters
    shown as U+FFFD. It is called on the window's thread when a problem is picked, so it reads little: lines
    before the excerpt are counted a block at a time, at most a block is held in memory, and the reading
    stops 4 MB after the excerpt's first line (a file of gigabytes on one line is not read whole) or 512 MB
    into the file. Returns an empty list when the file cannot be read."""
    first, last = max(1, line - context), line + context
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a pipe or a device could block or never end
            return []
        return _excerpt(fd, first, last)
    except OSError:
        return []
    finally:
        os.close(fd)


def _excerpt(fd: int, first: int, last: int) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    number, kept, scanned, after = 1, bytearray(), 0, 0
    while scanned < _MAX_SCAN_BYTES and after < _MAX_AFTER_BYTES:
        block = os.read(fd, _BLOCK)
        if not block:
            break
        scanned += len(block)
        start = 0
        if number < first:  # counting lines: memchr speed, nothing kept
            ends = block.count(b"\n")
            if number + ends < first:
                number += ends
                continue
            while number < first:
                start = block.index(b"\n", start) + 1
                number += 1
        after += len(block) - start
        while start < len(block):
            end = block.find(b"\n", start)
            stop = len(block) if end < 0 else end
            kept += block[start:min(stop, start + _MAX_LINE_CHARS * 4 - len(kept))]  # 4 bytes at most a character
            if end < 0:
                break
            lines.append((number, _shown(kept)))
            number, kept, start = number + 1, bytearray(), end + 1
            if number > last:
                return lines
    if kept:
        lines.append((number, _shown(kept)))
    return lines


def _shown(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").rstrip("\r\n").removeprefix("\ufeff")
    return _HIDDEN.sub("\ufffd", text[:_MAX_LINE_CHARS])

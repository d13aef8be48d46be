"""A few lines of a text file around a position, to show a user where a problem is."""

from __future__ import annotations

import os

_MAX_LINE_CHARS = 400


def source_excerpt(path: str | os.PathLike[str], line: int, context: int = 2) -> list[tuple[int, str]]:
    """Lines ``line - context`` to ``line + context`` (numbered from 1) as (number, text), decoded as UTF-8
    with undecodable bytes replaced; very long lines are cut. Reads no further than it needs; returns an
    empty list when the file cannot be read."""
    first, last = max(1, line - context), line + context
    lines: list[tuple[int, str]] = []
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if number > last:
                    break
                if number >= first:
                    text = raw.decode("utf-8", errors="replace").rstrip("\r\n").removeprefix("\ufeff")
                    lines.append((number, text[:_MAX_LINE_CHARS]))
    except OSError:
        return []
    return lines

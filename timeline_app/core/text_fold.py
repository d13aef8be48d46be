"""Folding text for search: compatibility caseless form without accents, tashkeel or tatweel.

``fold(text)`` is, character by character, NFKD then casefold then NFKD again (Unicode's compatibility
caseless matching), minus every combining mark (which includes the Arabic tashkeel U+064B–U+0652) and the
tatweel U+0640, with each run of whitespace turned into one space. Because marks are dropped, folding a
text equals folding its characters one by one and joining the pieces: ``fold_with_origin`` relies on it to
map a match back to the original characters.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache, lru_cache
from itertools import compress

import numpy as np

_TATWEEL = "\u0640"
_TEXT_SEP = "\x00"  # between texts folded together in one pass
_ASCII_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # ASCII whitespace other than the space itself


@cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Two lookup tables over all code points: (removed when folding, whitespace).

    Built on first use from this Python's Unicode data. Marks and spaces live below U+20000 and in
    plane 14 (variation selectors); the planes between hold neither, so they are not scanned.
    """
    candidates = [chr(code) for code in (*range(0x20000), *range(0xE0000, 0xE1000))]
    category, combining = unicodedata.category, unicodedata.combining
    removed = np.zeros(sys.maxunicode + 1, dtype=bool)
    space = np.zeros(sys.maxunicode + 1, dtype=bool)
    removed[[ord(ch) for ch in candidates if combining(ch) or category(ch) in ("Mn", "Me")]] = True
    removed[ord(_TATWEEL)] = True
    space[[ord(ch) for ch in candidates if ch.isspace()]] = True
    return removed, space


def _collapse_spaces(codes: np.ndarray, space: np.ndarray) -> np.ndarray:
    """Every run of whitespace code points becomes one space (code 32)."""
    is_space = space[codes]
    if not is_space.any():
        return codes
    keep = ~(is_space & np.concatenate(([False], is_space[:-1])))
    return np.where(is_space, 32, codes)[keep]


def fold_ascii(text: str) -> str:
    """``fold`` for a text known to be ASCII, where it is lower() plus whitespace collapsing."""
    folded = text.lower()
    if "  " in folded or any(ch in folded for ch in _ASCII_SPACES):
        codes = np.frombuffer(folded.encode("ascii"), dtype=np.uint8)
        folded = _collapse_spaces(codes, _tables()[1]).astype(np.uint8).tobytes().decode("ascii")
    return folded


def _fold_unicode(text: str) -> str:
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    removed, space = _tables()
    codes = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = _collapse_spaces(codes[~removed[codes]], space)
    return codes.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def fold(text: str) -> str:
    """The folded form of ``text``, not trimmed (so folding texts one by one or joined gives the same)."""
    return fold_ascii(text) if text.isascii() else _fold_unicode(text)


def fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]`` in two C-level passes, not one Python call per text: the ASCII texts
    joined in one string, then the others (each distinct one once: place names and actors repeat)."""
    is_ascii = np.fromiter(map(str.isascii, texts), dtype=bool, count=len(texts))
    out = np.empty(len(texts), dtype=object)
    if is_ascii.any():
        chosen = list(compress(texts, is_ascii.tolist()))
        out[is_ascii] = _fold_joined(chosen, fold_ascii)
    if not is_ascii.all():
        chosen = list(compress(texts, (~is_ascii).tolist()))
        distinct = list(dict.fromkeys(chosen))
        folded = dict(zip(distinct, _fold_joined(distinct, _fold_unicode), strict=True))
        out[~is_ascii] = list(map(folded.__getitem__, chosen))
    return out.tolist()


def _fold_joined(texts: list[str], fold_one) -> list[str]:
    folded = fold_one(_TEXT_SEP.join(texts)).split(_TEXT_SEP)
    if len(folded) != len(texts):  # a text holds the separator itself: fold one by one
        folded = [fold_one(t) for t in texts]
    return folded


def normalise(text: str) -> str:
    """Folded and trimmed: ``normalise("  Sellström ") == "sellstrom"``, ``normalise("خَانْ") == "خان"``."""
    return fold(text).strip(" ")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def fold_with_origin(text: str) -> tuple[str, list[int], list[int]]:
    """``normalise(text)`` plus, per folded character, the original span [start, end) it came from.

    Characters that fold to nothing (marks, tatweel) join the span of the character before them, so a
    highlight never splits a letter from its accent.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    piece_from = 0
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        if not piece:
            if out:
                ends[piece_from:] = [i + 1] * (len(out) - piece_from)
            continue
        if piece[0] == " " and (not out or out[-1] == " "):
            piece = piece[1:]  # a whitespace run folds to one space, and none at the start
            if not piece:
                continue
        piece_from = len(out)
        out.extend(piece)
        starts.extend([i] * len(piece))
        ends.extend([i + 1] * len(piece))
    while out and out[-1] == " ":  # trimmed, as normalise() trims
        del out[-1], starts[-1], ends[-1]
    return "".join(out), starts, ends

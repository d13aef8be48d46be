"""Unicode direction controls in dataset text: the one rule for removing those that could reorder the UI
around the text (io reports and cleans them at load; ui applies the same rule before display)."""

from __future__ import annotations

PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
EMBEDDINGS_AND_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")  # LRE RLE PDF LRO RLO
ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
PARAGRAPH_SEPARATORS = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")


def neutralise(text: str) -> str:
    """``text`` without embeddings and overrides (U+202A–U+202E) and without unpaired isolate controls.

    Isolates that open and close within one paragraph are kept: they cannot reach outside the text.
    An isolate still open at a paragraph's end, or a PDI with nothing to close, is dropped.
    """
    out: list[str] = []
    open_at: list[int] = []
    for char in text:
        if char in EMBEDDINGS_AND_OVERRIDES:
            continue
        if char in ISOLATE_OPENERS:
            open_at.append(len(out))
        elif char == PDI:
            if not open_at:
                continue
            open_at.pop()
        elif char in PARAGRAPH_SEPARATORS:
            _drop(out, open_at)
        out.append(char)
    _drop(out, open_at)
    return "".join(out)


def _drop(out: list[str], positions: list[int]) -> None:
    for position in reversed(positions):
        out[position] = ""
    positions.clear()

"""Text search over events: accent-, case- and tashkeel-insensitive, every term required.

The index folds every searchable text of every event once (title, summary, aliases, place name and local
name, actors, tags, document symbols, vote body and names, attributions, citation quotes and locators, and
the cited sources' titles and authors). A query is folded the same way and each term is a substring test.
``match_spans`` finds the same matches in one original text and maps them back to its characters.
"""

from __future__ import annotations

import operator
import re
from itertools import compress

import numpy as np

from timeline_app.model import Dataset, Event

from .gc_pause import gc_paused
from .text_fold import fold_ascii, fold_many, fold_with_origin, normalise

__all__ = ["SearchIndex", "match_spans", "normalise", "parse_query"]

_FIELD_SEP = "\x01"  # between the fields of one haystack, so that a phrase never spans two fields
_EVENT_END = "\x02"  # closes each event's fields while all haystacks are folded as one string
_TERM_CACHE_SIZE = 64
_QUOTES = '"“”„＂'
_QUERY_PART = re.compile(f"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]?|([^\\s{_QUOTES}]+)")


def parse_query(query: str) -> tuple[str, ...]:
    """The normalised terms of a query: quoted phrases kept whole, other words split on whitespace.

    Longer terms first: they are usually rarer, so testing them first leaves fewer events for the rest.
    """
    terms = (normalise(phrase or word) for phrase, word in _QUERY_PART.findall(query))
    unique = dict.fromkeys(t for t in terms if t)
    return tuple(sorted(unique, key=len, reverse=True))


class SearchIndex:
    """Folded texts of a dataset's events and the queries over them; masks are in dataset order.

    Two stores, for speed at 100,000 events. Each event's ASCII fields form one haystack (one byte per
    character, folded in a single pass). Its other fields (Arabic, accented names), and the cited sources,
    are "shared texts": each distinct one folded and stored once, with (event, text) pairs, because local
    place names, actors and sources repeat across thousands of events.
    """

    __slots__ = ("_haystacks", "_pair_event", "_pair_text", "_shared", "_term_cache")

    def __init__(self, dataset: Dataset) -> None:
        source_code = {s.id: code for code, s in enumerate(dataset.sources)}
        fields: list[str] = []
        ends: list[int] = []
        cited: list[int] = []  # flat pairs: event index, source code, event index, source code...
        with gc_paused():
            for index, event in enumerate(dataset.events):
                _add_fields(fields, index, event, source_code, cited)
                ends.append(len(fields))
            owner = np.repeat(np.arange(len(ends), dtype=np.int32), np.diff(np.array(ends, dtype=np.int64), prepend=0))
            # One pass over the field strings (touching 1.3 million scattered strings is what costs here):
            # ASCII fields kept, others blanked ("x" * True is "x", "x" * False is "").
            kept = list(map(operator.mul, fields, map(str.isascii, fields)))
            is_ascii = np.fromiter(map(operator.is_, kept, fields), dtype=bool, count=len(fields))
            self._haystacks = _ascii_haystacks(kept, len(ends))
            others = list(compress(fields, (~is_ascii).tolist()))
            distinct = dict.fromkeys(others)
            code_of = dict(zip(distinct, range(len(distinct)), strict=True))
            sources = [_FIELD_SEP.join((s.title, s.author)) for s in dataset.sources]
            self._shared = fold_many([*distinct, *sources])
        cited_pairs = np.array(cited, dtype=np.int32).reshape(-1, 2)  # from a flat list: 20 times faster
        self._pair_event = np.concatenate([owner[~is_ascii], cited_pairs[:, 0]])
        self._pair_text = np.concatenate([
            np.fromiter(map(code_of.__getitem__, others), dtype=np.int32, count=len(others)),
            cited_pairs[:, 1] + len(distinct),
        ])
        self._term_cache: dict[str, np.ndarray] = {}  # term -> event mask; complete answers only

    def __len__(self) -> int:
        return len(self._haystacks)

    def matches(self, query: str) -> np.ndarray:
        """Boolean mask over the events (dataset order): True where every term of ``query`` occurs."""
        mask = np.ones(len(self._haystacks), dtype=bool)
        for term in parse_query(query):
            mask &= self._term_mask(term, mask)
        return mask

    def _term_mask(self, term: str, within: np.ndarray) -> np.ndarray:
        """Events containing ``term``, tested only among ``within`` (events still matching other terms).

        Typing extends a term ("sar", "sari", "sarin"): the cached answer for a term contained in this
        one narrows the events to test, since an event lacking "sar" cannot contain "sarin".
        """
        cached = self._term_cache.get(term)
        if cached is not None:
            return cached
        test = within.copy()
        for known, known_mask in self._term_cache.items():
            if known in term:
                test &= known_mask
        found = np.zeros(len(self._haystacks), dtype=bool)
        if term.isascii():  # a term with other characters cannot occur in an ASCII haystack
            rows = np.flatnonzero(test)
            found[rows] = _contains(term, self._haystacks, rows)
        texts = np.arange(len(self._shared)) if test.all() else np.unique(self._pair_text[test[self._pair_event]])
        hits = np.zeros(len(self._shared), dtype=bool)
        hits[texts] = _contains(term, self._shared, texts)
        found[self._pair_event[hits[self._pair_text]]] = True
        if within.all():  # only then is ``found`` exact for every event, and reusable by other queries
            if len(self._term_cache) >= _TERM_CACHE_SIZE:
                del self._term_cache[next(iter(self._term_cache))]
            self._term_cache[term] = found
        return found


def _contains(term: str, texts: list[str], rows: np.ndarray) -> np.ndarray:
    """Whether ``term`` occurs in ``texts[r]`` for each r in ``rows``."""
    if len(rows) == len(texts):
        return np.fromiter((term in t for t in texts), dtype=bool, count=len(texts))
    return np.fromiter((term in texts[r] for r in rows.tolist()), dtype=bool, count=len(rows))


def _add_fields(fields: list[str], index: int, event: Event, source_code: dict[str, int],
                cited: list[int]) -> None:
    """Append every searchable text of one event to ``fields``, closed by _EVENT_END; append its cited
    sources to ``cited`` as event index, source code."""
    fields += (event.title, event.summary, *event.aliases, *event.actors, *event.tags, *event.documents)
    if (place := event.place) is not None:
        fields += (place.name, place.name_local or "")
    if (vote := event.vote) is not None:
        fields += (vote.body, *vote.vetoed_by, *vote.against, *vote.abstaining, vote.note)
    for a in event.attributions:
        fields += (a.by, a.responsible or "", a.finding, a.document, a.note)
    for c in event.citations:
        fields += (c.quote or "", c.locator)
        if (code := source_code.get(c.source)) is not None:
            cited += (index, code)
    fields.append(_EVENT_END)


def _ascii_haystacks(kept: list[str], n_events: int) -> list[str]:
    """Per event, its ASCII fields folded and joined by _FIELD_SEP: one join, one fold, one split."""
    joined = _FIELD_SEP.join(kept)
    if joined.count(_EVENT_END) != n_events:  # the dataset's own text holds the marker: drop control chars
        joined = _FIELD_SEP.join(t if t == _EVENT_END else t.replace(_EVENT_END, " ") for t in kept)
    return fold_ascii(joined).split(_FIELD_SEP + _EVENT_END)[:n_events]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` in the original ``text`` where the terms of ``query`` match.

    Spans are sorted and merged where they overlap or touch. A span covers whole original characters:
    a match ending in an "ö" typed as "o" plus a combining diaeresis includes the diaeresis.
    """
    terms = parse_query(query)
    if not terms or not text:
        return []
    folded, starts, ends = fold_with_origin(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = folded.find(term)
        while at != -1:
            spans.append((starts[at], ends[at + len(term) - 1]))
            at = folded.find(term, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged

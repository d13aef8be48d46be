"""Text search over events: accent-, case- and tashkeel-insensitive, every term required.

The index folds every searchable text of every event once (title, summary, aliases, place name and local
name, actors, tags, document symbols, vote body and names, attributions, citation quotes and locators, and
the cited sources' titles and authors). A query is folded the same way and each term is a substring test.
``match_spans`` finds the same matches in one original text and maps them back to its characters.
"""

from __future__ import annotations

import re

import numpy as np

from timeline_app.model import Dataset, Event

from ..gc_pause import gc_paused
from .text_fold import fold_ascii, fold_many, fold_with_origin, normalise

__all__ = ["SearchIndex", "match_spans", "normalise", "parse_query"]

_FIELD_SEP = "\x01"  # between the fields of one haystack, so that a phrase never spans two fields
_EVENT_SEP = "\x02"  # between events while all haystacks are folded as one string
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

    Two stores, for speed at 100,000 events. "Shared texts" are stored once each with (event, text) pairs:
    actors, tags, place names and cited sources, which repeat across thousands of events, and any field
    of an event that is not ASCII (Arabic, accented names). Each event's other fields, plain ASCII, form
    its haystack: one byte per character, all folded in a single pass.
    """

    __slots__ = ("_haystacks", "_pair_event", "_pair_text", "_shared", "_term_cache")

    def __init__(self, dataset: Dataset) -> None:
        shared: dict[str, int] = {}  # raw text -> code, in first-seen order
        source_code = {s.id: shared.setdefault(_FIELD_SEP.join((s.title, s.author)), len(shared))
                       for s in dataset.sources}
        texts: list[str] = []
        pairs: list[int] = []  # flat: event index, shared code, event index, shared code...
        with gc_paused():
            for index, event in enumerate(dataset.events):
                texts.append(_event_text(index, event, shared, pairs, source_code))
            self._haystacks = _fold_haystacks(texts)
            self._shared = fold_many(list(shared))
        pair_array = np.array(pairs, dtype=np.int32).reshape(-1, 2)  # from a flat list: 20 times faster
        self._pair_event, self._pair_text = pair_array[:, 0].copy(), pair_array[:, 1].copy()
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


def _event_text(index: int, event: Event, shared: dict[str, int], pairs: list[int],
                source_code: dict[str, int]) -> str:
    """The raw ASCII haystack of one event; its shared texts go to ``shared`` and ``pairs``."""
    code = shared.setdefault
    for name in (*event.actors, *event.tags):
        pairs += (index, code(name, len(shared)))
    if (place := event.place) is not None:
        pairs += (index, code(place.name, len(shared)))
        if place.name_local:
            pairs += (index, code(place.name_local, len(shared)))
    own = [event.title, event.summary, *event.aliases, *event.documents]
    if (vote := event.vote) is not None:
        own += (vote.body, *vote.vetoed_by, *vote.against, *vote.abstaining, vote.note)
    for a in event.attributions:
        own += (a.by, a.responsible or "", a.finding, a.document, a.note)
    for c in event.citations:
        own += (c.quote or "", c.locator)
        if (source := source_code.get(c.source)) is not None:
            pairs += (index, source)
    text = _FIELD_SEP.join(own)
    if not text.isascii():  # the rare slow path: fields one by one
        for field in own:
            if not field.isascii():
                pairs += (index, code(field, len(shared)))
        text = _FIELD_SEP.join([field for field in own if field.isascii()])
    return text


def _fold_haystacks(texts: list[str]) -> list[str]:
    """Fold ASCII texts with one join, one fold and one split."""
    joined = _EVENT_SEP.join(texts)
    if joined.count(_EVENT_SEP) != max(len(texts) - 1, 0):  # the data holds the separator: not as one string
        return [fold_ascii(t) for t in texts]
    return fold_ascii(joined).split(_EVENT_SEP) if texts else []


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

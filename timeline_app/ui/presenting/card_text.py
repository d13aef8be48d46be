"""What a presentation card says about an event: the date as people write it, the title, the summary's first
sentence, and one quote with who said it. Plain strings (dataset text is data): widgets show them as plain
text. No Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core import kind_label
from ...model import Dataset, EventKind, Source
from ..bidi import isolate

__all__ = ["CardContent", "attribution_text", "first_sentence"]

CARD_QUOTE_CHARS = 320
"""A quote longer than this is passed over for a shorter one of the same event, when there is one."""

# Words that end with a full stop without ending a sentence (lowercase, without the final stop).
_ABBREVIATIONS = frozenset({
    "no", "nos", "art", "arts", "para", "paras", "p", "pp", "dr", "mr", "mrs", "ms", "st", "vs", "e.g", "i.e",
    "etc", "u.s", "u.n", "u.k", "res", "doc", "vol", "gen", "col", "lt", "maj", "sgt", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ca", "cf", "al",
})
_SENTENCE_END = re.compile(r"[.!?؟][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9\u0600-\u06FF])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it has one sentence). A full stop after a known
    abbreviation ("No.", "U.S.", "e.g.") or a single initial ("J.") does not end a sentence."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        last_word = text[:match.start()].rsplit(" ", 1)[-1].lower()
        if text[match.start()] == "." and (last_word in _ABBREVIATIONS or len(last_word) == 1):
            continue
        return text[:match.end()]
    return text


def attribution_text(source: Source, prefix: str = "— ", *, with_title: bool = True) -> str:
    """Who said it, for the card: author, (title,) date and UN document symbol. Author and title are bidi
    isolates, so an Arabic name cannot reorder the punctuation around it."""
    parts = [isolate(source.author)]
    if with_title:
        parts.append(f"“{isolate(source.title)}”")
    if source.date is not None:
        parts.append(source.date.human)
    if source.document:
        parts.append(source.document)
    return prefix + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class CardContent:
    event_id: str
    kind: EventKind
    kind_text: str
    date_text: str
    title: str
    sentence: str
    quote: str | None
    attribution: str | None

    @classmethod
    def build(cls, dataset: Dataset, event_id: str, kind_names: dict[EventKind, str] | None = None) -> CardContent:
        """The card of ``event_id``. The quote is the first quoted citation short enough for a card (else
        the shortest), attributed to its author; an event without a quote names its first source instead."""
        event = next(e for e in dataset.events if e.id == event_id)
        sources = {s.id: s for s in dataset.sources}
        cited = [c for c in event.citations if c.source in sources]
        quoted = [c for c in cited if c.quote]
        short = [c for c in quoted if len(c.quote) <= CARD_QUOTE_CHARS]
        citation = short[0] if short else min(quoted, key=lambda c: len(c.quote), default=None)
        if citation is None and cited:
            citation = cited[0]
        kind_text = (kind_names or {}).get(event.kind) or kind_label(event.kind)
        quote = f"“{' '.join(citation.quote.split())}”" if citation is not None and citation.quote else None
        attribution = None
        if citation is not None:
            # Under a quote, who and when is enough for the back row; the handout has the full citation.
            source = sources[citation.source]
            attribution = attribution_text(source, "— ", with_title=False) if quote else attribution_text(
                source, "Source: ")
        return cls(event_id=event.id, kind=event.kind, kind_text=kind_text, date_text=event.date.human,
                   title=event.title, sentence=first_sentence(event.summary), quote=quote, attribution=attribution)

"""The HTML a DetailPane shows for one event, built only from escaped pieces, with the links it contains.

Every dataset string goes through ``text_html``: neutralised, split into lines, search words highlighted,
each piece escaped, each line a bidi isolate. Internal links use private schemes; web addresses are links
only when ``links.is_web_url`` accepts them. No widgets here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.search import match_spans
from ..io.local_copies import resolve_local_copy
from ..model import Attribution, Citation, Dataset, EdtfDate, Event, Precision, Source, Vote
from .bidi import FSI, PDI, is_mainly_rtl, isolate, neutralise
from .links import LOCAL_COPY_SUFFIXES, is_web_url
from .rich_text import tooltip_text

EVENT_SCHEME, SOURCE_SCHEME, LOCAL_SCHEME = "timeline-event", "timeline-source", "timeline-local"
HIGHLIGHT_STYLE = "background:#ffe08a; color:#000000"
OTHER_EVENTS_SHOWN = 10
NO_FINDING_NOTE = ("Each column is what the named body found, in its own words. "
                   "This app states no finding of its own.")

_PRECISION_WORDS = {
    Precision.CENTURY: "century known, year not known",
    Precision.DECADE: "decade known, year not known",
    Precision.YEAR: "year known, month and day not known",
    Precision.MONTH: "month known, day not known",
}
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Where a link in the pane leads: kind is "event", "source", "web" or "local"."""

    kind: str
    value: str
    """An event id, a source id, a web address, or a local file's path."""
    status: str
    """What the pane says while the pointer is over the link."""


@dataclass(frozen=True, slots=True)
class Colours:
    """Colours (#rrggbb) taken from the widget's palette."""

    muted: str = "#5f6368"
    rule: str = "#b8bcc2"


@dataclass(frozen=True, slots=True)
class RenderedEvent:
    html: str
    links: dict[str, LinkTarget] = field(default_factory=dict)
    """Each href in ``html`` and where it leads."""


@dataclass(frozen=True, slots=True)
class DatasetIndex:
    """Look-ups the pane needs, built once per dataset: events and sources by id, and who cites what."""

    events: dict[str, Event]
    sources: dict[str, Source]
    citing: dict[str, tuple[Event, ...]]
    """Source id to the events citing it, by date, then title."""

    @classmethod
    def build(cls, dataset: Dataset) -> DatasetIndex:
        citing: dict[str, dict[str, Event]] = {}
        for event in dataset.events:
            for citation in event.citations:
                citing.setdefault(citation.source, {})[event.id] = event
        return cls(
            {event.id: event for event in dataset.events},
            {source.id: source for source in dataset.sources},
            {sid: tuple(sorted(found.values(), key=lambda e: (e.date.earliest, e.date.latest, e.title.casefold())))
             for sid, found in citing.items()},
        )


def text_html(text: str, query: str = "") -> str:
    """Dataset text as HTML: escaped, each line an isolate, matches of ``query`` highlighted.

    Spans are found in the text itself (accent-, case- and tashkeel-insensitive, as search matches) and each
    piece is escaped afterwards, never the other way round.
    """
    lines = _CONTROLS.sub("\ufffd", neutralise(text).replace("\r\n", "\n")).split("\n")
    out = []
    for line in lines:
        pieces, position = [], 0
        for start, end in match_spans(line, query) if query.strip() else ():
            pieces.append(html.escape(line[position:start]))
            pieces.append(f'<span style="{HIGHLIGHT_STYLE}">{html.escape(line[start:end])}</span>')
            position = end
        pieces.append(html.escape(line[position:]))
        out.append(FSI + "".join(pieces) + PDI)
    return "<br>".join(out)


def _block_attrs(text: str) -> str:
    # Always explicit: Qt guesses a block's direction from its first letter, even inside an isolate.
    return ' dir="rtl" align="right"' if is_mainly_rtl(text) else ' dir="ltr"'


def _work_title(text: str) -> str:
    """A work's title, in italics when its script has italics (Arabic has none, and fonts lack the glyphs)."""
    latin = all(ord(char) < 0x250 or not char.isalpha() for char in text)
    return f"<i>{text_html(text)}</i>" if latin else text_html(text)


def _joined(items: tuple[str, ...]) -> str:
    return ", ".join(text_html(item) for item in items)


def date_words(date: EdtfDate) -> list[str]:
    """How exactly a date is known, in words; empty for an exact day."""
    words = [_PRECISION_WORDS[date.precision]] if date.precision in _PRECISION_WORDS else []
    words += [word for flag, word in (
        (date.approximate, "approximate"), (date.uncertain, "uncertain"),
        (date.start_open, "open start"), (date.start_unknown, "start not known"),
        (date.end_open, "open end, possibly ongoing"), (date.end_unknown, "end not known"),
    ) if flag]
    return words


def vote_html(vote: Vote) -> str:
    """"13 in favour, 2 against, 0 abstentions — not adopted; vetoed by Russia, China"."""
    text = (f"{vote.yes} in favour, {vote.no} against, {vote.abstain} "
            f"abstention{'' if vote.abstain == 1 else 's'} — {'adopted' if vote.adopted else 'not adopted'}")
    return html.escape(text) + (f"; vetoed by {_joined(vote.vetoed_by)}" if vote.vetoed_by else "")


def render_message(message: str, colours: Colours) -> str:
    """A document that says only ``message`` (plain app text), muted and centred."""
    return (f'<html><body><p align="center" style="color:{colours.muted}; margin-top:24px">'
            f"{html.escape(message)}</p></body></html>")


def render_event(index: DatasetIndex, event: Event, *, base_dir: Path | None = None, query: str = "",
                 colours: Colours = Colours()) -> RenderedEvent:
    """The whole pane for ``event``: facts, vote, summary, findings side by side, and every source."""
    writer = _EventWriter(index, event, base_dir, query, colours)
    return RenderedEvent(writer.document(), writer.links)


class _EventWriter:
    def __init__(self, index: DatasetIndex, event: Event, base_dir: Path | None, query: str,
                 colours: Colours) -> None:
        self.index, self.event, self.base_dir, self.query, self.c = index, event, base_dir, query, colours
        self.links: dict[str, LinkTarget] = {}

    def link(self, href: str, label_html: str, target: LinkTarget) -> str:
        self.links[href] = target
        return (f'<a href="{html.escape(href)}" title="{html.escape(tooltip_text(target.status))}">'
                f"{label_html}</a>")

    def muted(self, inner_html: str) -> str:
        return f'<span style="color:{self.c.muted}">{inner_html}</span>'

    def document(self) -> str:
        style = (f"p, li, td {{ line-height: 135%; }} h3 {{ margin-top: 18px; }} "
                 f"td.label {{ color: {self.c.muted}; }}")
        parts = [f"<html><head><style>{style}</style></head><body>", self.header(), self.facts()]
        parts += [self.summary(), self.attributions(), self.sources(), "</body></html>"]
        return "".join(parts)

    def header(self) -> str:
        event = self.event
        words = date_words(event.date)
        said = self.muted(" — " + html.escape("; ".join(words))) if words else ""
        return (f"<h2{_block_attrs(event.title)}>{text_html(event.title, self.query)}</h2>"
                f'<p dir="ltr">{text_html(event.date.human)}{said}</p>')

    def facts(self) -> str:
        event, rows = self.event, []
        rows.append(("Kind", html.escape(event.kind.value.replace("-", " ").capitalize())))
        if event.place is not None:
            local = f" ({text_html(event.place.name_local)})" if event.place.name_local else ""
            rows.append(("Place", text_html(event.place.name) + local))
        for label, items in (("Actors", event.actors), ("Documents", event.documents),
                             ("Also called", event.aliases)):
            if items:
                rows.append((label, _joined(items)))
        vote = event.vote
        if vote is not None:
            rows.append((f"Vote, {text_html(vote.body)}", vote_html(vote)))
            for label, names in (("Against", vote.against), ("Abstaining", vote.abstaining)):
                if names:
                    rows.append((label, _joined(names)))
            if vote.note:
                rows.append(("About the vote", text_html(vote.note)))
        return "".join(f'<p dir="ltr" style="margin:2px 0"><b>{label}:</b> {value}</p>' for label, value in rows)

    def summary(self) -> str:
        paragraphs = [p for p in re.split(r"\n[ \t]*\n", self.event.summary) if p.strip()]
        return "".join(f"<p{_block_attrs(p)}>{text_html(p.strip(), self.query)}</p>" for p in paragraphs)

    def attributions(self) -> str:
        found = self.event.attributions
        if not found:
            return ""
        rows = [("Found by", [text_html(a.by) for a in found]),
                ("Responsible", [text_html(a.responsible) if a.responsible is not None
                                 else "<i>named no one</i>" for a in found]),
                ("How firmly", [self.quoted(a.finding) for a in found]),
                ("Where", [self.where(a) for a in found])]
        if any(a.note for a in found):
            rows.append(("Note", [text_html(a.note) for a in found]))
        body = "".join(
            f'<tr><td class="label" valign="top">{label}</td>'
            + "".join(f'<td valign="top"><p{_block_attrs(_plain(cell))}>{cell}</p></td>' for cell in cells) + "</tr>"
            for label, cells in rows)
        return (f"<h3>Findings on responsibility</h3><p>{self.muted(html.escape(NO_FINDING_NOTE))}</p>"
                f'<table width="100%" border="1" cellspacing="0" cellpadding="6" '
                f'style="border-collapse:collapse; border-style:solid; border-color:{self.c.rule}">{body}</table>')

    def quoted(self, text: str, query: str = "") -> str:
        opening, closing = ("«", "»") if is_mainly_rtl(text) else ("“", "”")
        return f"{opening}{text_html(text, query)}{closing}"

    def where(self, attribution: Attribution) -> str:
        pieces = [text_html(attribution.document)] if attribution.document else []
        if attribution.date is not None:
            pieces.append(text_html(attribution.date.human))
        source = self.index.sources.get(attribution.source or "")
        if source is not None:
            pieces.append(_work_title(source.title))
        return ", ".join(pieces) or self.muted("not given")

    def sources(self) -> str:
        if not self.event.citations:
            return f"<h3>Sources</h3><p>{self.muted('No source is cited for this event.')}</p>"
        seen: set[str] = set()
        parts = ["<h3>Sources</h3>"]
        for citation in self.event.citations:
            parts.append(self.citation(citation, first=citation.source not in seen))
            seen.add(citation.source)
        return "".join(parts)

    def citation(self, citation: Citation, *, first: bool) -> str:
        source = self.index.sources.get(citation.source)
        parts = [self.quote_block(citation)] if citation.quote else []
        if source is None:
            return "".join(parts) + f"<p>{self.muted('The cited source is not in this dataset: ')}" \
                                    f"{text_html(citation.source)}</p>"
        credit = [text_html(source.author), _work_title(source.title)]
        credit += [text_html(source.date.human)] if source.date is not None else []
        credit += [text_html(citation.locator)] if citation.locator else []
        parts.append(f'<p dir="ltr" style="margin-top:2px">{self.muted("— " + ", ".join(credit))}</p>')
        if first:
            parts += [self.source_details(source)]
        return "".join(parts)

    def quote_block(self, citation: Citation) -> str:
        quote = citation.quote or ""
        rtl = is_mainly_rtl(quote)
        before = self.muted(text_html(citation.context_before) + " ") if citation.context_before else ""
        after = self.muted(" " + text_html(citation.context_after)) if citation.context_after else ""
        side = "right" if rtl else "left"
        return (f'<table width="100%" cellspacing="0" cellpadding="8" style="border-collapse:collapse; '
                f'margin-top:10px"><tr><td style="border-{side}:3px solid {self.c.rule}">'
                f"<p{_block_attrs(quote)}>{before}{self.quoted(quote, self.query)}{after}</p></td></tr></table>")

    def source_details(self, source: Source) -> str:
        rows = [("Document", text_html(source.document))] if source.document else []
        for label, url in (("Address", source.url), ("Archived copy", source.archived_url)):
            if url is not None:
                rows.append((label, self.address(url)))
        if source.local_copy is not None and self.base_dir is not None:
            rows.append(("Local copy", self.local_copy(source)))
        lines = [f'<p dir="ltr" style="margin:2px 0">{label}: {value}</p>' for label, value in rows]
        return "".join(lines) + self.other_events(source)

    def address(self, url: str) -> str:
        if not is_web_url(url):
            return text_html(url) + self.muted(" (not a web address; the app does not open it)")
        return self.link(url.strip(), text_html(url.strip()),
                         LinkTarget("web", url.strip(), f"Opens in your web browser: {url.strip()}"))

    def local_copy(self, source: Source) -> str:
        assert source.local_copy is not None and self.base_dir is not None
        shown = text_html(source.local_copy.path)
        path = resolve_local_copy(source.local_copy.path, self.base_dir)
        if path is None:
            return shown + self.muted(" (outside the dataset's folder; not opened)")
        if not path.is_file():
            return shown + self.muted(" (not found in the dataset's folder)")
        if path.suffix.lower() not in LOCAL_COPY_SUFFIXES:
            return shown + self.muted(" (not a document type the app opens)")
        target = LinkTarget("local", str(path), f"Opens the local copy in your system viewer: {isolate(str(path))}")
        return self.link(f"{LOCAL_SCHEME}:{source.id}", "open local copy", target) + " " + self.muted(shown)

    def other_events(self, source: Source) -> str:
        others = [e for e in self.index.citing.get(source.id, ()) if e.id != self.event.id]
        if not others:
            return f'<p dir="ltr" style="margin:2px 0">{self.muted("No other event cites this source.")}</p>'
        target = LinkTarget("source", source.id, f"Lists every event citing {isolate(source.title)}")
        head = self.link(f"{SOURCE_SCHEME}:{source.id}", f"other events citing this source ({len(others)})", target)
        items = [
            '<li dir="ltr">' + self.link(f"{EVENT_SCHEME}:{other.id}", text_html(other.title),
                                         LinkTarget("event", other.id, f"Shows the event {isolate(other.title)}"))
            + self.muted(" — " + text_html(other.date.human)) + "</li>"
            for other in others[:OTHER_EVENTS_SHOWN]]
        if len(others) > OTHER_EVENTS_SHOWN:
            items.append(f"<li>{self.muted(f'and {len(others) - OTHER_EVENTS_SHOWN} more')}</li>")
        return f'<p dir="ltr" style="margin:2px 0">{head}</p><ul dir="ltr" style="margin-top:0">{"".join(items)}</ul>'


def _plain(cell_html: str) -> str:
    """The letters of a cell's HTML, for guessing its direction (tags and entities are Latin, so dropped)."""
    return re.sub(r"<[^>]*>|&[a-z#0-9]+;", "", cell_html)

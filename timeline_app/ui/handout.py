"""Story handouts for students: a compact chronology (or a page per step) with each event's date, title,
summary, quoted passages and full citations (author, title, date, document symbol, locator, address).

Dataset text is data: every piece is ``html.escape``d and wrapped in a bidi isolate before it enters the
HTML that QTextDocument lays out. The PDF is made in memory and written with ``atomic_write_bytes``."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from ..io.saving import atomic_write_bytes
from ..model import Citation, Dataset, Source
from .bidi import direction, isolate

__all__ = ["citation_text", "handout_html", "handout_pdf_bytes", "print_handout", "write_handout"]

_STYLE = """
body { font-size: 11pt; }
h1 { font-size: 20pt; margin-bottom: 4pt; }
h2 { font-size: 14pt; margin-top: 14pt; margin-bottom: 2pt; }
p.meta { color: #333333; margin: 0; }
p.note { color: #222222; font-style: italic; }
p.quote { margin-left: 14pt; font-style: italic; }
p.cite { margin-left: 14pt; color: #222222; margin-top: 0; }
"""


def _text(value: str) -> str:
    """Dataset text, escaped and isolated: shown literally, in its own direction."""
    return html.escape(isolate(value))


def citation_text(source: Source, citation: Citation | None = None) -> str:
    """A full citation, plain text: author, “title”, date, document symbol, locator, address."""
    parts = [isolate(source.author), f"“{isolate(source.title)}”"]
    if source.date is not None:
        parts.append(source.date.human)
    if source.document:
        parts.append(isolate(source.document))
    if citation is not None and citation.locator:
        parts.append(isolate(citation.locator))
    if source.url:
        parts.append(source.url)
    if source.archived_url:
        parts.append(f"archived at {source.archived_url}")
    return ", ".join(parts) + "."


def handout_html(dataset: Dataset, title: str, event_ids: Sequence[str], notes: Sequence[str] = (), *,
                 description: str = "", include_notes: bool = False, page_per_step: bool = False) -> str:
    """The handout as HTML for QTextDocument. ``notes`` are the presenter notes per step (printed only with
    ``include_notes``, for the teacher's own copy)."""
    events = {e.id: e for e in dataset.events}
    sources = {s.id: s for s in dataset.sources}
    parts = [f"<html><head><style>{_STYLE}</style></head><body>",
             f'<h1 dir="{direction(title)}">{_text(title)}</h1>']
    if description:
        parts.append(f'<p dir="{direction(description)}">{_text(description)}</p>')
    parts.append(f'<p class="meta">{len(event_ids)} steps · from “{_text(dataset.title)}”</p>')
    for number, event_id in enumerate(event_ids, start=1):
        event = events[event_id]
        style = ' style="page-break-before: always"' if page_per_step and number > 1 else ""
        parts.append(f'<h2 dir="{direction(event.title)}"{style}>{number}. {_text(event.title)}</h2>')
        place = f" · {_text(event.place.name)}" if event.place is not None else ""
        parts.append(f'<p class="meta">{html.escape(event.date.human)}{place}</p>')
        if event.summary:
            parts.append(f'<p dir="{direction(event.summary)}">{_text(event.summary)}</p>')
        if include_notes and number <= len(notes) and notes[number - 1]:
            parts.append(f'<p class="note">Presenter note: {_text(notes[number - 1])}</p>')
        for citation in event.citations:
            source = sources.get(citation.source)
            if source is None:
                continue
            if citation.quote:
                parts.append(f'<p class="quote" dir="{direction(citation.quote)}">“{_text(citation.quote)}”</p>')
            parts.append(f'<p class="cite">{html.escape(citation_text(source, citation))}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _document(html_text: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html_text)
    return document


def handout_pdf_bytes(html_text: str, title: str) -> bytes:
    """The handout laid out on A4 pages (with page numbers) as PDF bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Accountability Timeline")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    _document(html_text).print_(writer)
    buffer.close()
    return bytes(data)


def write_handout(path: str | Path, html_text: str, title: str) -> None:
    """Write the handout PDF atomically; raises io.saving.SaveError (the old file untouched)."""
    atomic_write_bytes(path, handout_pdf_bytes(html_text, title))


def print_handout(parent: QWidget | None, html_text: str, title: str) -> bool:
    """Print the handout through the system's print dialog; True when it was sent to a printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html_text).print_(printer)
    return True

"""Exports: the view as PNG, SVG and PDF (vector: the text stays text), and story handouts whose PDF text holds
every step's title and full citations; everything written atomically, dataset text never read as markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from pydantic import TypeAdapter
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtPdf import QPdfDocument
from test_presenting_support import STORY, open_window, tools_of

from timeline_app.core.stories import find_story
from timeline_app.io.saving import SaveError
from timeline_app.model import Dataset, parse_edtf
from timeline_app.ui.bidi import FSI, PDI
from timeline_app.ui.exporting import export_view
from timeline_app.ui.handout import handout_html, write_handout


def hostile_dataset():
    """A dataset whose text looks like markup: it must be printed, never interpreted."""
    return TypeAdapter(Dataset).validate_python({
        "format": "accountability-timeline", "format_version": 1, "title": "<h1>Data</h1>",
        "events": [{"id": "ev", "date": "2013-08-21", "kind": "attack", "title": "<script>alert(1)</script> & co",
                    "citations": [{"source": "src", "quote": "</p><a href='x'>click</a>"}]}],
        "sources": [{"id": "src", "title": "<b>Report</b>", "author": "A & B", "kind": "report",
                     "url": "https://example.org/?a=1&b=2"}],
    })


@pytest.fixture
def window(qtbot, monkeypatch):
    window = open_window(qtbot, monkeypatch)
    date = parse_edtf("2017-03-25/2017-04-20")
    window.canvas.set_visible_range(date.earliest, date.latest)
    qtbot.waitUntil(lambda: len(_labelled_titles(window)) >= 3)
    return window


def _labelled_titles(window) -> list[str]:
    """Titles of the events the canvas labels on screen now (the start of each, as labels may be elided)."""
    window.canvas.flush_plan()
    index = window.canvas.index
    return [window.store.dataset.events[int(index.event_index[row])].title[:14]
            for row, *_ in window.canvas.marks.plan.labels if row >= 0]


def _pdf_text(path) -> str:
    """The text of every page in order, without page numbers. QTextDocument paints a paragraph that crosses
    a page on both pages, clipped; QtPdf reads the clipped (invisible) line back too, so a page's first line
    that repeats the previous page's last one is dropped."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    lines: list[str] = []
    for page in range(document.pageCount()):
        page_lines = [line.strip() for line in document.getAllText(page).text().splitlines()]
        page_lines = [line for line in page_lines if line and not line.isdigit()]
        if lines and page_lines and page_lines[0] == lines[-1]:
            page_lines = page_lines[1:]
        lines += page_lines
    return "\n".join(lines)


_ARABIC = re.compile(r"[\u0600-\u06FF]+")


def _squashed(text: str) -> str:
    """Text without whitespace or bidi isolates: line breaks in a PDF fall anywhere in a long title or URL.
    (QtPdf reads a hyphen that ends a line inside a long URL back as U+FFFE.) Arabic words and brackets are
    left out: a PDF keeps right-to-left runs in visual order, so they are checked word by word instead."""
    text = _ARABIC.sub("", text.replace(FSI, "").replace(PDI, "").replace("\ufffe", "-"))
    return re.sub(r"[\s()]+", "", text)


def _assert_in_pdf(part: str, pdf_text: str, what: str) -> None:
    assert _squashed(part) in _squashed(pdf_text), f"{what}: {part[:60]}"
    for word in _ARABIC.findall(part):
        assert word in pdf_text, f"{what}: the Arabic word {word}"


def test_the_view_exports_as_png_at_the_size_on_screen(window, tmp_path):
    tools_of(window).share.export_view(tmp_path / "view.png")
    image = QImage(str(tmp_path / "view.png"))
    ratio = window.canvas.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(window.canvas.width() * ratio),
                                              round(window.canvas.height() * ratio))


def test_the_view_exports_as_svg_with_text_and_shapes(window, tmp_path):
    tools_of(window).share.export_view(tmp_path / "view.svg")
    root = ET.parse(tmp_path / "view.svg").getroot()
    texts = " ".join("".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Attack" in texts
    assert all(title in texts for title in _labelled_titles(window)), "event labels are SVG text"
    shapes = [node for tag in ("path", "polyline", "rect") for node in root.iter(f"{{http://www.w3.org/2000/svg}}{tag}")]
    assert len(shapes) > 20, "axes, grid and lanes are vector shapes"


def test_the_view_exports_as_a_one_page_pdf_whose_text_is_text(window, tmp_path):
    tools_of(window).share.export_view(tmp_path / "view.pdf")
    document = QPdfDocument()
    assert document.load(str(tmp_path / "view.pdf")) == QPdfDocument.Error.None_
    assert document.pageCount() == 1
    text = _pdf_text(tmp_path / "view.pdf")
    assert window.store.dataset.title in text
    assert "25 March 2017 to 20 April 2017" in text and "events shown" in text
    assert all(title in text for title in _labelled_titles(window)), "event labels are vector text, not pixels"


def test_a_failed_export_raises_and_writes_nothing(window, tmp_path):
    with pytest.raises(SaveError):
        export_view(window.canvas, tmp_path / "missing-folder" / "view.pdf")
    with pytest.raises(SaveError, match=r"\.png, \.svg or \.pdf"):
        export_view(window.canvas, tmp_path / "view.gif")
    assert list(tmp_path.iterdir()) == []


def test_the_story_handout_pdf_holds_every_step_title_and_full_citation(window, tmp_path):
    tools = tools_of(window)
    tools.choose_story(STORY)
    assert tools.share.write_handout(tmp_path / "handout.pdf")
    text = _pdf_text(tmp_path / "handout.pdf")
    dataset = window.store.dataset
    events = {e.id: e for e in dataset.events}
    sources = {s.id: s for s in dataset.sources}
    story = find_story(dataset, STORY)[1]
    _assert_in_pdf(story.title, text, "story title")
    checked = arabic_words = 0
    for step in story.steps:
        event = events[step.event]
        _assert_in_pdf(event.title, text, event.id)
        _assert_in_pdf(event.date.human, text, event.id)
        for citation in event.citations:
            source = sources[citation.source]
            for part in (source.author, source.title, source.url or "", source.document,
                         source.date.human if source.date else "", citation.quote or ""):
                _assert_in_pdf(part, text, event.id)
                arabic_words += len(_ARABIC.findall(part))
            checked += 1
    assert checked >= 15 and arabic_words > 0, "the citations include Arabic, checked word by word"
    assert _squashed(story.steps[0].note) not in _squashed(text), "the students' handout has no presenter notes"


def test_the_teachers_handout_adds_the_presenter_notes(window, tmp_path):
    tools = tools_of(window)
    tools.choose_story(STORY)
    assert tools.share.write_handout(tmp_path / "notes.pdf", include_notes=True)
    story = find_story(window.store.dataset, STORY)[1]
    _assert_in_pdf(story.steps[0].note, _pdf_text(tmp_path / "notes.pdf"), "presenter note")


def test_dataset_text_in_a_handout_is_shown_literally(tmp_path):
    dataset = hostile_dataset()
    html_text = handout_html(dataset, "<i>Story</i>", ["ev"], ["<b>note</b>"], include_notes=True)
    assert "<script>" not in html_text and "<b>note</b>" not in html_text
    document = QTextDocument()
    document.setHtml(html_text)
    plain = document.toPlainText().replace(FSI, "").replace(PDI, "")
    assert "<script>alert(1)</script> & co" in plain
    assert "<i>Story</i>" in plain and "<b>note</b>" in plain
    write_handout(tmp_path / "h.pdf", html_text, "t")
    assert "<script>alert(1)</script>" in _pdf_text(tmp_path / "h.pdf").replace(FSI, "").replace(PDI, "")


def test_a_page_per_step_handout_starts_each_step_on_a_new_page(window, tmp_path):
    dataset = window.store.dataset
    story = find_story(dataset, STORY)[1]
    html_text = handout_html(dataset, story.title, [s.event for s in story.steps], page_per_step=True)
    write_handout(tmp_path / "pages.pdf", html_text, story.title)
    document = QPdfDocument()
    document.load(str(tmp_path / "pages.pdf"))
    assert document.pageCount() >= len(story.steps)

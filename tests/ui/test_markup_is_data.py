"""Dataset text is data, never markup: a dataset whose every text field holds markup (<b>, <img onerror>,
<a href="javascript:">, &amp;, <script>) and direction overrides goes through every view that shows dataset
text; each shows the markup literally (its plain text holds the tags), no view holds a live element (an image,
a script, a link of the dataset's), and no U+202E reaches the screen (the loader removes it, with a warning).

Views: the window title, the detail pane, the event list (cells and tooltips), the canvas (its tooltip on
hover, and its labels as they come out in an SVG export), the filter lists, the problems panel, every label
of every window, the presentation card and presenter view, and the exports: SVG, PDF and the handout.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from dataset_files import shown_window
from PySide6.QtCore import QPoint
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QListWidget, QTextBrowser, QToolTip, QTreeWidget

from timeline_app.ui.exporting import view_pdf_bytes, view_svg_bytes
from timeline_app.ui.handout import handout_html, handout_pdf_bytes
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.presenting import PresentingTools

RLO = "\u202e"
TITLE = f"<b>title</b>{RLO}<script>t()</script>&amp;"  # short: the canvas draws it whole


def _markup(name: str) -> str:
    return (f'<b>{name}</b>{RLO}<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>&amp;'
            f"<script>{name}()</script>")


FIELDS = ["summary", "place", "local", "actor", "tag", "alias", "document", "body", "vetoed", "against", "abstaining",
          "vote-note", "quote", "locator", "before", "after", "by", "responsible", "finding", "attribution-document",
          "attribution-note", "source-title", "author", "source-document", "source-note", "story-title", "step-note",
          "dataset-title"]
M = {name: _markup(name) for name in FIELDS}
SHOWN = {name: text.replace(RLO, "") for name, text in {**M, "title": TITLE}.items()}  # as the loader leaves it
DETAIL_FIELDS = ["title", "summary", "place", "local", "actor", "alias", "document", "body", "vetoed", "against",
                 "abstaining", "vote-note", "quote", "locator", "before", "after", "by", "responsible", "finding",
                 "attribution-document", "attribution-note", "source-title", "author", "source-document"]


def _dataset() -> dict:
    event = {
        "id": "e0", "date": "2013-08-21", "kind": "attack", "title": TITLE, "summary": M["summary"],
        "place": {"name": M["place"], "name_local": M["local"]}, "actors": [M["actor"]], "tags": [M["tag"]],
        "aliases": [M["alias"]], "documents": [M["document"]],
        "vote": {"body": M["body"], "yes": 1, "no": 1, "abstain": 0, "adopted": False, "vetoed_by": [M["vetoed"]],
                 "against": [M["against"]], "abstaining": [M["abstaining"]], "note": M["vote-note"]},
        "citations": [{"source": "s", "quote": M["quote"], "locator": M["locator"], "context_before": M["before"],
                       "context_after": M["after"]}],
        "attributions": [{"by": M["by"], "responsible": M["responsible"], "finding": M["finding"],
                          "document": M["attribution-document"], "note": M["attribution-note"], "source": "s"}]}
    other = {"id": "e1", "date": "2014-05-22", "kind": "veto", "title": "Other", "citations": [{"source": "s"}]}
    source = {"id": "s", "title": M["source-title"], "author": M["author"], "kind": "report",
              "document": M["source-document"], "note": M["source-note"], "url": "https://example.org/report"}
    story = {"id": "st", "title": M["story-title"], "steps": [{"event": "e0", "note": M["step-note"]},
                                                              {"event": "e1"}]}
    return {"format": "accountability-timeline", "format_version": 1, "title": M["dataset-title"],
            "events": [event, other], "sources": [source], "stories": [story], "description": M["summary"]}


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(_dataset(), ensure_ascii=False), encoding="utf-8")
    win = shown_window(qtbot, path)
    win.store.select("e0")
    return win


def _rendered(text: str) -> QTextDocument:
    """How Qt shows ``text`` where it guesses the format (tooltips): as HTML when it looks like HTML."""
    document = QTextDocument()
    document.setHtml(text) if Qt.mightBeRichText(text) else document.setPlainText(text)
    return document


def _assert_inert(document: QTextDocument, allowed_links: tuple[str, ...] = ()) -> None:
    """No image, no link but the app's own, and no tag made an element of (its HTML holds them escaped)."""
    html = document.toHtml()  # the document as Qt keeps it: text escaped, elements as tags
    assert "<img" not in html and "<script" not in html  # links: each one's target is checked below
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            assert not fragment.charFormat().isImageFormat()
            href = fragment.charFormat().anchorHref()
            assert not href or href.startswith(allowed_links), href
            fragments += 1
        block = block.next()


def _anchors(document: QTextDocument) -> list[str]:
    found, block = [], document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found.append(it.fragment().charFormat().anchorHref())
            it += 1
        block = block.next()
    return [a for a in found if a]


def test_the_detail_pane_shows_every_field_literally_with_no_live_element(window) -> None:
    browser = window.detail_pane.findChild(QTextBrowser, "detailBrowser")
    text = browser.toPlainText()
    for name in DETAIL_FIELDS:
        assert SHOWN[name] in text, name
    assert RLO not in text
    _assert_inert(browser.document(), ("timeline-event:", "timeline-source:", "https://example.org/report"))


def test_the_event_list_and_its_tooltips_show_the_title_as_written(window) -> None:
    model = window.event_list.model()
    titles = [model.index(row, 2).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]
    assert SHOWN["title"] in titles
    row = titles.index(SHOWN["title"])
    tooltip = _rendered(model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole))
    assert tooltip.toPlainText() == SHOWN["title"]
    _assert_inert(tooltip)


def test_the_canvas_tooltip_and_labels_show_the_title_as_written(window, qtbot) -> None:
    plan, row = window.canvas.marks.plan, window.canvas.index.row_of("e0")
    at = int(np.flatnonzero(plan.rows == row)[0])
    QTest.mouseMove(window.canvas.viewport(), QPoint(round(plan.centre_x[at]), round(plan.y[at])))
    qtbot.waitUntil(QToolTip.isVisible)
    tooltip = _rendered(QToolTip.text())
    assert tooltip.toPlainText().splitlines()[0] == SHOWN["title"]
    _assert_inert(tooltip)
    svg = ET.fromstring(view_svg_bytes(window.canvas, SHOWN["title"]))
    texts = ["".join(element.itertext()) for element in svg.iter() if element.tag.endswith("}text")]
    assert SHOWN["title"] in texts  # the label, drawn as text: the markup is characters, not elements
    _assert_svg_inert(svg)


def test_the_pdf_export_holds_no_action(window) -> None:
    _assert_pdf_inert(view_pdf_bytes(window.canvas, SHOWN["title"], "caption"))


def test_lists_problems_labels_and_the_window_title_show_markup_as_text(window) -> None:
    assert window.windowTitle().startswith(SHOWN["dataset-title"])
    items = [lw.item(i).text() for lw in window.findChildren(QListWidget) for i in range(lw.count())]
    assert any(SHOWN["actor"] in text for text in items) and any(SHOWN["tag"] in text for text in items)
    tree = window.problems_panel
    assert isinstance(tree, QTreeWidget)
    messages = [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]
    assert "'title' contains HTML markup (<b>); the app shows it as plain text and never runs it" in messages
    assert any("hidden direction control (such as U+202E" in m for m in messages)
    for i in range(tree.topLevelItemCount()):
        shown = _rendered(tree.topLevelItem(i).toolTip(2))
        assert tree.topLevelItem(i).text(2) in shown.toPlainText()
        _assert_inert(shown)
    _assert_every_label_plain(window)


def test_the_presentation_shows_markup_as_text(window, qtbot) -> None:
    tools = window.findChild(PresentingTools)
    tools.controller.full_screen = False
    tools.choose_story("st")
    assert tools.controller.start(screens=[window.screen(), window.screen()])  # audience and presenter view
    try:
        shown = [label.text() for label in tools.controller.audience.findChildren(QLabel)]
        assert SHOWN["title"] in shown and any(SHOWN["quote"] in text for text in shown)
        if tools.controller.presenter is not None:
            notes = [label.text() for label in tools.controller.presenter.findChildren(QLabel)]
            assert any(SHOWN["step-note"] in text for text in notes)
        _assert_every_label_plain(window)
    finally:
        tools.controller.stop()


def test_the_handout_shows_markup_as_text_and_its_pdf_holds_no_action(window) -> None:
    dataset = window.store.dataset
    html = handout_html(dataset, SHOWN["story-title"], ["e0", "e1"], [SHOWN["step-note"], ""], include_notes=True)
    document = QTextDocument()
    document.setHtml(html)
    text = document.toPlainText()
    for name in ("title", "summary", "quote", "story-title", "step-note", "author", "source-title"):
        assert SHOWN[name] in text, name
    _assert_inert(document)
    _assert_pdf_inert(handout_pdf_bytes(html, SHOWN["story-title"]))


def _assert_every_label_plain(window) -> None:
    """Every label of every window that shows dataset text shows it as plain text."""
    for top in QApplication.topLevelWidgets():
        for label in top.findChildren(QLabel):
            text = label.text()
            assert RLO not in text
            if "<script>" in text or "<b>" in text:
                assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), text)
        for view in top.findChildren(QAbstractItemView):
            model = view.model()
            if model is not None and model.rowCount():
                cell = model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
                assert not isinstance(cell, str) or RLO not in cell


def _assert_svg_inert(svg: ET.Element) -> None:
    for element in svg.iter():
        name = element.tag.rsplit("}", 1)[-1]
        assert name not in ("script", "foreignObject", "a", "iframe"), name
        for attribute, value in element.attrib.items():
            assert not attribute.rsplit("}", 1)[-1].lower().startswith("on"), attribute
            assert "javascript:" not in value.lower()
        if name == "image":
            href = next((v for k, v in element.attrib.items() if k.endswith("href")), "")
            assert href.startswith("data:image/"), href[:40]


def _assert_pdf_inert(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    for action in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/URI", b"/SubmitForm", b"/OpenAction"):
        assert action not in data, action

"""The detail pane as a reader meets it: what it says about an event, its sources, and where its links go."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from pydantic import TypeAdapter
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser

from timeline_app.model import Dataset, Source
from timeline_app.ui.bidi import FSI, PDI, isolate, neutralise
from timeline_app.ui.detail_pane import DetailPane
from timeline_app.ui.event_html import HIGHLIGHT_STYLE, DatasetIndex, render_event

ARABIC_QUOTE = "وصلت إلى المستشفى أكثر من 500 حالة وفق التقرير S/2018/321"


def _dataset(events: list[dict], sources: list[dict] | None = None) -> Dataset:
    return TypeAdapter(Dataset).validate_python({
        "format": "accountability-timeline", "format_version": 1, "title": "Test",
        "events": events,
        "sources": sources if sources is not None else [
            {"id": "opcw", "title": "Third report by the IIT", "author": "OPCW", "kind": "opcw-document",
             "date": "2023-01-27", "url": "https://www.opcw.org/iit/third-report", "document": "S/2125/2023",
             "archived_url": "https://web.archive.org/web/2023/https://www.opcw.org/iit/third-report"},
            {"id": "sams", "title": "بيان", "author": "SAMS", "kind": "ngo-statement", "language": "ar"},
        ],
    })


def _event(id_: str, date: str = "2018-04-07", title: str = "Chemical attack on Douma", **extra) -> dict:
    return {"id": id_, "date": date, "kind": "attack", "title": title,
            "citations": [{"source": "opcw", "quote": "reasonable grounds to believe", "locator": "p. 3"}], **extra}


@pytest.fixture
def pane(qtbot) -> DetailPane:
    widget = DetailPane()
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    calls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(QUrl(url)) or True)
    return calls


def _browser(pane: DetailPane) -> QTextBrowser:
    return pane.findChild(QTextBrowser)


def _text(pane: DetailPane) -> str:
    return _browser(pane).toPlainText()


def _anchors(pane: DetailPane) -> dict[str, str]:
    """Each link's visible text (isolates removed) by its address."""
    found: dict[str, str] = {}
    block = _browser(pane).document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found[href] = found.get(href, "") + fragment.text().replace(FSI, "").replace(PDI, "")
            it += 1
        block = block.next()
    return found


def _click_anchor(qtbot, pane: DetailPane, href: str) -> None:
    """Click the middle of a link's first character with the mouse, as a user does."""
    browser = _browser(pane)
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href and fragment.text().strip(FSI + PDI):
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                rect = browser.cursorRect(cursor)
                browser.ensureCursorVisible()
                point = QPoint(rect.left() + 3, rect.center().y())
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def _unchecked(source: Source, **changes) -> Source:
    """A source with fields the model would refuse (to show the pane defends itself anyway)."""
    bad = copy.copy(source)
    for name, value in changes.items():
        object.__setattr__(bad, name, value)
    return bad


def test_the_pane_starts_with_a_friendly_placeholder_and_clears_back_to_it(pane):
    assert "Select an event on the timeline or in the list" in _text(pane)
    assert pane.shown_event_id is None
    pane.show_event(_dataset([_event("douma")]), "douma")
    assert pane.shown_event_id == "douma"
    pane.show_event(None, None)
    assert _text(pane).strip() == "Select an event on the timeline or in the list"
    assert pane.shown_event_id is None


def test_an_unknown_event_id_says_so_and_shows_no_event(pane):
    pane.show_event(_dataset([_event("douma")]), "no-such-event")
    assert "not in the dataset" in _text(pane)
    assert pane.shown_event_id is None


def test_title_date_kind_place_actors_documents_and_summary_are_shown(pane):
    event = _event("douma", date="2018-04", summary="Dozens were killed.\n\nThe OPCW investigated.",
                   place={"name": "Douma", "name_local": "دوما"}, actors=["Syrian Arab Air Force"],
                   documents=["S/2018/321"])
    pane.show_event(_dataset([event]), "douma")
    text = _text(pane)
    for expected in ("Chemical attack on Douma", "April 2018", "month known, day not known", "Kind: Attack",
                     "Douma", "دوما", "Syrian Arab Air Force", "S/2018/321", "Dozens were killed.",
                     "The OPCW investigated."):
        assert expected in text, expected
    assert "2018-04" not in text


@pytest.mark.parametrize(("date", "words"), [
    ("2013~", ["year known, month and day not known", "approximate"]),
    ("2016-12?", ["month known, day not known", "uncertain"]),
    ("2016-12-21/..", ["open end, possibly ongoing"]),
])
def test_inexact_dates_are_said_in_words(pane, date, words):
    pane.show_event(_dataset([_event("e", date=date)]), "e")
    for word in words:
        assert word in _text(pane)


def test_an_exact_day_needs_no_words(pane):
    pane.show_event(_dataset([_event("e", date="2013-08-21")]), "e")
    assert "21 August 2013" in _text(pane)
    assert "known" not in _text(pane).split("Sources")[0]


def test_a_vote_shows_counts_outcome_vetoes_and_names(pane):
    vote = {"body": "UN Security Council", "yes": 13, "no": 2, "abstain": 0, "adopted": False,
            "vetoed_by": ["Russia", "China"], "against": ["Russia", "China"], "abstaining": []}
    pane.show_event(_dataset([_event("veto", vote=vote)]), "veto")
    text = _text(pane).replace(FSI, "").replace(PDI, "")
    assert "13 in favour, 2 against, 0 abstentions — not adopted; vetoed by Russia, China" in text
    assert "Against: Russia, China" in text
    assert "Abstaining" not in text


def test_markup_in_the_data_is_shown_literally_and_never_interpreted(pane):
    event = _event("x", title="<b>x</b>", summary="<img src=x onerror=alert(1)>",
                   citations=[{"source": "opcw", "quote": "<script>alert(1)</script>"}])
    dataset = _dataset([event])
    pane.show_event(dataset, "x")
    text = _text(pane)
    assert "<b>x</b>" in text and "<script>alert(1)</script>" in text and "<img src=x" in text
    built = render_event(DatasetIndex.build(dataset), dataset.events[0]).html
    assert "<b>x</b>" not in built and "<script" not in built and "<img" not in built
    shown = _browser(pane).toHtml()
    assert "<script" not in shown and "<img" not in shown and "&lt;b&gt;x&lt;/b&gt;" in shown


def test_attributions_stand_side_by_side_with_named_no_one_for_null(pane):
    attributions = [
        {"by": "OPCW IIT", "responsible": "Syrian Arab Air Force", "finding": "reasonable grounds to believe",
         "document": "S/1943/2023", "date": "2023-01-27"},
        {"by": "OPCW FFM", "responsible": None, "finding": "chlorine was likely used", "document": "S/1731/2019"},
    ]
    pane.show_event(_dataset([_event("douma", attributions=attributions)]), "douma")
    tables = [f for f in _browser(pane).document().rootFrame().childFrames() if hasattr(f, "cellAt")]
    table = next(t for t in tables if "Found by" in _cell(t, 0, 0))
    assert table.columns() == 3
    assert [_cell(table, row, 0) for row in range(4)] == ["Found by", "Responsible", "How firmly", "Where"]
    assert [_cell(table, 0, c) for c in (1, 2)] == ["OPCW IIT", "OPCW FFM"]
    assert [_cell(table, 1, c) for c in (1, 2)] == ["Syrian Arab Air Force", "named no one"]
    assert _cell(table, 2, 2) == "“chlorine was likely used”"
    assert _cell(table, 3, 1) == "S/1943/2023, 27 January 2023"
    assert "states no finding of its own" in _text(pane)


def _cell(table, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace(FSI, "").replace(PDI, "").strip()


def test_a_source_shows_quote_credit_document_and_addresses_as_link_text(pane):
    pane.show_event(_dataset([_event("douma")]), "douma")
    text = _text(pane).replace(FSI, "").replace(PDI, "")
    assert "“reasonable grounds to believe”" in text
    assert "— OPCW, Third report by the IIT, 27 January 2023, p. 3" in text
    assert "Document: S/2125/2023" in text
    anchors = _anchors(pane)
    assert anchors["https://www.opcw.org/iit/third-report"] == "https://www.opcw.org/iit/third-report"
    archived = "https://web.archive.org/web/2023/https://www.opcw.org/iit/third-report"
    assert anchors[archived] == archived


def test_clicking_a_web_link_opens_that_address_once(qtbot, pane, opened):
    pane.show_event(_dataset([_event("douma")]), "douma")
    _click_anchor(qtbot, pane, "https://www.opcw.org/iit/third-report")
    assert opened == [QUrl("https://www.opcw.org/iit/third-report")]


def test_hovering_a_link_shows_its_address(pane):
    pane.show_event(_dataset([_event("douma")]), "douma")
    _browser(pane).highlighted.emit(QUrl("https://www.opcw.org/iit/third-report"))
    status = pane.findChild(QLabel, "linkStatus")
    assert status.isVisibleTo(pane) and "https://www.opcw.org/iit/third-report" in status.text()
    _browser(pane).highlighted.emit(QUrl())
    assert not status.isVisibleTo(pane)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>hi</b>",
                                 "https://example.org/\u202egpj.exe"])
def test_other_schemes_are_shown_as_text_never_as_links_and_never_opened(pane, opened, url):
    dataset = _dataset([_event("douma")])
    source = _unchecked(dataset.sources[0], url=url, archived_url=url)
    dataset = dataclasses.replace(dataset, sources=(source, dataset.sources[1]))
    pane.show_event(dataset, "douma")
    assert url.replace("\u202e", "") in _text(pane)
    assert all(not href.startswith(("javascript", "file", "data", "https://example")) for href in _anchors(pane))
    _browser(pane).anchorClicked.emit(QUrl(url))
    assert opened == []


def _citing_dataset() -> Dataset:
    events = [_event("douma")]
    events += [_event(f"e{i:02d}", date=f"20{10 + i}-01-01", title=f"Event {i}") for i in range(12)]
    events.append(_event("uncited", title="Not citing", citations=[{"source": "sams"}]))
    return _dataset(events)


def test_other_events_citing_the_source_are_listed_by_date_up_to_ten(pane):
    pane.show_event(_citing_dataset(), "e05")
    text = _text(pane)
    assert "other events citing this source (12)" in text
    listed = [t for href, t in _anchors(pane).items() if href.startswith("timeline-event:")]
    assert listed == ["Event 0", "Event 1", "Event 2", "Event 3", "Event 4", "Event 6", "Event 7",
                      "Event 8", "Chemical attack on Douma", "Event 9"]
    assert "and 2 more" in text and "Not citing" not in text


def test_the_other_events_link_asks_for_every_event_citing_the_source(qtbot, pane):
    pane.show_event(_citing_dataset(), "douma")
    with qtbot.waitSignal(pane.sourceEventsRequested, timeout=1000) as signal:
        _click_anchor(qtbot, pane, "timeline-source:opcw")
    assert signal.args == ["opcw"]


def test_clicking_another_events_title_activates_it(qtbot, pane, opened):
    pane.show_event(_citing_dataset(), "douma")
    with qtbot.waitSignal(pane.eventActivated, timeout=1000) as signal:
        _click_anchor(qtbot, pane, "timeline-event:e03")
    assert signal.args == ["e03"]
    assert opened == []


def test_a_local_copy_opens_only_inside_the_datasets_folder(qtbot, pane, opened, tmp_path):
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / "report.pdf").write_bytes(b"%PDF-1.4\n")
    dataset = _dataset([_event("douma")])
    inside = dataclasses.replace(dataset.sources[0], local_copy={"path": "copies/report.pdf", "sha256": "0" * 64})
    dataset = dataclasses.replace(dataset, sources=(inside, dataset.sources[1]))
    pane.show_event(dataset, "douma")
    assert not any(h.startswith("timeline-local:") for h in _anchors(pane))
    pane.show_event(dataset, "douma", base_dir=tmp_path)
    assert _anchors(pane)["timeline-local:opcw"] == "open local copy"
    _click_anchor(qtbot, pane, "timeline-local:opcw")
    assert opened == [QUrl.fromLocalFile(str((tmp_path / "copies" / "report.pdf").resolve()))]

    outside = dataclasses.replace(inside, local_copy={"path": "../report.pdf", "sha256": "0" * 64})
    pane.show_event(dataclasses.replace(dataset, sources=(outside,)), "douma", base_dir=tmp_path / "copies")
    assert not any(h.startswith("timeline-local:") for h in _anchors(pane))
    assert "outside the dataset's folder" in _text(pane)


def _highlighted(pane: DetailPane) -> list[str]:
    marked, block = [], _browser(pane).document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().background().color().name() == "#ffe08a":
                marked.append(it.fragment().text())
            it += 1
        block = block.next()
    return marked


def test_highlight_marks_exactly_the_search_words_in_title_summary_and_quotes(pane):
    event = _event("g", title="Sarin GAS attack on Ghouta", summary="Rockets carrying gas hit Zamalka; Gassing.",
                   citations=[{"source": "opcw", "quote": "a gas attack <gas> occurred"}])
    pane.show_event(_dataset([event]), "g", highlight="  gas   Attack ")
    assert _highlighted(pane) == ["GAS", "attack", "gas", "Gas", "gas", "attack", "gas"]
    assert "<gas>" in _text(pane)
    pane.show_event(_dataset([event]), "g", highlight="   ")
    assert _highlighted(pane) == []


def test_highlight_ignores_accents_and_tashkeel_as_search_does(pane):
    event = _event("s", title="Sellström report on خَان شيخون")
    pane.show_event(_dataset([event]), "s", highlight="sellstrom خان")
    assert _highlighted(pane) == ["Sellström", "خَان"]


def test_highlighting_finds_words_in_the_text_then_escapes_each_piece(pane):
    dataset = _dataset([_event("a", title="Fish & chips <a> &amp;")])
    built = render_event(DatasetIndex.build(dataset), dataset.events[0], query="<a> amp").html
    span = f'<span style="{HIGHLIGHT_STYLE}">'
    assert f"Fish &amp; chips {span}&lt;a&gt;</span> &amp;{span}amp</span>;" in built


def test_isolate_wraps_text_and_removes_stray_direction_controls():
    assert isolate("Douma") == FSI + "Douma" + PDI
    assert isolate("a\u202eb\u202cc") == FSI + "abc" + PDI
    assert neutralise("x\u2069y") == "xy"
    assert neutralise("\u2067ab\u2069 c") == "\u2067ab\u2069 c"
    assert neutralise("\u2066open only") == "open only"
    assert isolate("one\ntwo") == f"{FSI}one{PDI}\n{FSI}two{PDI}"


def test_arabic_is_isolated_and_an_arabic_quote_is_a_right_to_left_block(pane):
    event = _event("d", summary="Volunteers of الدفاع المدني السوري reported the attack.",
                   title="Douma \u202eattack", citations=[{"source": "sams", "quote": ARABIC_QUOTE}])
    pane.show_event(_dataset([event]), "d")
    text = _text(pane)
    assert f"{FSI}Volunteers of الدفاع المدني السوري reported the attack.{PDI}" in text
    assert f"{FSI}{ARABIC_QUOTE}{PDI}" in text
    assert "\u202e" not in text
    block = _browser(pane).document().find(ARABIC_QUOTE).block()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight
    summary = _browser(pane).document().find("Volunteers").block()
    assert summary.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "dir='rtl'" in _browser(pane).toHtml() or 'dir="rtl"' in _browser(pane).toHtml()

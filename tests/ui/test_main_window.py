"""The timeline window as a user meets it: zoom, navigation, filters, search, selection, problems."""

from __future__ import annotations

import json

import pytest
from dataset_files import shown_window
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QTextBrowser

from timeline_app.model import EventKind, parse_edtf
from timeline_app.ui.main_window import MainWindow

DAY = 86_400.0


def _event(id_, date, title, kind="attack", quote=None, **extra):
    citation = {"source": "s1"}
    if quote:
        citation["quote"] = quote
    return {"id": id_, "date": date, "kind": kind, "title": title, "citations": [citation], **extra}


def _write(tmp_path, events, name="data.json"):
    path = tmp_path / name
    path.write_text(json.dumps({
        "format": "accountability-timeline", "format_version": 1, "title": "Class test", "events": events,
        "sources": [{"id": "s1", "title": "A statement", "author": "An NGO", "kind": "ngo-statement",
                     "url": "https://example.org/statement"}],
    }, indent=2), encoding="utf-8")
    return path


EVENTS = [
    _event("ghouta", "2013-08-21", "Ghouta attack", quote="rockets carrying a nerve agent"),
    _event("veto-2014", "2014-05-22", "ICC referral vetoed", kind="veto"),
    _event("jim", "2015-08-07", "JIM created", kind="mechanism"),
    _event("khan-shaykhun", "2017-04-04", "Khan Shaykhun attack", aliases=["Khan Sheikhoun"]),
    _event("shayrat", "2017-04-07", "US strike on Shayrat", kind="strike"),
    _event("douma", "2018-04-07", "Douma attack"),
]


@pytest.fixture
def window(qtbot, tmp_path):
    return shown_window(qtbot, _write(tmp_path, EVENTS))


def _list_ids(win) -> list[str]:
    model = win.event_list.model()
    return [model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())]


def _canvas_ids(win) -> set[str]:
    index = win.canvas.index
    return {index.event_id(r) for r in range(len(index.start))}


def _view_point(win, t: float, lane_y: float) -> QPoint:
    view = win.canvas.getPlotItem().getViewBox()
    scene = view.mapViewToScene(QPointF(t, lane_y))
    return win.canvas.mapFromScene(scene)


def test_wheel_zooms_in_around_the_cursor(window, qtbot):
    x0, x1 = window.canvas.visible_range()
    anchor = parse_edtf("2015-08-07").earliest
    point = _view_point(window, anchor, 1.0)
    qtbot.wait(10)
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(QPointF(point), QPointF(window.canvas.viewport().mapToGlobal(point)), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(window.canvas.viewport(), event)
    y0, y1 = window.canvas.visible_range()
    assert (y1 - y0) < (x1 - x0) * 0.9, "the wheel did not zoom in"
    # the time under the cursor stays where it was on screen
    before = (anchor - x0) / (x1 - x0)
    after = (anchor - y0) / (y1 - y0)
    assert after == pytest.approx(before, abs=0.02)


@pytest.mark.parametrize("value", [0.25, 1.5])  # 1.5: a driver reporting one large step must still zoom in
def test_a_trackpad_pinch_zooms_around_the_fingers(window, qtbot, value):
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice
    from PySide6.QtWidgets import QApplication

    x0, x1 = window.canvas.visible_range()
    anchor = parse_edtf("2015-08-07").earliest
    point = QPointF(_view_point(window, anchor, 1.0))
    global_point = QPointF(window.canvas.viewport().mapToGlobal(point.toPoint()))
    spread = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
                                 point, point, global_point, value, QPointF(0, 0))
    QApplication.sendEvent(window.canvas.viewport(), spread)
    y0, y1 = window.canvas.visible_range()
    assert 0 < y1 - y0 < (x1 - x0) * 0.9, "spreading the fingers did not zoom in"
    assert (anchor - y0) / (y1 - y0) == pytest.approx((anchor - x0) / (x1 - x0), abs=0.02)
    pinch = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
                                point, point, global_point, -value, QPointF(0, 0))
    QApplication.sendEvent(window.canvas.viewport(), pinch)
    z0, z1 = window.canvas.visible_range()
    assert z1 - z0 == pytest.approx(x1 - x0, rel=0.02)  # pinching back by as much returns to the same window


def test_plus_and_minus_keys_zoom_around_the_selected_event(window, qtbot):
    window.store.select("jim")
    x0, x1 = window.canvas.visible_range()
    centre = parse_edtf("2015-08-07").earliest
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Plus)
    y0, y1 = window.canvas.visible_range()
    assert (y1 - y0) == pytest.approx((x1 - x0) / 1.5, rel=0.01)
    assert (centre - y0) / (y1 - y0) == pytest.approx((centre - x0) / (x1 - x0), abs=0.01)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Minus)
    z0, z1 = window.canvas.visible_range()
    assert (z1 - z0) == pytest.approx(x1 - x0, rel=0.01)


def test_fit_key_shows_every_event(window, qtbot):
    window.canvas.set_visible_range(parse_edtf("2017-04").earliest, parse_edtf("2017-04").latest)
    qtbot.keyClick(window.canvas, Qt.Key.Key_F)
    x0, x1 = window.canvas.visible_range()
    assert x0 <= parse_edtf("2013-08-21").earliest and x1 >= parse_edtf("2018-04-07").latest


def test_right_moves_the_selection_to_the_next_event_in_time_and_keeps_it_in_view(window, qtbot):
    window.store.select("khan-shaykhun")
    window.canvas.set_visible_range(parse_edtf("2017-04-01").earliest, parse_edtf("2017-04-05").latest)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert window.store.selected_id == "shayrat"
    x0, x1 = window.canvas.visible_range()
    assert x0 <= parse_edtf("2017-04-07").earliest <= x1
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    assert window.store.selected_id == "jim"
    qtbot.keyClick(window.canvas, Qt.Key.Key_End)
    assert window.store.selected_id == "douma"
    assert window.event_list.selected_event_id() == "douma"


def test_a_kind_filter_hides_exactly_those_events_in_canvas_and_list(window, qtbot):
    window.filter_panel.kind_boxes[EventKind.ATTACK].setChecked(False)
    hidden = {"ghouta", "khan-shaykhun", "douma"}
    assert _canvas_ids(window) == {e["id"] for e in EVENTS} - hidden
    assert set(_list_ids(window)) == {e["id"] for e in EVENTS} - hidden
    assert "Showing 3 of 6" in window.filter_panel.count_label.text()


def test_search_finds_an_event_by_a_word_inside_a_quote(window, qtbot):
    qtbot.keyClicks(window.filter_panel.search_box, "nerve")
    qtbot.waitUntil(lambda: _list_ids(window) == ["ghouta"], timeout=2000)
    assert _canvas_ids(window) == {"ghouta"}
    window.store.select("ghouta")
    html = window.detail_pane.findChild(QTextBrowser).toHtml()
    assert "background" in html and "nerve" in html


def test_search_finds_an_alias_spelling(window, qtbot):
    qtbot.keyClicks(window.filter_panel.search_box, "sheikhoun")
    qtbot.waitUntil(lambda: _list_ids(window) == ["khan-shaykhun"], timeout=2000)


def test_clicking_an_event_on_the_canvas_selects_it(window, qtbot):
    window.canvas.set_visible_range(parse_edtf("2017-03-25").earliest, parse_edtf("2017-04-15").latest)
    window.canvas.flush_plan()
    plan = window.canvas.marks.plan
    row = window.canvas.index.row_of("khan-shaykhun")
    i = list(plan.rows).index(row)
    point = QPoint(int(plan.centre_x[i]), int(plan.y[i]))
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.store.selected_id == "khan-shaykhun"
    text = window.detail_pane.findChild(QTextBrowser).toPlainText()
    assert "Khan Shaykhun attack" in text and "4 April 2017" in text


def test_a_title_with_markup_shows_the_tags_literally(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_path(_write(tmp_path, [_event("m", "2013-05-01", "<b>x</b>")]))
    win.store.select("m")
    assert win.event_list.model().index(0, 2).data() == "<b>x</b>"
    assert "<b>x</b>" in win.detail_pane.findChild(QTextBrowser).toPlainText()
    assert win.canvas.marks._titles == ["<b>x</b>"]


def test_a_dataset_with_one_bad_event_opens_with_the_others_and_lists_the_problem(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    bad = [*EVENTS[:2], _event("bad", "2018-13-01", "Impossible month"), *EVENTS[2:]]
    win.open_path(_write(tmp_path, bad))
    assert set(_list_ids(win)) == {e["id"] for e in EVENTS}
    assert _canvas_ids(win) == {e["id"] for e in EVENTS}
    messages = [win.problems_panel.topLevelItem(i).text(2) for i in range(win.problems_panel.topLevelItemCount())]
    assert any("there is no month 13" in m for m in messages)
    assert win.problems_panel.topLevelItem(0).text(1).startswith("line ")


def test_an_unreadable_file_is_reported_in_the_window(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_path(tmp_path / "missing.json")
    assert win.event_list.model().rowCount() == 0
    assert win.problems_panel.topLevelItem(0).text(2) == "no such file"


def test_the_view_is_restored_at_the_next_start(qtbot, tmp_path):
    path = _write(tmp_path, EVENTS)
    first = MainWindow()
    qtbot.addWidget(first)
    first.open_path(path)
    first.store.select("jim")
    window = (parse_edtf("2015").earliest, parse_edtf("2016").latest)
    first.canvas.set_visible_range(*window)
    first.filter_panel.search_box.setText("JIM")
    qtbot.waitUntil(lambda: first.store.filter.text == "JIM", timeout=2000)
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.open_path(path)
    assert second.store.selected_id == "jim"
    assert second.store.filter.text == "JIM"
    assert second.canvas.visible_range() == pytest.approx(window, rel=1e-6)


def test_the_file_is_reloaded_when_it_changes_on_disk(qtbot, tmp_path):
    path = _write(tmp_path, EVENTS[:2])
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_path(path)
    assert len(_list_ids(win)) == 2
    _write(tmp_path, EVENTS)
    qtbot.waitUntil(lambda: len(_list_ids(win)) == len(EVENTS), timeout=5000)


def test_the_bundled_dataset_opens_without_problems(qtbot):
    from timeline_app.paths import bundled_dataset_path

    win = MainWindow()
    qtbot.addWidget(win)
    win.open_path(bundled_dataset_path())
    assert win.store.result.problems == ()
    assert win.event_list.model().rowCount() >= 80


def test_search_matches_are_highlighted_in_the_list(window, qtbot):
    qtbot.keyClicks(window.filter_panel.search_box, "shaykhun")
    qtbot.waitUntil(lambda: _list_ids(window) == ["khan-shaykhun"], timeout=2000)
    index = window.event_list.model().index(0, 2)
    assert window.event_list.title_delegate.spans_for(index) == [(5, 13)]  # "Khan Shaykhun attack"
    shot = window.event_list.viewport().grab().toImage()
    rect = window.event_list.visualRect(index)
    colours = {shot.pixelColor(x, rect.center().y()).name() for x in range(rect.left(), rect.right())}
    assert "#ffe08a" in colours


def test_selecting_a_problem_shows_where_it_is_in_the_file(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    bad = [*EVENTS[:2], _event("bad", "2018-13-01", "Impossible month"), *EVENTS[2:]]
    path = _write(tmp_path, bad)
    win.open_path(path)
    panel = win.problems_panel
    target = next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount())
                  if "month 13" in panel.topLevelItem(i).text(2))
    panel.setCurrentItem(target)
    shown = win.source_excerpt.toPlainText().splitlines()
    line, column = (int(n) for n in target.text(1).replace("line ", "").replace("column ", "").split(", "))
    marked = next(i for i, text in enumerate(shown) if text.startswith(">"))
    assert path.read_text().splitlines()[line - 1] in shown[marked]
    assert shown[marked + 1].index("^") - shown[marked].index("| ") - 2 == column - 1
    assert shown[marked].split("| ", 1)[1][column - 1:].startswith('"2018-13-01"')

"""Navigation as a user does it: drag to pan, drag the overview's window, Home and Enter on the canvas,
and a file dropped on the window."""

from __future__ import annotations

import pytest
from dataset_files import event, shown_window, write_dataset
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextBrowser

from timeline_app.model import parse_edtf

EVENTS = [event("ghouta", "2013-08-21", "Ghouta attack"), event("jim", "2015-08-07", "JIM created", "mechanism"),
          event("khan-shaykhun", "2017-04-04", "Khan Shaykhun attack"), event("douma", "2018-04-07", "Douma attack")]


@pytest.fixture
def window(qtbot, tmp_path):
    return shown_window(qtbot, write_dataset(tmp_path / "nav.json", EVENTS, "Navigation"))


def _drag(widget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """A left-button drag made of real press, move and release events."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier

    def send(kind, pos, button, buttons):
        local = QPointF(pos)
        QApplication.sendEvent(widget, QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons,
                                                   mods))

    send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, steps + 1):
        QTest.qWait(20)  # a hand's pace: pyqtgraph's scene handles at most about 60 moves a second
        send(QMouseEvent.Type.MouseMove, start + (end - start) * i / steps, none, left)
    QTest.qWait(20)
    send(QMouseEvent.Type.MouseButtonRelease, end, left, none)


def test_dragging_the_canvas_pans_by_the_distance_dragged(window, qtbot) -> None:
    canvas = window.canvas
    canvas.set_visible_range(parse_edtf("2015").earliest, parse_edtf("2016").earliest)  # room to pan both ways
    x0, x1 = canvas.visible_range()
    viewport = canvas.viewport()
    middle = QPoint(viewport.width() // 2 + 60, viewport.height() // 2)
    _drag(viewport, middle, middle + QPoint(-200, 0))
    y0, y1 = canvas.visible_range()
    assert y1 - y0 == pytest.approx(x1 - x0, rel=1e-6)  # a pan, not a zoom
    plot_width = canvas.getPlotItem().getViewBox().width()
    assert (y0 - x0) == pytest.approx((x1 - x0) * 200 / plot_width, rel=0.1)  # dragged left: later times


def test_dragging_the_overview_window_moves_the_canvas(window, qtbot) -> None:
    window.canvas.set_visible_range(parse_edtf("2014").earliest, parse_edtf("2015").earliest)
    qtbot.wait(20)
    overview = window.overview
    view = overview.getPlotItem().getViewBox()
    x0, x1 = window.canvas.visible_range()
    centre = overview.mapFromScene(view.mapViewToScene(QPointF((x0 + x1) / 2, 1)))
    _drag(overview.viewport(), centre, centre + QPoint(80, 0))
    y0, y1 = window.canvas.visible_range()
    assert y0 > x0 + 100 * 86_400 and y1 - y0 == pytest.approx(x1 - x0, rel=0.01)
    assert window.overview.region.getRegion() == pytest.approx((y0, y1))


def test_home_selects_the_first_event_and_enter_opens_its_details(window, qtbot) -> None:
    window._docks["details"].hide()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_End)
    assert window.store.selected_id == "douma"
    qtbot.keyClick(window.canvas, Qt.Key.Key_Home)
    assert window.store.selected_id == "ghouta"
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert window._docks["details"].isVisible()
    assert window.detail_pane.findChild(QTextBrowser).toPlainText().startswith("\u2068Ghouta attack\u2069")


def test_a_file_dropped_on_the_window_is_opened(window, qtbot, tmp_path) -> None:
    dropped = write_dataset(tmp_path / "dropped.json",
                            [event("aleppo", "2016-12-13", "Aleppo evacuation talks", "diplomacy")])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert window.store.path == dropped
    assert [e.id for e in window.store.dataset.events] == ["aleppo"]

"""The window as a user meets it: it opens what is valid and lists every problem."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from timeline_app.ui.main_window import MainWindow


def _dataset(events):
    return {
        "format": "accountability-timeline", "format_version": 1, "title": "Class test",
        "events": events,
        "sources": [{"id": "s1", "title": "A statement", "author": "An NGO", "kind": "ngo-statement"}],
    }


def _event(id_, date, title):
    return {"id": id_, "date": date, "kind": "attack", "title": title, "citations": [{"source": "s1"}]}


def _titles(window: MainWindow) -> list[str]:
    model = window.event_table.model()
    return [model.index(row, 2).data() for row in range(model.rowCount())]


def test_a_dataset_with_one_bad_event_opens_with_the_others_and_lists_the_problem(qtbot, tmp_path):
    path = tmp_path / "one-bad.json"
    path.write_text(json.dumps(_dataset([
        _event("first", "2013-08-21", "Ghouta"),
        _event("bad", "2018-13-01", "Impossible month"),
        _event("third", "2017-04-04", "Khan Shaykhun"),
    ]), indent=2))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)

    assert sorted(_titles(window)) == ["Ghouta", "Khan Shaykhun"]
    messages = [window.problems_panel.topLevelItem(i).text(2)
                for i in range(window.problems_panel.topLevelItemCount())]
    assert any("there is no month 13" in m for m in messages)
    assert any("left out" in m for m in messages)
    where = window.problems_panel.topLevelItem(0).text(1)
    assert where.startswith("line ")


def test_events_sort_by_date_not_by_text(qtbot, tmp_path):
    path = tmp_path / "dates.json"
    path.write_text(json.dumps(_dataset([
        _event("b", "2017-04-04", "April 2017"),
        _event("a", "2013-08-21", "August 2013"),
        _event("c", "2014-05", "May 2014"),
    ])))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    window.event_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _titles(window) == ["August 2013", "May 2014", "April 2017"]


def test_markup_in_a_title_is_shown_literally(qtbot, tmp_path):
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(_dataset([_event("m", "2013", "<b>x</b>")])))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    index = window.event_table.model().index(0, 2)
    assert index.data() == "<b>x</b>"
    assert "&lt;b&gt;x&lt;/b&gt;" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_an_unreadable_file_is_reported_in_the_window(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(tmp_path / "missing.json")
    assert window.event_table.model().rowCount() == 0
    assert window.problems_panel.topLevelItem(0).text(2) == "no such file"


def test_the_bundled_dataset_opens_without_problems(qtbot):
    from timeline_app.paths import bundled_dataset_path

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(bundled_dataset_path())
    assert window.result is not None and window.result.problems == ()
    assert window.event_table.model().rowCount() >= 5

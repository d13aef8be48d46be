"""Large files: loaded off the window's thread, with a progress dialog whose value advances and whose Cancel
keeps the dataset already open; the window keeps handling events while a 200,000-event file loads.

The file is made from benchmarks/generate.py: 2,000 realistic events, a hundred times over with new ids
(about 220 MB, above the 20 MB from which loads go to a worker). How long the window's thread was away is
printed as a figure, not asserted; what is asserted is that it kept handling timer events throughout.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from dataset_files import load_generator
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton

from timeline_app.ui.load_runner import LARGE_FILE_BYTES, LoadRunner
from timeline_app.ui.main_window import MainWindow

EVENTS = 200_000


@pytest.fixture(scope="module")
def large_file(tmp_path_factory) -> Path:
    generate = load_generator()
    document = generate.generate_dataset(EVENTS // 100, seed=7)
    first = document["events"]
    document["events"] = [{**event, "id": f"{event['id']}-r{copy}"} if copy else event
                          for copy in range(100) for event in first]
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_bytes(generate.dataset_bytes(document))
    assert path.stat().st_size > 10 * LARGE_FILE_BYTES
    return path


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"format": "accountability-timeline", "format_version": 1, "title": "Small one",
                                 "events": [{"id": "a", "date": "2013-08-21", "kind": "attack", "title": "A"}]}))
    win.open_path(small)  # small: loaded at once, as before
    assert win.findChild(LoadRunner) is None and win.store.path == small
    return win


def test_cancel_stops_a_large_load_and_keeps_the_open_dataset(qtbot, window, large_file) -> None:
    opened = window.store.path
    window.open_path(large_file)
    runner = window.findChild(LoadRunner)
    dialog = window.findChild(QProgressDialog)
    assert runner is not None and dialog is not None and dialog.isVisible()
    assert dialog.findChild(QLabel).text() == f"Opening large.json ({large_file.stat().st_size / 2**20:,.0f} MB)…"
    values: list[int] = []
    runner.progressed.connect(values.append)
    qtbot.waitUntil(lambda: dialog.value() >= 250, timeout=120_000)
    with qtbot.waitSignal(runner.finished, timeout=60_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    assert values == sorted(values) and len(set(values)) >= 5 and values[-1] < 1000
    assert window.store.path == opened and window.windowTitle().startswith("Small one")
    assert [e.id for e in window.store.dataset.events] == ["a"]
    assert window.statusBar().currentMessage() == "Opening large.json was cancelled."
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is None)


def test_a_large_file_loads_while_the_window_keeps_answering(qtbot, window, large_file, capsys) -> None:
    ticks: list[float] = []
    progress: list[tuple[float, int]] = []
    timer = QTimer(window)
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    window.open_path(large_file)
    runner = window.findChild(LoadRunner)
    runner.progressed.connect(lambda value: progress.append((time.perf_counter(), value)))
    with qtbot.waitSignal(runner.finished, timeout=300_000):
        pass
    shown = time.perf_counter()
    timer.stop()
    loaded = progress[-1][0]  # the last step of the load (1,000): after it, the window builds its views
    assert [value for _, value in progress][-1] == 1000
    values = [value for _, value in progress]
    assert values == sorted(values) and len(set(values)) >= 50
    during = [t for t in ticks if started <= t <= loaded]
    assert len(during) >= 20, f"the window handled {len(during)} timer events in {loaded - started:.1f} s of loading"
    assert len(window.store.dataset.events) == EVENTS and window.store.path == large_file
    assert window.store.result.left_out == {} and window.findChild(QLabel, "leftOutLabel").isHidden()
    gaps = [b - a for a, b in zip([started, *during], [*during, loaded], strict=True)]
    with capsys.disabled():
        print(f"\n{EVENTS:,} events, {large_file.stat().st_size / 2**20:,.0f} MB: loaded in the worker in "
              f"{loaded - started:.1f} s, {len(during)} timer ticks meanwhile (every 50 ms asked), longest gap "
              f"{max(gaps) * 1000:.0f} ms; the window then built its views in {shown - loaded:.1f} s")


def test_the_column_arrays_of_a_large_file_are_built_off_the_window_thread(qtbot, window, large_file,
                                                                           monkeypatch) -> None:
    import threading

    from timeline_app.core.columns import EventColumns

    built_in: list[str] = []
    original = EventColumns.build.__func__
    monkeypatch.setattr(EventColumns, "build", classmethod(
        lambda cls, dataset: built_in.append(threading.current_thread().name) or original(cls, dataset)))
    window.open_path(large_file)
    runner = window.findChild(LoadRunner)
    with qtbot.waitSignal(runner.finished, timeout=300_000):
        pass
    assert len(window.store.dataset.events) == EVENTS
    assert built_in and threading.main_thread().name not in built_in  # built once, in the worker


def test_a_large_file_over_the_limit_is_refused_in_the_problems_not_a_crash(qtbot, window, tmp_path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(400 * 1024 * 1024)  # sparse
    window.open_path(huge)
    runner = window.findChild(LoadRunner)
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        pass
    (problem,) = window.store.result.problems
    assert problem.message.startswith("the file is 400 MB, larger than the limit of 300 MB for a dataset")
    assert window.store.dataset is None


def test_left_out_items_are_counted_in_the_status_bar(qtbot, window, tmp_path) -> None:
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"format": "accountability-timeline", "format_version": 1, "title": "Partial",
                                   "events": [{"id": "a", "date": "2013", "kind": "attack", "title": "A"},
                                              {"id": "b", "date": "2013-02-30", "kind": "attack", "title": "B"},
                                              {"id": "c", "date": "2014", "kind": "nope", "title": "C"}]}))
    window.open_path(partial)
    label = window.findChild(QLabel, "leftOutLabel")
    assert label.isVisible() and label.text() == "Left out: 2 of 3 events (see Problems)"
    window.open_path(window.store.path.with_name("small.json"))
    assert label.isHidden()


def test_the_progress_dialog_shows_a_hidden_character_of_a_file_name_as_an_escape(qtbot, window, tmp_path,
                                                                                     monkeypatch) -> None:
    monkeypatch.setattr("timeline_app.ui.load_runner.LARGE_FILE_BYTES", 0)  # this small file goes to the worker
    named = tmp_path / "report\u202enosj.json"
    named.write_bytes(window.store.path.read_bytes())
    window.open_path(named)
    runner = window.findChild(LoadRunner)
    label = window.findChild(QProgressDialog).findChild(QLabel)
    assert label.text() == "Opening report\\u202enosj.json (0 MB)…"
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        pass
    assert window.store.path == named



def test_showing_progress_does_not_run_the_event_loop(qtbot, window) -> None:
    # A modal QProgressDialog's setValue() runs the event loop itself. The worker's result, queued right
    # behind its last progress, was then handled inside setValue(), which deleted the dialog under it: a crash
    # (QProgressBar::maximum(), in 1 load of 30-60 of a small file under test). Progress is shown without
    # running the loop, so nothing else is handled in the middle of it.
    runner = LoadRunner(window, window.store.path, require_citations=False, on_loaded=lambda _result: None)
    runner.dialog.show()
    qtbot.waitExposed(runner.dialog)
    handled = []
    QTimer.singleShot(0, lambda: handled.append("an event handled meanwhile"))
    for value in (300, 400, 500):  # as the worker reports progress (here from this thread)
        runner._worker.progressed.emit(value)
    assert runner.dialog.value() == 500 and handled == []
    qtbot.waitUntil(lambda: bool(handled))
    runner.deleteLater()

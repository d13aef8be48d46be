"""The Stories panel: make a story from the filter or event by event, reorder, write notes, undo, and save into
the dataset through io.saving (atomic; a failed save keeps both the file and the edits)."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox
from test_presenting_support import STORY, open_window, tools_of

from timeline_app.core import FilterState
from timeline_app.core.stories import events_in_time_order, find_story
from timeline_app.io import load_dataset
from timeline_app.model import EventKind
from timeline_app.paths import bundled_dataset_path
from timeline_app.ui.bidi import FSI, PDI

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "class.json"
    path.write_bytes(bundled_dataset_path().read_bytes())
    return path


@pytest.fixture
def window(qtbot, monkeypatch, copy):
    # Closing with unsaved edits asks; the tests answer "Discard" unless they say otherwise.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    return open_window(qtbot, monkeypatch, copy)


@pytest.fixture
def editor(window, qtbot):
    editor = tools_of(window).editor
    editor.show()
    editor.show_story(STORY)
    qtbot.waitExposed(editor)
    return editor


def _steps(window, story_id=STORY) -> list[str]:
    return [step.event for step in find_story(window.store.dataset, story_id)[1].steps]


def _select_row(editor, row: int) -> None:
    editor.steps_view.setCurrentIndex(editor.model.index(row, 0))


def test_the_steps_model_passes_the_model_tester_and_lists_the_story(editor, window, qtmodeltester):
    qtmodeltester.check(editor.model)
    assert editor.model.rowCount() == 15
    first = window.store.dataset.events[window.store.event_row(_steps(window)[0])]
    text = editor.model.index(0, 0).data().replace(FSI, "").replace(PDI, "")
    assert text == f"1. {first.date.short} — {first.title}"


def test_a_story_made_from_the_filter_holds_the_filtered_events_in_time_order(window, editor, qtbot):
    window.store.set_filter(FilterState(kinds=frozenset({EventKind.VETO})))
    assert editor.new_story_from_filter("Vetoes in class")
    expected = events_in_time_order(window.store.dataset, window.store.mask)
    assert _steps(window, "vetoes-in-class") == expected and len(expected) > 10
    tools = tools_of(window)
    assert tools.story_combo.currentText() == "Vetoes in class"
    assert editor.model.rowCount() == len(expected)
    tools.controller.full_screen = False
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert tools.controller.audience.progress_label.text() == f"Step 1 of {len(expected)}"


def test_a_story_made_event_by_event_inserts_after_the_current_step(window, editor, qtbot):
    ids = [e.id for e in window.store.dataset.events[:3]]
    window.store.select(ids[0])
    assert editor.new_story_from_selected("My lesson")
    window.store.select(ids[1])
    qtbot.mouseClick(editor.buttons["add"], LEFT)
    assert _steps(window, "my-lesson") == [ids[0], ids[1]]
    _select_row(editor, 0)
    window.store.select(ids[2])
    qtbot.mouseClick(editor.buttons["add"], LEFT)
    assert _steps(window, "my-lesson") == [ids[0], ids[2], ids[1]]


def test_reorder_and_remove_are_undone_exactly_and_redone(window, editor, qtbot):
    original = _steps(window)
    _select_row(editor, 2)
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    moved = [*original[:2], original[3], original[2], *original[4:]]
    assert _steps(window) == moved
    assert editor.steps_view.currentIndex().row() == 3, "the moved step stays selected"
    qtbot.mouseClick(editor.buttons["remove"], LEFT)
    assert _steps(window) == [e for e in moved if e != original[2]]
    qtbot.mouseClick(editor.buttons["undo"], LEFT)
    assert _steps(window) == moved, "a removed step comes back at its own place"
    qtbot.mouseClick(editor.buttons["undo"], LEFT)
    assert _steps(window) == original
    qtbot.mouseClick(editor.buttons["redo"], LEFT)
    assert _steps(window) == moved


def test_typing_a_note_is_one_undo_step(window, editor, qtbot):
    _select_row(editor, 1)
    before = find_story(window.store.dataset, STORY)[1].steps[1].note
    editor.note_edit.selectAll()
    qtbot.keyClicks(editor.note_edit, "Ask the class who could refer Syria to the ICC.")
    qtbot.waitUntil(lambda: find_story(window.store.dataset, STORY)[1].steps[1].note.startswith("Ask the class"))
    assert find_story(window.store.dataset, STORY)[1].steps[1].note == "Ask the class who could refer Syria to the ICC."
    assert editor.document.undo_stack.count() == 1
    editor.document.undo_stack.undo()
    assert find_story(window.store.dataset, STORY)[1].steps[1].note == before
    assert editor.note_edit.toPlainText() == before


def test_save_writes_the_stories_into_the_file(window, editor, copy, qtbot):
    _select_row(editor, 0)
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    assert editor.buttons["save"].isEnabled()
    assert editor.save()
    saved = load_dataset(copy).dataset
    assert [s.event for s in find_story(saved, STORY)[1].steps] == _steps(window)
    assert saved == window.store.dataset
    assert editor.document.undo_stack.isClean() and not editor.buttons["save"].isEnabled()
    assert "Saved to class.json" in editor.status_label.text()


def test_a_failed_save_says_why_and_keeps_the_file_and_the_edits(window, editor, copy, qtbot, monkeypatch):
    original_bytes = copy.read_bytes()
    _select_row(editor, 0)
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    edited = _steps(window)

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("timeline_app.io.saving.os.fsync", disk_full)
        assert not editor.save()
    assert copy.read_bytes() == original_bytes, "the file is untouched"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["class.json"], "no temporary file is left"
    assert _steps(window) == edited, "the edits stay in the app"
    assert "not saved" in editor.status_label.text() and "disk is full" in editor.status_label.text()
    assert not editor.document.undo_stack.isClean()
    assert "not saved" in window.statusBar().currentMessage()
    assert editor.save(), "once there is room, the same edits save"
    assert load_dataset(copy).dataset == window.store.dataset
    for said in (editor.status_label.text(), window.statusBar().currentMessage()):
        assert said == "Saved to class.json.", "nothing still says the save failed"


def test_the_reload_after_a_save_keeps_edits_made_since(window, editor, qtbot):
    _select_row(editor, 0)
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    assert editor.save()
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    later = _steps(window)
    window.reload()  # what the file watcher does after our own write
    assert _steps(window) == later
    assert not editor.document.undo_stack.isClean()


def test_opening_another_file_forgets_the_story_history(window, editor, qtbot):
    _select_row(editor, 0)
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    window.open_path(bundled_dataset_path())
    assert editor.document.undo_stack.count() == 0


def test_closing_with_unsaved_stories_asks_first(window, editor, qtbot, monkeypatch):
    _select_row(editor, 0)
    qtbot.mouseClick(editor.buttons["down"], LEFT)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_the_stories_button_opens_the_panel_as_a_tab_beside_the_details(window, qtbot):
    tools = tools_of(window)
    assert not tools.editor.isVisible()
    tools.editor.toggleViewAction().trigger()
    qtbot.waitUntil(tools.editor.isVisible)
    assert window.findChild(QDockWidget, "detailsDock") in window.tabifiedDockWidgets(tools.editor)

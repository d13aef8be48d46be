"""StoryEditorDock: the Stories panel. Choose a story, make one from the filter or from the selected event,
add, remove and reorder steps, write presenter notes, undo, and save into the dataset file."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import stories
from ...paths import is_bundled_dataset
from .story_document import StoryDocument
from .story_model import EVENT_ID_ROLE, StoryStepModel

__all__ = ["StoryEditorDock"]


class StoryEditorDock(QDockWidget):
    """Public methods do what the buttons do, without dialogs (titles and paths are passed in).

    Signals: ``storyChosen(str)`` (the user picked or made a story: it becomes the one F5 presents)."""

    storyChosen = Signal(str)

    def __init__(self, window) -> None:
        super().__init__("Stories", window)
        self.setObjectName("storiesDock")
        self._window = window
        self.document = StoryDocument(window)
        self.model = StoryStepModel(window.store, self)
        self._row = 0
        self._note_timer = QTimer(self, singleShot=True, interval=600)
        self._note_timer.timeout.connect(self.commit_note)
        self._build()
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()
        self._tabified = False
        self.toggleViewAction().triggered.connect(self._on_toggle_view_triggered)
        window.store.datasetReplaced.connect(self._on_store_dataset_replaced)
        window.store.selectionChanged.connect(self._update_enabled)
        self.document.problemRaised.connect(self._show_problem)
        self.document.saved.connect(self._on_saved)
        self.document.undo_stack.cleanChanged.connect(self._update_enabled)

    def _build(self) -> None:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        self.story_combo = QComboBox(panel)
        self.story_combo.setAccessibleName("Story to edit")
        self.story_combo.activated.connect(lambda i: self.storyChosen.emit(self.story_combo.itemData(i)))
        layout.addWidget(self.story_combo)
        grid = QGridLayout()
        self.buttons = {}
        for position, (name, text, slot) in enumerate([
            ("from_filter", "New from filter…", self._ask_new_from_filter),
            ("from_selected", "New from selected event…", self._ask_new_from_selected),
            ("rename", "Rename…", self._ask_rename), ("delete", "Delete story", self.delete_story),
            ("add", "Add selected event", self.add_selected_event), ("remove", "Remove step", self.remove_step),
            ("up", "Move up", partial(self.move_step, -1)), ("down", "Move down", partial(self.move_step, 1)),
        ]):
            button = QPushButton(text, panel)
            button.clicked.connect(slot)
            grid.addWidget(button, position // 2, position % 2)
            self.buttons[name] = button
        self.buttons["up"].setShortcut(QKeySequence("Ctrl+Up"))
        self.buttons["down"].setShortcut(QKeySequence("Ctrl+Down"))
        layout.addLayout(grid)
        self.steps_view = QListView(panel)
        self.steps_view.setModel(self.model)
        self.steps_view.setAccessibleName("Steps of the story")
        self.steps_view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.steps_view.doubleClicked.connect(lambda index: self._window.store.select(index.data(EVENT_ID_ROLE)))
        layout.addWidget(self.steps_view, 2)
        layout.addWidget(QLabel("Presenter note for this step:", panel))
        self.note_edit = QPlainTextEdit(panel)
        self.note_edit.setAccessibleName("Presenter note")
        self.note_edit.textChanged.connect(self._note_timer.start)
        layout.addWidget(self.note_edit, 1)
        row = QHBoxLayout()
        stack = self.document.undo_stack
        for action, text in ((stack.createUndoAction(self, "Undo"), "Undo"), (stack.createRedoAction(self, "Redo"),
                                                                               "Redo")):
            button = QPushButton(text, panel)
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setEnabled(action.isEnabled())
            row.addWidget(button)
            self.buttons[text.lower()] = button
        self.buttons["save"] = QPushButton("Save stories", panel)
        self.buttons["save"].clicked.connect(self._ask_save)
        row.addWidget(self.buttons["save"])
        layout.addLayout(row)
        self.status_label = QLabel(panel)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.setWidget(panel)

    # --- what the buttons do -----------------------------------------------------------------------------
    def show_story(self, story_id: str | None) -> None:
        if story_id == self.model.story_id:
            return
        self.commit_note()
        self.model.set_story(story_id)
        self._row = 0
        self._refresh()

    def new_story_from_filter(self, title: str) -> bool:
        ids = stories.events_in_time_order(self._window.store.dataset, self._window.store.mask)
        return self._new_story(title, ids)

    def new_story_from_selected(self, title: str) -> bool:
        selected = self._window.store.selected_id
        return self._new_story(title, [selected] if selected else [])

    def _new_story(self, title: str, ids: list[str]) -> bool:
        dataset = self._window.store.dataset
        story_id = stories.story_id_for(dataset, title)
        if not self._edit("New story", lambda d: stories.make_story(d, title, ids, story_id=story_id)):
            return False
        self.show_story(story_id)
        self.storyChosen.emit(story_id)
        return True

    def add_selected_event(self) -> bool:
        selected, story_id = self._window.store.selected_id, self.model.story_id
        if story_id is None or selected is None:
            self._show_problem("Select an event on the timeline or in the list first.")
            return False
        at = self._row + 1 if self.model.rowCount() else 0
        return self._edit("Add step", lambda d: stories.add_step(d, story_id, selected, at), row=at)

    def remove_step(self) -> bool:
        story_id, row = self.model.story_id, self._row
        return self._edit("Remove step", lambda d: stories.remove_step(d, story_id, row), row=max(0, row - 1))

    def move_step(self, delta: int) -> bool:
        story_id, row = self.model.story_id, self._row
        target = row + delta
        if not 0 <= target < self.model.rowCount():
            return False
        return self._edit("Move step", lambda d: stories.move_step(d, story_id, row, target), row=target)

    def rename_story(self, title: str) -> bool:
        story_id = self.model.story_id
        return self._edit("Rename story", lambda d: stories.rename_story(d, story_id, title))

    def delete_story(self) -> bool:
        story_id = self.model.story_id
        return self._edit("Delete story", lambda d: stories.delete_story(d, story_id))

    def commit_note(self) -> bool:
        """Record the note being typed (also done 0.6 s after typing stops, and when the step changes)."""
        self._note_timer.stop()
        story = self.model.story
        if story is None or not 0 <= self._row < len(story.steps):
            return False
        text, story_id, row = self.note_edit.toPlainText(), story.id, self._row
        if text == story.steps[row].note:
            return False
        return self._edit("Edit note", lambda d: stories.set_note(d, story_id, row, text), ("note", story_id, row))

    def save(self, path: str | Path | None = None) -> bool:
        self.commit_note()
        return self.document.save(path)

    def _edit(self, label, make, merge_key=None, row: int | None = None) -> bool:
        if self.model.story_id is None and label != "New story":
            self._show_problem("Choose or make a story first.")
            return False
        if row is not None:
            self._row = row
        done = self.document.edit(label, make, merge_key)
        if done:
            self._show_status("")
        return done

    # --- dialogs (kept out of tests) ---------------------------------------------------------------------
    def _ask_title(self, question: str, text: str = "") -> str | None:
        title, ok = QInputDialog.getText(self, "Story", question, text=text)
        return title.strip() if ok and title.strip() else None

    def _ask_new_from_filter(self) -> None:
        if title := self._ask_title("Title of the new story (made from the events the filter shows):"):
            self.new_story_from_filter(title)

    def _ask_new_from_selected(self) -> None:
        if title := self._ask_title("Title of the new story (starting with the selected event):"):
            self.new_story_from_selected(title)

    def _ask_rename(self) -> None:
        story = self.model.story
        if story is not None and (title := self._ask_title("New title of the story:", story.title)):
            self.rename_story(title)

    def _ask_save(self) -> None:
        path = self._window.store.path
        if path is None or is_bundled_dataset(path):  # never write into the installed app
            name, _ = QFileDialog.getSaveFileName(self, "Save the dataset with its stories",
                                                  str(Path.home() / "accountability-timeline.json"),
                                                  "Timeline datasets (*.json)")
            if name and self.save(name):
                self._window.open_path(name, keep_view=True)
            return
        self.save()

    def confirm_close(self) -> bool:
        """True when the window may close: no unsaved story edits, or the user saved or discarded them."""
        self.commit_note()
        if self.document.undo_stack.isClean():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self._window, "Unsaved stories", "The stories have changes that are not saved. Save them first?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Save:
            self._ask_save()
            return self.document.undo_stack.isClean()
        return answer == buttons.Discard

    def _on_toggle_view_triggered(self, checked: bool) -> None:
        if not checked:
            return
        details = self._window.findChild(QDockWidget, "detailsDock")
        if not self._tabified and details is not None and not self.isFloating():
            # A tab beside the details, the first time: both want the full height of the right side.
            self._window.tabifyDockWidget(details, self)
            self._tabified = True
        self.show()
        self.raise_()

    # --- reacting ----------------------------------------------------------------------------------------
    def _on_store_dataset_replaced(self) -> None:
        self.model.refresh()
        self._refresh()

    def _refresh(self) -> None:
        dataset = self._window.store.dataset
        self.story_combo.clear()
        for story in dataset.stories if dataset is not None else ():
            self.story_combo.addItem(story.title, story.id)
        self.story_combo.setCurrentIndex(self.story_combo.findData(self.model.story_id))
        count = self.model.rowCount()
        self._row = min(self._row, count - 1) if count else 0
        if count:
            index = self.model.index(self._row, 0)
            self.steps_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._load_note()
        self._update_enabled()

    def _on_current_row_changed(self, current, _previous) -> None:
        if current.row() != self._row:
            self.commit_note()
            self._row = max(0, current.row())
            self._load_note()
        self._update_enabled()

    def _load_note(self) -> None:
        story = self.model.story
        note = story.steps[self._row].note if story is not None and self._row < len(story.steps) else ""
        if note != self.note_edit.toPlainText():
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(note)
            self.note_edit.blockSignals(False)

    def _update_enabled(self, *_args) -> None:
        has_story, count = self.model.story_id is not None, self.model.rowCount()
        for name in ("rename", "delete", "remove", "up", "down"):
            self.buttons[name].setEnabled(has_story and count > 0)
        self.buttons["add"].setEnabled(has_story and self._window.store.selected_id is not None)
        self.buttons["from_selected"].setEnabled(self._window.store.selected_id is not None)
        self.note_edit.setEnabled(has_story and count > 0)
        self.buttons["save"].setEnabled(not self.document.undo_stack.isClean())

    def _on_saved(self, file: str) -> None:
        # Also in the status bar: it may still say that the last try failed.
        text = f"Saved to {Path(file).name}."
        self._show_status(text)
        self._window.statusBar().showMessage(text, 8000)

    def _show_problem(self, text: str) -> None:
        self._show_status(text)
        self._window.statusBar().showMessage(text, 8000)

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)

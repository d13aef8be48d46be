"""StoryDocument: the story edits of one window: an undo stack of StoryEditCommands, saving through io.saving,
and what to do when the file is reloaded or another file is opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...core.stories import StoryChange, StoryEditError
from ...io.saving import SaveError
from ...model import Dataset
from .story_commands import StoryEditCommand, replace_dataset, write_dataset

__all__ = ["StoryDocument"]


class StoryDocument(QObject):
    """Signals: ``problemRaised(str)`` (an edit refused or a save failed: a sentence to show),
    ``saved(str)`` (the file written). ``undo_stack`` is clean when the file holds what the app shows."""

    problemRaised = Signal(str)
    saved = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self._ours: Dataset | None = None  # the dataset our last edit gave the store
        self._saved: Dataset | None = None  # what we last wrote
        self._path: Path | None = window.store.path
        window.store.datasetReplaced.connect(self._on_store_dataset_replaced)

    def edit(self, label: str, make: Callable[[Dataset], Dataset], merge_key: tuple | None = None) -> bool:
        """Push the edit ``make`` (a core.stories function applied to the current dataset). An edit that
        is refused pushes nothing and raises ``problemRaised``; True when something changed."""
        dataset = self._window.store.dataset
        if dataset is None:
            return False
        try:
            changed = make(dataset)
        except StoryEditError as exc:
            self.problemRaised.emit(_sentence(str(exc)))
            return False
        if changed.stories == dataset.stories:
            return False
        self.undo_stack.push(StoryEditCommand(self, StoryChange.between(dataset, changed), label, merge_key))
        return True

    def current(self) -> Dataset:
        return self._window.store.dataset

    def apply_dataset(self, dataset: Dataset) -> None:
        """Hand an edited dataset to the store (the commands call this on redo and undo)."""
        self._ours = dataset
        replace_dataset(self._window, dataset)

    def save(self, path: str | Path | None = None) -> bool:
        """Write the dataset with its stories to ``path`` (the open file when None). On failure the file is
        untouched, the edits stay in the app and ``problemRaised`` says why."""
        dataset = self._window.store.dataset
        target = Path(path) if path is not None else self._window.store.path
        if dataset is None or target is None:
            return False
        try:
            write_dataset(dataset, target)
        except SaveError as exc:
            self.problemRaised.emit(f"The stories were not saved: {exc.reason}. Your edits are still here; "
                                    "try again, or save to another file.")
            return False
        self._saved = self._ours = dataset
        self.undo_stack.setClean()
        self.saved.emit(str(target))
        return True

    def _on_store_dataset_replaced(self) -> None:
        store = self._window.store
        if store.dataset is self._ours and store.path == self._path:
            return  # our own edit
        reloaded_our_save = self._saved is not None and store.path == self._path and store.dataset == self._saved
        if reloaded_our_save:
            # The file watcher reloads what we saved; edits made since then must not be lost.
            if self._ours is not None and self._ours != self._saved:
                self.apply_dataset(self._ours)
            else:
                self._ours = store.dataset
            return
        # Another file, or this one changed outside the app: the recorded edits no longer apply.
        self.undo_stack.clear()
        self._ours = store.dataset
        self._saved = None
        self._path = store.path


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")

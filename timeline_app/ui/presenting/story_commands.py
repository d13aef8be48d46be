"""Story edits on the undo stack, and the one place the presenting package hands a changed Dataset to the
store or to io.saving.

StoryEditCommand keeps a core StoryChange (the story before and after), never a dataset: redo applies it to
the store's current dataset, undo applies its inverse. Typing a note merges into one command per step."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ...core.stories import StoryChange
from ...io import LoadResult
from ...io.saving import save_dataset
from ...model import Dataset

__all__ = ["StoryEditCommand", "replace_dataset", "write_dataset"]

_MERGING_ID = 0x5701


def replace_dataset(window, dataset: Dataset) -> None:
    """Give the store ``dataset`` (same file, same problems) and keep the timeline where it was.

    The store has no lighter path for a stories-only change, so this goes through ``set_result``."""
    store = window.store
    window_range = window.canvas.visible_range()
    store.set_result(LoadResult(store.result.file, dataset, store.result.problems), store.path)
    window.canvas.set_visible_range(*window_range)


def write_dataset(dataset: Dataset, path) -> None:
    """Save through the data layer (atomic: the old file stays whole until the new one is complete).
    Raises io.saving.SaveError with a plain reason."""
    save_dataset(dataset, path)


class StoryEditCommand(QUndoCommand):
    """One story edit. ``merge_key`` (such as ("note", story id, step)) merges consecutive edits of the same
    thing into one undo step, keeping the first ``before`` and the last ``after``."""

    def __init__(self, document, change: StoryChange, label: str, merge_key: tuple | None = None) -> None:
        super().__init__(label)
        self._document = document  # has current() -> Dataset and apply_dataset(Dataset)
        self.change = change
        self.merge_key = merge_key

    def redo(self) -> None:  # QUndoStack.push runs this
        self._document.apply_dataset(self.change.apply(self._document.current()))

    def undo(self) -> None:
        self._document.apply_dataset(self.change.inverted().apply(self._document.current()))

    def id(self) -> int:
        return _MERGING_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StoryEditCommand) or other.merge_key != self.merge_key:
            return False
        self.change = StoryChange(self.change.position, self.change.before, other.change.after)
        return True

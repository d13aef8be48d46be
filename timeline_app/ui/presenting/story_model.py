"""StoryStepModel: the steps of one story of the store's dataset, as a list model (no copy of the data)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.stories import StoryEditError, find_story
from ...model import Story
from ..bidi import isolate
from ..rich_text import tooltip_text

__all__ = ["EVENT_ID_ROLE", "StoryStepModel"]

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class StoryStepModel(QAbstractListModel):
    """Rows are the steps of ``story_id`` in the store's current dataset: "3. 21 Aug 2013 — title"; the
    tooltip is the presenter note; EVENT_ID_ROLE gives the event id. ``refresh()`` after the story changed."""

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.story_id: str | None = None
        self._story: Story | None = None
        self._events: dict = {}

    def set_story(self, story_id: str | None) -> None:
        self.story_id = story_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        dataset = self._store.dataset
        self._story = None
        if dataset is not None and self.story_id is not None:
            try:
                self._story = find_story(dataset, self.story_id)[1]
            except StoryEditError:
                self.story_id = None
            self._events = {e.id: e for e in dataset.events}
        self.endResetModel()

    @property
    def story(self) -> Story | None:
        return self._story

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        if parent.isValid() or self._story is None:
            return 0
        return len(self._story.steps)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._story is None or not 0 <= index.row() < len(self._story.steps):
            return None
        step = self._story.steps[index.row()]
        event = self._events.get(step.event)
        if role == Qt.ItemDataRole.DisplayRole:
            if event is None:
                return f"{index.row() + 1}. {step.event}"
            return f"{index.row() + 1}. {event.date.short} — {isolate(event.title)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(step.note) if step.note else None
        if role == EVENT_ID_ROLE:
            return step.event
        return None

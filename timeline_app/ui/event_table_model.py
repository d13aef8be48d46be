"""EventTableModel: the dataset's events as rows (date, kind, title) for a QTableView."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..model import Dataset, Event
from .rich_text import tooltip_text

_HEADERS = ("Date", "Kind", "Title")
Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Read-only rows over ``dataset.events``; holds the dataset, never copies of events.

    ``EventIdRole`` gives a row's event id; ``SortRole`` gives a value that sorts the column properly
    (the date's earliest instant rather than its text).
    """

    EventIdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, dataset: Dataset | None = None, parent=None) -> None:
        super().__init__(parent)
        self._events: tuple[Event, ...] = dataset.events if dataset else ()

    def set_dataset(self, dataset: Dataset | None) -> None:
        self.beginResetModel()
        self._events = dataset.events if dataset else ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (event.date.human, _kind_label(event.kind.value), event.title)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text((event.date.human, _kind_label(event.kind.value), event.title)[column])
        if role == self.SortRole:
            return (event.date.earliest, event.kind.value, event.title.casefold())[column]
        if role == self.EventIdRole:
            return event.id
        return None


def _kind_label(value: str) -> str:
    return value.replace("-", " ").capitalize()

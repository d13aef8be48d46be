"""EventTableModel: the matching events as rows (date, kind, title) for a QTableView, filtered and sorted with
numpy.

A ``QSortFilterProxyModel`` sorts by asking the model for every row's sort value through Python ``data()``:
at 100,000 events that is millions of calls and a minute of frozen window. Here the model keeps ``order``,
the dataset rows it shows in display order, computed from the column arrays (``core.columns``) and the
store's filter mask; ``data()`` is asked only for the rows on screen.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core import KINDS, event_columns, kind_label
from ..core.columns import sort_ranks
from ..model import Dataset, Event
from .rich_text import tooltip_text

_HEADERS = ("Date", "Kind", "Title")
DATE_COLUMN, KIND_COLUMN, TITLE_COLUMN = range(3)
_SORTABLE = (DATE_COLUMN, KIND_COLUMN, TITLE_COLUMN)
Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Read-only rows over the events of a dataset that pass a mask, in a sort order.

    Holds the dataset, never copies of events. ``EventIdRole`` gives a row's event id. ``set_mask`` changes
    which events are shown and ``sort`` their order; both keep the view's selection on the same event
    (persistent indexes follow it) and drop it when its event is filtered out.
    """

    EventIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, dataset: Dataset | None = None, parent=None) -> None:
        super().__init__(parent)
        self._dataset: Dataset | None = None
        self._events: tuple[Event, ...] = ()
        self._mask = np.zeros(0, bool)
        self._sort = (DATE_COLUMN, Qt.SortOrder.AscendingOrder)
        self._permutations: dict[int, np.ndarray] = {}  # column -> ascending permutation of all rows
        self.order = np.zeros(0, np.int32)
        """Dataset rows shown, in display order (row r of the model is ``dataset.events[order[r]]``)."""
        self._position = np.zeros(0, np.int32)  # dataset row -> display row, -1 when not shown
        if dataset is not None:
            self.set_dataset(dataset)

    # --- what is shown ---------------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset | None, mask: np.ndarray | None = None) -> None:
        """Show ``dataset`` (every event, or those where ``mask`` is True)."""
        self.beginResetModel()
        self._dataset = dataset
        self._events = dataset.events if dataset is not None else ()
        self._permutations = {}
        self._mask = np.ones(len(self._events), bool) if mask is None else np.array(mask, bool)
        self._set_order(self._compute_order())
        self.endResetModel()

    def set_mask(self, mask: np.ndarray) -> None:
        """Show the events where ``mask`` is True (one entry per dataset event), in the current order."""
        mask = np.array(mask, bool)  # a copy: a caller changing its array in place must not change ours
        if len(mask) != len(self._events):
            raise ValueError(f"mask has {len(mask)} entries for {len(self._events)} events")
        if np.array_equal(mask, self._mask):
            return
        self._mask = mask
        self._relayout()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by date (then title), kind (then date) or title (case-insensitive, then date).

        A column outside 0..2 (a view passes -1 to unsort) keeps dataset order."""
        if (column, order) == self._sort:
            return
        self._sort = (column, order)
        self._relayout()

    @property
    def sort_column(self) -> int:
        return self._sort[0]

    def row_of(self, dataset_row: int) -> int | None:
        """The display row of a dataset event, or None when it is filtered out."""
        if not 0 <= dataset_row < len(self._position):
            return None
        row = int(self._position[dataset_row])
        return row if row >= 0 else None

    def event_at(self, row: int) -> Event:
        return self._events[self.order[row]]

    def _relayout(self) -> None:
        """Apply a new order (sort or mask) as a layout change, moving persistent indexes with their events."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        dataset_rows = [int(self.order[index.row()]) if 0 <= index.row() < len(self.order) else -1
                        for index in persistent]
        self._set_order(self._compute_order())
        moved = []
        for index, dataset_row in zip(persistent, dataset_rows, strict=True):
            row = self.row_of(dataset_row) if dataset_row >= 0 else None
            moved.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _set_order(self, order: np.ndarray) -> None:
        self.order = order
        position = np.full(len(self._events), -1, np.int32)
        position[order] = np.arange(len(order), dtype=np.int32)
        self._position = position

    def _compute_order(self) -> np.ndarray:
        column, order = self._sort
        rows = self._permutation(column)
        if order == Qt.SortOrder.DescendingOrder and column in _SORTABLE:
            rows = rows[::-1]
        return np.ascontiguousarray(rows[self._mask[rows]], dtype=np.int32)

    def _permutation(self, column: int) -> np.ndarray:
        """All dataset rows in ascending order of ``column``; computed once per column and dataset."""
        found = self._permutations.get(column)
        if found is not None:
            return found
        count = len(self._events)
        if self._dataset is None or count == 0:
            found = np.zeros(0, np.int32)
        elif column not in _SORTABLE:
            found = np.arange(count, dtype=np.int32)
        else:
            columns = event_columns(self._dataset)
            # np.lexsort sorts by the last key first; every sort is stable, so equal keys keep dataset order
            if column == DATE_COLUMN:  # ties: title_rank (case-sensitive, built with the columns anyway)
                keys = (columns.title_rank, columns.latest, columns.earliest)
            elif column == KIND_COLUMN:
                label_rank = np.argsort(np.argsort([kind_label(k) for k in KINDS], kind="stable"))
                keys = (columns.latest, columns.earliest, label_rank[columns.kind])
            else:  # case-insensitive: "al-Assad" among the A's
                keys = (columns.latest, columns.earliest, sort_ranks([e.title.casefold() for e in self._events]))
            found = np.lexsort(keys).astype(np.int32)
        self._permutations[column] = found
        return found

    # --- Qt's model interface --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.order):
            return None
        event = self._events[self.order[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(self._text(event, index.column()))
        if role == self.EventIdRole:
            return event.id
        return None

    @staticmethod
    def _text(event: Event, column: int) -> str:
        if column == DATE_COLUMN:
            return event.date.human
        if column == KIND_COLUMN:
            return kind_label(event.kind)
        return event.title

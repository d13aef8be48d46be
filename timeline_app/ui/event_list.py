"""EventList: the matching events as a sortable table (date, kind, title), selection synced with the store."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .dataset_store import DatasetStore
from .event_table_model import EventTableModel
from .match_delegate import MatchHighlightDelegate


class EventFilterProxyModel(QSortFilterProxyModel):
    """Accepts exactly the rows the store's filter mask accepts (the one filter function in core)."""

    def __init__(self, store: DatasetStore, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.setSortRole(EventTableModel.SortRole)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        mask = self._store.mask
        return bool(mask[source_row]) if source_row < len(mask) else False


class EventList(QTableView):
    """Signals: ``eventSelected(str)`` when the user selects a row; ``eventActivated(str)`` on Enter or a
    double click."""

    eventSelected = Signal(str)
    eventActivated = Signal(str)

    def __init__(self, store: DatasetStore, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.source_model = EventTableModel(parent=self)
        self.proxy = EventFilterProxyModel(store, self)
        self.proxy.setSourceModel(self.source_model)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.title_delegate = MatchHighlightDelegate(lambda: store.filter.text, self)
        self.setItemDelegateForColumn(2, self.title_delegate)
        self._syncing = False
        store.datasetReplaced.connect(self._on_store_dataset_replaced)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.activated.connect(self._on_activated)

    def _on_store_dataset_replaced(self) -> None:
        self.source_model.set_dataset(self._store.dataset)
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)

    def refilter(self) -> None:
        self.proxy.invalidate()
        self.viewport().update()  # the highlighted matches follow the query

    def select_event(self, event_id: str | None) -> None:
        """Show the store's selection without echoing it back as a new selection."""
        self._syncing = True
        try:
            row = self._store.event_row(event_id) if event_id else None
            proxy_index = self.proxy.mapFromSource(self.source_model.index(row, 0)) if row is not None else None
            if proxy_index is None or not proxy_index.isValid():
                self.selectionModel().clearSelection()
                return
            self.selectionModel().setCurrentIndex(
                proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(proxy_index)
        finally:
            self._syncing = False

    def selected_event_id(self) -> str | None:
        index = self.selectionModel().currentIndex()
        return index.data(EventTableModel.EventIdRole) if index.isValid() else None

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self.eventSelected.emit(current.data(EventTableModel.EventIdRole))

    def _on_activated(self, index: QModelIndex) -> None:
        self.eventActivated.emit(index.data(EventTableModel.EventIdRole))

"""DatasetStore: the one owner of the open dataset, its filter, the matching events and the selection."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..core import FilterState, SearchIndex, filter_mask
from ..io import LoadResult
from ..model import Dataset


class DatasetStore(QObject):
    """Holds the current LoadResult and view state; widgets listen and ask, they never keep copies.

    Signals: ``datasetReplaced()`` (a file was opened or reloaded), ``filterChanged()`` (the matching
    events changed), ``selectionChanged(str)`` (the selected event id, "" for none)."""

    datasetReplaced = Signal()
    filterChanged = Signal()
    selectionChanged = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.result: LoadResult | None = None
        self.path: Path | None = None
        self.filter = FilterState()
        self.search: SearchIndex | None = None
        self.mask = np.zeros(0, bool)
        self.selected_id: str | None = None
        self._rows: dict[str, int] = {}

    @property
    def dataset(self) -> Dataset | None:
        return self.result.dataset if self.result else None

    def set_result(self, result: LoadResult, path: Path | None) -> None:
        self.result, self.path = result, path
        dataset = result.dataset
        self.search = SearchIndex(dataset) if dataset is not None else None
        self._rows = {e.id: i for i, e in enumerate(dataset.events)} if dataset is not None else {}
        if self.selected_id not in self._rows:
            self.selected_id = None
        self._compute_mask()
        self.datasetReplaced.emit()

    def set_filter(self, state: FilterState) -> None:
        if state == self.filter:
            return
        self.filter = state
        self._compute_mask()
        self.filterChanged.emit()

    def _compute_mask(self) -> None:
        dataset = self.dataset
        if dataset is None:
            self.mask = np.zeros(0, bool)
        else:
            self.mask = filter_mask(dataset, self.filter, self.search)

    def select(self, event_id: str | None) -> None:
        event_id = event_id if event_id in self._rows else None
        if event_id != self.selected_id:
            self.selected_id = event_id
            self.selectionChanged.emit(event_id or "")

    def event_row(self, event_id: str) -> int | None:
        """The event's position in ``dataset.events``."""
        return self._rows.get(event_id)

    def matching_count(self) -> int:
        return int(self.mask.sum())

"""DatasetStore: the one owner of the open dataset, its filter, the matching events and the selection."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from ..core import FilterState, SearchIndex, filter_mask
from ..io import LoadResult
from ..model import Dataset

_SEARCH_BUILDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index")
SEARCH_BUILD_DELAY_MS = 300
"""The search index (about a second at 100,000 events) is built in the background once the window has had
time to paint the opened file, so the first paint does not wait for it; a query before it is ready waits."""


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
        self._search: SearchIndex | None = None
        self._search_future: Future[SearchIndex] | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_BUILD_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search_build)
        self.mask = np.zeros(0, bool)
        self.selected_id: str | None = None
        self._rows: dict[str, int] = {}

    @property
    def dataset(self) -> Dataset | None:
        return self.result.dataset if self.result else None

    @property
    def search(self) -> SearchIndex | None:
        """The search index of the dataset, built on first use (or waited for, if the background build runs)."""
        dataset = self.dataset
        if self._search is None and dataset is not None:
            future, self._search_future = self._search_future, None
            self._search = future.result() if future is not None else SearchIndex(dataset)
        return self._search

    def _start_search_build(self) -> None:
        dataset = self.dataset
        if dataset is not None and self._search is None and self._search_future is None:
            self._search_future = _SEARCH_BUILDER.submit(SearchIndex, dataset)

    def set_result(self, result: LoadResult, path: Path | None) -> None:
        self.result, self.path = result, path
        dataset = result.dataset
        self._search, self._search_future = None, None  # a build still running for the old dataset is dropped
        self._rows = {e.id: i for i, e in enumerate(dataset.events)} if dataset is not None else {}
        if self.selected_id not in self._rows:
            self.selected_id = None
        self._compute_mask()
        self.datasetReplaced.emit()
        if dataset is not None and self._search is None:
            self._search_timer.start()

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
            self.mask = filter_mask(dataset, self.filter, self.search if self.filter.text.strip() else None)

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

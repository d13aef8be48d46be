"""The event list's model: numpy sorting and filtering, selection kept on its event, no Python call per row."""

from __future__ import annotations

import numpy as np
import pytest
from dataset_files import load_generator
from PySide6.QtCore import QPersistentModelIndex, QPoint, Qt

from timeline_app.core import kind_label
from timeline_app.io import LoadResult, parse_dataset
from timeline_app.ui.dataset_store import DatasetStore
from timeline_app.ui.event_list import EventList
from timeline_app.ui.event_table_model import EventTableModel

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _generated(events: int):
    generate = load_generator()
    result = parse_dataset(generate.dataset_bytes(generate.generate_dataset(events, seed=3)), file="g.json")
    assert not result.problems
    return result.dataset


@pytest.fixture(scope="module")
def dataset():
    return _generated(3_000)


def _shown(model: EventTableModel):
    return [model.event_at(r) for r in range(model.rowCount())]


def test_date_order_is_by_earliest_then_latest_then_title(qtbot, dataset) -> None:
    model = EventTableModel(dataset)
    keys = [(e.date.earliest, e.date.latest, e.title) for e in _shown(model)]
    assert len(keys) == len(dataset.events) and keys == sorted(keys)
    assert model.index(0, 0).data() == _shown(model)[0].date.human


def test_each_column_sorts_both_ways(qtbot, dataset) -> None:
    model = EventTableModel(dataset)
    model.sort(1, ASC)
    kinds = [kind_label(e.kind) for e in _shown(model)]
    assert kinds == sorted(kinds) and len(set(kinds)) > 5
    first_kind = [e for e in _shown(model) if kind_label(e.kind) == kinds[0]]
    assert [e.date.earliest for e in first_kind] == sorted(e.date.earliest for e in first_kind)
    model.sort(2, ASC)
    titles = [e.title.casefold() for e in _shown(model)]
    assert titles == sorted(titles)
    model.sort(2, DESC)
    assert [e.title.casefold() for e in _shown(model)] == sorted(titles, reverse=True)
    model.sort(0, DESC)
    starts = [e.date.earliest for e in _shown(model)]
    assert starts == sorted(starts, reverse=True)
    model.sort(-1, ASC)  # a view's "unsorted": dataset order
    assert [e.id for e in _shown(model)] == [e.id for e in dataset.events]


def test_a_mask_shows_exactly_those_events_in_the_sort_order(qtbot, dataset) -> None:
    model = EventTableModel(dataset)
    model.sort(2, ASC)
    mask = np.array([e.kind.value == "veto" for e in dataset.events])
    model.set_mask(mask)
    shown = _shown(model)
    assert {e.id for e in shown} == {e.id for e, keep in zip(dataset.events, mask, strict=True) if keep}
    assert [e.title.casefold() for e in shown] == sorted(e.title.casefold() for e in shown)
    assert model.rowCount() == int(mask.sum())
    with pytest.raises(ValueError):
        model.set_mask(mask[:-1])


def test_persistent_indexes_follow_their_event_and_drop_when_it_is_filtered_out(qtbot, dataset) -> None:
    model = EventTableModel(dataset)
    target = dataset.events[1234]
    held = QPersistentModelIndex(model.index(model.row_of(1234), 2))
    model.sort(2, DESC)
    assert held.isValid() and held.data(EventTableModel.EventIdRole) == target.id and held.column() == 2
    mask = np.ones(len(dataset.events), bool)
    mask[:1000] = False
    model.set_mask(mask)
    assert held.data(EventTableModel.EventIdRole) == target.id
    mask[1234] = False
    model.set_mask(mask)
    assert not held.isValid() and model.row_of(1234) is None


def test_sorting_and_filtering_never_ask_data_per_row(qtbot, dataset, monkeypatch) -> None:
    calls = []
    original = EventTableModel.data
    monkeypatch.setattr(EventTableModel, "data", lambda self, *a: calls.append(1) or original(self, *a))
    model = EventTableModel(dataset)
    for column in (0, 1, 2):
        for order in (ASC, DESC):
            model.sort(column, order)
    model.set_mask(np.arange(len(dataset.events)) % 3 == 0)
    assert calls == []


def test_clicking_a_header_sorts_the_list_and_keeps_the_selected_event_in_view(qtbot, dataset) -> None:
    store = DatasetStore()
    view = EventList(store)
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    store.set_result(LoadResult(file="g.json", dataset=dataset, problems=()), None)
    chosen = dataset.events[2500]
    store.select(chosen.id)
    view.select_event(chosen.id)
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(2) + 10, 5))
    assert view.source_model.sort_column == 2
    titles = [view.model().index(r, 2).data() for r in range(view.model().rowCount())]
    assert [t.casefold() for t in titles] == sorted(t.casefold() for t in titles)
    assert view.selected_event_id() == chosen.id
    row = view.selectionModel().currentIndex().row()
    assert view.rowAt(0) <= row <= view.rowAt(view.viewport().height() - 1)

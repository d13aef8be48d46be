"""The store builds the search index after the first paint, in the background, and a query never waits on a
wrong or missing index."""

from __future__ import annotations

from dataset_files import event, parsed

from timeline_app.core import FilterState
from timeline_app.ui.dataset_store import DatasetStore


def _result(titles: list[str], file: str = "d.json"):
    return parsed([event(f"e{i}", f"2017-04-{i + 1:02d}", title) for i, title in enumerate(titles)], file=file)


def test_the_search_index_is_built_in_the_background_after_the_dataset_is_shown(qtbot) -> None:
    store = DatasetStore()
    with qtbot.waitSignal(store.datasetReplaced):
        store.set_result(_result(["Khan Shaykhun attack", "Douma attack"]), None)
    assert store._search is None and store._search_future is None  # nothing built before the first paint
    qtbot.waitUntil(lambda: store._search_future is not None and store._search_future.done(), timeout=5000)
    assert len(store.search) == 2


def test_a_query_before_the_background_build_gets_the_answer_of_the_new_dataset(qtbot) -> None:
    store = DatasetStore()
    store.set_result(_result(["Khan Shaykhun attack", "Douma attack"]), None)
    qtbot.waitUntil(lambda: store._search_future is not None and store._search_future.done(), timeout=5000)
    store.set_result(_result(["Ghouta attack", "Douma attack", "Shayrat strike"], file="other.json"), None)
    store.set_filter(FilterState(text="ghouta"))  # asked at once: built now, for the dataset now open
    assert [e.id for e, keep in zip(store.dataset.events, store.mask, strict=True) if keep] == ["e0"]
    assert store.matching_count() == 1

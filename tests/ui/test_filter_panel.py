"""The facet lists: every name with its count, most events first, and a name the filter holds is always
listed (ticked), however rare."""

from __future__ import annotations

from dataset_files import event, parsed
from PySide6.QtCore import Qt

from timeline_app.core import FilterState
from timeline_app.ui import filter_panel
from timeline_app.ui.filter_panel import FilterPanel


def _dataset(actor_lists):
    return parsed([event(f"e{i}", "2017-04-04", f"Event {i}", actors=actors)
                   for i, actors in enumerate(actor_lists)]).dataset


def _rows(widget):
    return [(widget.item(i).text(), widget.item(i).checkState() == Qt.CheckState.Checked)
            for i in range(widget.count())]


def test_actors_are_listed_by_event_count_then_name(qtbot) -> None:
    panel = FilterPanel()
    qtbot.addWidget(panel)
    panel.set_dataset(_dataset([["Russia", "China"], ["Russia"], ["China", "Syria"], ["Russia"], ["ahrar"]]),
                      FilterState())
    assert _rows(panel.actor_list) == [("Russia (3)", False), ("China (2)", False), ("ahrar (1)", False),
                                       ("Syria (1)", False)]


def test_a_chosen_name_beyond_the_listed_ones_is_still_listed_and_ticked(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(filter_panel, "_MAX_FACETS", 3)
    panel = FilterPanel()
    qtbot.addWidget(panel)
    events = [["Common"]] * 5 + [["Second"]] * 4 + [["Third"]] * 3 + [["Rare one"], ["Rare two"]]
    panel.set_dataset(_dataset(events), FilterState(actors=frozenset({"Rare two"})))
    assert _rows(panel.actor_list) == [("Common (5)", False), ("Second (4)", False), ("Third (3)", False),
                                       ("Rare two (1)", True)]
    assert panel.current_state().actors == frozenset({"Rare two"})

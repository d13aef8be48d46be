"""Lanes by kind, actor or one for all; sub-rows that keep overlapping bars apart."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import ALL_EVENTS_LABEL, NO_ACTOR_LABEL, LaneMode, assign_lanes, assign_subrows, kind_label
from timeline_app.model import EventKind

from .make_dataset import event, make_dataset

DAY = 86_400.0

DATASET = make_dataset([
    event("a", kind="trial", actors=["Germany"]),
    event("b", kind="attack", actors=["Syria", "Russia"]),
    event("c", kind="veto", actors=["Russia"]),
    event("d", kind="attack"),
    event("e", kind="veto", actors=["Russia", "China"]),
    event("f", kind="attack", actors=["Syria"]),
    event("g", kind="statement", actors=["China"]),
])
ALL = np.arange(len(DATASET.events))


def lanes_of(rows, mode):
    lane, labels = assign_lanes(DATASET, rows, mode)
    assert lane.dtype == np.int16 and len(lane) == len(rows)
    return [labels[i] for i in lane], labels


def test_kind_lanes_follow_the_kind_order_and_only_kinds_present():
    per_row, labels = lanes_of(ALL, LaneMode.KIND)
    assert labels == ("Attack", "Veto", "Trial", "Statement")
    assert per_row == ["Trial", "Attack", "Veto", "Attack", "Veto", "Attack", "Statement"]


def test_kind_lanes_of_a_subset():
    per_row, labels = lanes_of(np.array([2, 0]), LaneMode.KIND)
    assert labels == ("Veto", "Trial") and per_row == ["Veto", "Trial"]


def test_actor_lanes_by_first_actor_fullest_first_then_no_actor():
    per_row, labels = lanes_of(ALL, LaneMode.ACTOR)
    # First actors: Germany 1, Syria 2, Russia 2, China 1; ties alphabetical.
    assert labels == ("Russia", "Syria", "China", "Germany", NO_ACTOR_LABEL)
    assert per_row == ["Germany", "Syria", "Russia", NO_ACTOR_LABEL, "Russia", "Syria", "China"]


def test_actor_lanes_without_unnamed_events_have_no_such_lane():
    per_row, labels = lanes_of(np.array([1, 2, 4]), LaneMode.ACTOR)
    assert labels == ("Russia", "Syria") and per_row == ["Syria", "Russia", "Russia"]


def test_single_lane():
    per_row, labels = lanes_of(ALL, LaneMode.SINGLE)
    assert labels == (ALL_EVENTS_LABEL,) and set(per_row) == {ALL_EVENTS_LABEL}


def test_no_rows_no_lanes_by_kind():
    lane, labels = assign_lanes(DATASET, np.array([], dtype=int), LaneMode.KIND)
    assert len(lane) == 0 and labels == ()


def test_kind_label():
    assert kind_label(EventKind.LEGAL_ACTION) == "Legal action"


# --- sub-rows ---

def subrows(spans, lane=None, max_subrows=3):
    start = np.array([s for s, _ in spans], dtype=float) * DAY
    end = np.array([e for _, e in spans], dtype=float) * DAY
    lane = np.zeros(len(spans), dtype=np.int16) if lane is None else np.array(lane)
    result = assign_subrows(start, end, lane, max_subrows)
    assert result.dtype == np.int8
    return result.tolist()


def test_overlapping_bars_get_different_subrows_and_disjoint_ones_share():
    assert subrows([(0, 10), (5, 15), (10, 20), (16, 30)]) == [0, 1, 0, 1]


def test_touching_bars_share_a_subrow():
    assert subrows([(0, 10), (10, 20)]) == [0, 0]


def test_points_share_subrow_zero():
    assert subrows([(3, 4), (3, 4), (3, 4)]) == [0, 0, 0]


def test_a_point_under_a_bar_on_subrow_zero_moves_up():
    assert subrows([(0, 10), (3, 4), (3, 4), (12, 13)]) == [0, 1, 2, 0]


def test_a_bar_does_not_cover_a_point_on_subrow_zero():
    assert subrows([(3, 4), (3.5, 9)]) == [0, 1]


def test_beyond_max_subrows_marks_wrap_onto_the_first_to_free():
    assert subrows([(0, 50), (1, 20), (2, 30), (3, 40)], max_subrows=3) == [0, 1, 2, 1]


def test_lanes_are_independent_and_input_order_does_not_matter():
    assert subrows([(5, 15), (0, 10), (0, 10)], lane=[0, 0, 1]) == [1, 0, 0]


def test_max_subrows_is_checked():
    with pytest.raises(ValueError, match="max_subrows"):
        subrows([(0, 1)], max_subrows=0)


intervals = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 30), st.integers(0, 2)).map(lambda t: (t[0], t[0] + t[1], t[2])),
    max_size=40,
)


@settings(max_examples=200)
@given(intervals)
def test_with_enough_subrows_overlapping_bars_never_share_one(marks):
    start = np.array([m[0] for m in marks], dtype=float) * DAY
    end = np.array([m[1] for m in marks], dtype=float) * DAY
    lane = np.array([m[2] for m in marks], dtype=np.int16)
    row = assign_subrows(start, end, lane, max_subrows=max(len(marks), 1))
    is_bar = end - start > DAY
    for i in range(len(marks)):
        for j in range(i):
            both_points = not is_bar[i] and not is_bar[j]
            overlap = start[i] < end[j] and start[j] < end[i]
            if lane[i] == lane[j] and overlap and not both_points:
                assert row[i] != row[j], (marks[i], marks[j])

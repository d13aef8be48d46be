"""Density per lane and bin: totals, bars in every bin they cross, agreement with a brute-force count."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import POINT_SECONDS, TimelineIndex, lane_density, should_aggregate

from .make_dataset import event, make_dataset

DAY = 86_400.0
EPOCH = dt.date(1970, 1, 1).toordinal()


def day(offset: int) -> str:
    return dt.date.fromordinal(EPOCH + offset).isoformat()


def index_of(dates: list[tuple[str, str]]) -> TimelineIndex:
    return TimelineIndex.build(make_dataset([event(f"e{i}", d, k) for i, (d, k) in enumerate(dates)]))


def test_points_add_up_to_the_points_in_view():
    index = index_of([(day(d), "attack") for d in (0, 1, 1, 5, 9)] + [(day(3), "veto")])
    grid = lane_density(index, np.arange(len(index)), 0.0, 10 * DAY, 5)
    assert grid.dtype == np.int32 and grid.shape == (2, 5)
    assert grid.tolist() == [[3, 0, 1, 0, 1], [0, 1, 0, 0, 0]]


def test_a_bar_counts_in_every_bin_it_overlaps_and_nothing_outside_counts():
    index = index_of([(f"{day(2)}/{day(6)}", "attack"), (day(30), "attack"), (day(-3), "attack")])
    grid = lane_density(index, np.arange(len(index)), 0.0, 10 * DAY, 10)
    assert grid.tolist() == [[0, 0, 1, 1, 1, 1, 1, 0, 0, 0]]


def test_a_point_whose_day_straddles_two_bins_counts_once_in_the_bin_of_its_start():
    index = index_of([(day(1), "attack"), (day(3), "attack")])  # bins of 5/3 days: both days straddle
    assert lane_density(index, np.arange(2), 0.0, 5 * DAY, 3).tolist() == [[1, 1, 0]]


def test_only_the_given_rows_count():
    index = index_of([(day(1), "attack"), (day(2), "attack")])
    assert lane_density(index, np.array([1]), 0.0, 4 * DAY, 4).tolist() == [[0, 0, 1, 0]]


def test_the_window_must_not_be_empty():
    index = index_of([(day(1), "attack")])
    with pytest.raises(ValueError, match="n_bins"):
        lane_density(index, np.arange(1), 5.0, 5.0, 3)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-20, 60), st.integers(0, 25), st.sampled_from(["attack", "veto", "trial"])),
             max_size=40),
    st.integers(-10, 40), st.integers(1, 50), st.integers(1, 30),
)
def test_density_equals_counting_bin_by_bin(marks, first_day, days, n_bins):
    dates = [(day(s) if k == 0 else f"{day(s)}/{day(s + k)}", kind) for s, k, kind in marks]
    index = index_of(dates)
    x0, x1 = first_day * DAY, (first_day + days) * DAY
    rows = np.arange(len(index))
    grid = lane_density(index, rows, x0, x1, n_bins)
    # Exact integer arithmetic: bin b is [x0 + b * span / n_bins, x0 + (b + 1) * span / n_bins).
    expected = np.zeros((len(index.lane_labels), n_bins), dtype=int)
    span = int(x1 - x0)
    for r in rows:
        s, e, lane = int(index.start[r] - x0) * n_bins, int(index.end[r] - x0) * n_bins, index.lane[r]
        if e - s <= POINT_SECONDS * n_bins:  # a point counts once, in the bin of its start
            if e > 0 and s < span * n_bins:
                expected[lane, min(max(s // span, 0), n_bins - 1)] += 1
            continue
        for b in range(n_bins):
            if s < (b + 1) * span and e > b * span:
                expected[lane, b] += 1
    assert grid.tolist() == expected.tolist()


def test_should_aggregate_when_marks_would_be_closer_than_three_pixels():
    assert not should_aggregate(100, 300.0)
    assert should_aggregate(101, 300.0)
    assert should_aggregate(10, 100.0, min_px_per_mark=20)
    assert not should_aggregate(0, 0.0)

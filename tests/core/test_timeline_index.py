"""The timeline index: rows sorted by time, open ends clamped, visible rows by binary search, navigation."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import KINDS, LaneMode, TimelineIndex
from timeline_app.model import EventKind, Precision, parse_edtf

from .make_dataset import event, make_dataset

DATASET = make_dataset([
    event("c", "2017-04-04", title="Zeta"),
    event("a", "2013-08-21~", "statement", importance=5),
    event("iiim", "2016-12-21/..", "mechanism"),
    event("b", "2017-04-04", "veto", title="Alpha"),
    event("early", "../2011-03", "other"),
    event("jim", "2015-08-07/2017-11-17?", "mechanism"),
    event("month", "2017-04", "resolution"),
])


def test_rows_are_sorted_by_start_then_end_then_title():
    index = TimelineIndex.build(DATASET)
    assert [index.event_id(r) for r in range(len(index))] == ["early", "a", "jim", "iiim", "month", "b", "c"]
    assert (np.diff(index.start) >= 0).all() and (index.end >= index.start).all()
    assert index.event_index.dtype == np.int32


def test_open_ends_are_clamped_to_the_finite_span_of_the_dataset():
    index = TimelineIndex.build(DATASET)
    first = parse_edtf("2011-03").earliest  # the open start's own known end is the earliest finite instant
    last = parse_edtf("2017-11-17").latest
    assert index.span == (first, last)
    early, iiim = index.row_of("early"), index.row_of("iiim")
    assert index.open_start[early] and index.start[early] == first and not index.open_end[early]
    assert index.open_end[iiim] and index.end[iiim] == last and not index.open_start[iiim]
    assert index.open_start.sum() == 1 and index.open_end.sum() == 1


def test_an_open_end_reaches_the_last_known_instant_even_its_own():
    dataset = make_dataset([event("old", "2010-05-01"), event("open", "2016-12-21/..")])
    index = TimelineIndex.build(dataset)
    assert index.span == (parse_edtf("2010-05-01").earliest, parse_edtf("2016-12-21").latest)
    open_row = index.row_of("open")
    assert index.end[open_row] == index.span[1] > index.start[open_row]


def test_per_row_properties_come_from_the_events():
    index = TimelineIndex.build(DATASET)
    a, jim, month = index.row_of("a"), index.row_of("jim"), index.row_of("month")
    assert KINDS[index.kind[a]] is EventKind.STATEMENT and index.importance[a] == 5
    assert index.fuzzy[a] and index.fuzzy[jim] and not index.fuzzy[month]
    assert index.precision[month] == Precision.MONTH and index.precision[a] == Precision.DAY
    assert index.max_duration == pytest.approx(index.end[jim] - index.start[jim])


def test_a_mask_keeps_its_rows_and_the_span_stays_the_datasets():
    mask = np.array([e.id in ("iiim", "b") for e in DATASET.events])
    index = TimelineIndex.build(DATASET, mask)
    assert [index.event_id(r) for r in range(len(index))] == ["iiim", "b"]
    assert index.span == TimelineIndex.build(DATASET).span
    assert index.row_of("a") is None and index.row_of("nonexistent") is None
    with pytest.raises(ValueError, match="mask"):
        TimelineIndex.build(DATASET, np.ones(3, dtype=bool))


def test_lanes_and_subrows_are_filled():
    index = TimelineIndex.build(DATASET, lane_mode=LaneMode.KIND)
    assert index.lane_labels == ("Attack", "Veto", "Resolution", "Mechanism", "Statement", "Other")
    assert [index.lane_labels[lane] for lane in index.lane] == [
        "Other", "Statement", "Mechanism", "Mechanism", "Resolution", "Veto", "Attack"]
    jim, iiim = index.row_of("jim"), index.row_of("iiim")
    assert index.subrow[jim] != index.subrow[iiim]  # they overlap in the same lane
    single = TimelineIndex.build(DATASET, lane_mode=LaneMode.SINGLE)
    assert single.lane_labels == ("All events",) and not single.lane.any()


def test_next_and_previous_in_time_order():
    index = TimelineIndex.build(DATASET)
    assert index.next_row(0) == 1 and index.previous_row(1) == 0
    assert index.previous_row(0) is None and index.next_row(len(index) - 1) is None
    with pytest.raises(IndexError):
        index.next_row(len(index))
    assert index.row_of(index.event_id(3)) == 3


def test_arrays_are_read_only():
    index = TimelineIndex.build(DATASET)
    with pytest.raises(ValueError, match="read-only"):
        index.start[0] = 0.0


def test_an_empty_dataset():
    index = TimelineIndex.build(make_dataset([]))
    assert len(index) == 0 and index.span == (0.0, 0.0) and index.lane_labels == ()
    assert index.visible_rows(-1e12, 1e12).tolist() == []


def test_visible_rows_at_the_edges():
    index = TimelineIndex.build(DATASET)
    b = parse_edtf("2017-04-04")
    rows = index.visible_rows(b.earliest, b.earliest)
    assert {index.event_id(r) for r in rows} == {"b", "c", "month", "jim", "iiim"}
    # [start, end] is closed: a window starting at an event's exclusive end still touches it.
    assert index.row_of("b") in index.visible_rows(b.latest, b.latest + 10).tolist()
    assert index.visible_rows(b.latest + 1, b.earliest - 1).tolist() == index.visible_rows(
        b.earliest - 1, b.latest + 1).tolist()


BASE = dt.date(2000, 1, 1).toordinal()


def _day(offset: int) -> str:
    return dt.date.fromordinal(BASE + offset).isoformat()


@st.composite
def dated_events(draw):
    n = draw(st.integers(0, 160))
    dates = []
    for _ in range(n):
        first = draw(st.integers(0, 3000))
        shape = draw(st.sampled_from(["day", "day", "short", "long", "open-end", "open-start"]))
        if shape == "day":
            dates.append(_day(first))
        elif shape in ("short", "long"):
            length = draw(st.integers(1, 20) if shape == "short" else st.integers(200, 3000))
            dates.append(f"{_day(first)}/{_day(first + length)}")
        else:
            dates.append(f"{_day(first)}/.." if shape == "open-end" else f"../{_day(first)}")
    return make_dataset([event(f"e{i}", d) for i, d in enumerate(dates)])


@settings(max_examples=60, deadline=None)
@given(dated_events(), st.lists(st.tuples(st.integers(-100, 3100), st.integers(0, 400)), min_size=1, max_size=8))
def test_visible_rows_equal_a_brute_force_scan(dataset, windows):
    index = TimelineIndex.build(dataset)
    for first, length in windows:
        x0 = (BASE - dt.date(1970, 1, 1).toordinal() + first) * 86_400.0
        x1 = x0 + length * 86_400.0
        expected = np.flatnonzero((index.start <= x1) & (index.end >= x0))
        assert index.visible_rows(x0, x1).tolist() == expected.tolist()


def test_visible_rows_with_many_events_and_a_few_very_long_ones():
    rng = np.random.default_rng(7)
    dates = [_day(int(d)) for d in rng.integers(0, 9000, 1500)]
    dates += [f"{_day(int(d))}/{_day(int(d) + int(k))}" for d, k in zip(rng.integers(0, 9000, 300),
                                                                        rng.integers(1, 40, 300), strict=True)]
    dates += ["../2001-01-01", "2001-06-01/..", "2000-02-01/2024-01-01"]
    index = TimelineIndex.build(make_dataset([event(f"e{i}", d) for i, d in enumerate(dates)]))
    for first, length in zip(rng.integers(-50, 9100, 200), rng.integers(0, 300, 200), strict=True):
        x0 = (BASE - dt.date(1970, 1, 1).toordinal() + int(first)) * 86_400.0
        x1 = x0 + int(length) * 86_400.0
        expected = np.flatnonzero((index.start <= x1) & (index.end >= x0))
        assert index.visible_rows(x0, x1).tolist() == expected.tolist()

"""The one filter: each criterion alone and combined, date overlap at its bounds, settings round trip,
facet counts."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import FilterState, SearchIndex, facet_counts, filter_mask
from timeline_app.model import EventKind, parse_edtf

from .make_dataset import event, make_dataset

EVENTS = [
    event("ghouta", "2013-08-21", "attack", actors=["Syrian Arab Armed Forces"], tags=["sarin", "Ghouta"]),
    event("veto-1", "2014-05-22", "veto", actors=["Russian Federation", "China"], tags=["ICC referral"]),
    event("jim", "2015-08-07/2017-11-17", "mechanism", actors=["UN Security Council"], tags=["attribution"]),
    event("iiim", "2016-12-21/..", "mechanism", actors=["UN General Assembly"], tags=["accountability"]),
    event("khan", "2017-04-04", "attack", actors=["Syrian Arab Air Force"], tags=["sarin"],
          title="Khan Shaykhun sarin attack"),
    event("koblenz", "2020-04-23T09:30:00Z", "trial", title="Koblenz trial opens"),
    event("early", "../2011-03", "other", actors=["China"]),
]
IDS = [e["id"] for e in EVENTS]
DATASET = make_dataset(EVENTS)
INDEX = SearchIndex(DATASET)


def passing(state: FilterState) -> list[str]:
    return [i for i, keep in zip(IDS, filter_mask(DATASET, state, INDEX), strict=True) if keep]


def day(text: str) -> tuple[float, float]:
    date = parse_edtf(text)
    return date.earliest, date.latest


def test_no_criterion_passes_everything():
    assert passing(FilterState()) == IDS
    assert FilterState().is_empty and not FilterState(text="x").is_empty


def test_kinds():
    assert passing(FilterState(kinds=frozenset({EventKind.ATTACK, EventKind.TRIAL}))) == ["ghouta", "khan", "koblenz"]
    assert passing(FilterState(kinds=frozenset())) == []


def test_actors_any_of_the_chosen():
    assert passing(FilterState(actors=frozenset({"China"}))) == ["veto-1", "early"]
    assert passing(FilterState(actors=frozenset({"China", "UN Security Council"}))) == ["veto-1", "jim", "early"]
    assert passing(FilterState(actors=frozenset({"Nobody"}))) == []


def test_tags():
    assert passing(FilterState(tags=frozenset({"sarin"}))) == ["ghouta", "khan"]
    assert passing(FilterState(tags=frozenset())) == []


def test_text():
    assert passing(FilterState(text="sarin")) == ["ghouta", "khan"]  # a tag and a title
    assert passing(FilterState(text="shaykhun SARIN")) == ["khan"]
    assert passing(FilterState(text="   ")) == IDS


def test_a_text_filter_needs_the_search_index_of_the_dataset():
    with pytest.raises(ValueError, match="SearchIndex"):
        filter_mask(DATASET, FilterState(text="sarin"))
    with pytest.raises(ValueError, match="SearchIndex"):
        filter_mask(DATASET, FilterState(text="sarin"), SearchIndex(make_dataset(EVENTS[:2])))
    assert filter_mask(DATASET, FilterState(kinds=frozenset({EventKind.VETO}))).sum() == 1


def test_a_day_window_keeps_that_day_and_not_its_neighbours():
    start, end = day("2013-08-21")
    assert "ghouta" in passing(FilterState(date_from=start, date_to=end))
    assert "ghouta" not in passing(FilterState(date_from=end, date_to=end + 86_400))  # starts at its end
    assert "ghouta" not in passing(FilterState(date_from=start - 86_400, date_to=start))  # ends at its start


def test_one_bound_alone():
    start, end = day("2017-04-04")
    assert passing(FilterState(date_from=start)) == ["jim", "iiim", "khan", "koblenz"]
    assert passing(FilterState(date_to=end)) == ["ghouta", "veto-1", "jim", "iiim", "khan", "early"]


def test_intervals_overlapping_the_window_pass():
    start, end = day("2016-06")
    assert passing(FilterState(date_from=start, date_to=end)) == ["jim"]
    start, end = day("2030")
    assert passing(FilterState(date_from=start, date_to=end)) == ["iiim"]  # open end
    start, end = day("1990")
    assert passing(FilterState(date_from=start, date_to=end)) == ["early"]  # open start


def test_an_instant_window_and_an_instant_event():
    instant = parse_edtf("2020-04-23T09:30:00Z").earliest
    assert passing(FilterState(date_from=instant, date_to=instant)) == ["iiim", "koblenz"]
    assert "koblenz" in passing(FilterState(date_from=instant, date_to=instant + 1))
    assert "koblenz" not in passing(FilterState(date_from=instant + 1))
    assert "koblenz" not in passing(FilterState(date_to=instant))


def test_bounds_given_the_wrong_way_round_are_swapped():
    start, end = day("2013-08-21")
    assert passing(FilterState(date_from=end, date_to=start)) == passing(FilterState(date_from=start, date_to=end))


def test_criteria_combine():
    start, _ = day("2015")
    state = FilterState(kinds=frozenset({EventKind.ATTACK, EventKind.MECHANISM}), tags=frozenset({"sarin",
                        "attribution", "accountability"}), date_from=start, text="a")
    assert passing(state) == ["jim", "iiim", "khan"]
    assert passing(FilterState(actors=frozenset({"China"}), kinds=frozenset({EventKind.VETO}))) == ["veto-1"]


def test_the_mask_is_a_boolean_array_in_dataset_order():
    mask = filter_mask(DATASET, FilterState(), INDEX)
    assert mask.dtype == bool and mask.shape == (len(EVENTS),)


names = st.frozensets(st.text(max_size=8), max_size=3)
times = st.floats(allow_nan=False, allow_infinity=False, width=64)
states = st.builds(
    FilterState,
    kinds=st.none() | st.frozensets(st.sampled_from(list(EventKind))),
    actors=st.none() | names, tags=st.none() | names,
    date_from=st.none() | times, date_to=st.none() | times, text=st.text(max_size=10),
)


@given(states)
def test_settings_round_trip_through_json(state):
    data = json.loads(json.dumps(state.to_dict(), allow_nan=False))
    assert FilterState.from_dict(data) == state


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(json_values | st.dictionaries(st.sampled_from(["kinds", "actors", "tags", "date_from", "date_to", "text"]),
                                     json_values))
def test_from_dict_never_raises(data):
    assert isinstance(FilterState.from_dict(data), FilterState)


def test_from_dict_drops_unknown_kinds_and_wrong_types():
    state = FilterState.from_dict({"kinds": ["attack", "teleportation", 3], "actors": "China",
                                   "tags": ["sarin", None], "date_from": "2013", "date_to": float("nan"),
                                   "text": 12})
    assert FilterState.from_dict({"date_from": 10**400, "date_to": 5}) == FilterState(date_to=5.0)
    assert state == FilterState(kinds=frozenset({EventKind.ATTACK}), tags=frozenset({"sarin"}))
    # Only unknown kinds (a newer version's): all kinds rather than an empty timeline.
    assert FilterState.from_dict({"kinds": ["teleportation"]}).kinds is None
    assert FilterState.from_dict({"kinds": []}).kinds == frozenset()


def test_facet_counts_count_the_matching_events():
    mask = filter_mask(DATASET, FilterState(tags=frozenset({"sarin", "ICC referral"})), INDEX)
    counts = facet_counts(DATASET, mask)
    assert counts.total == 3
    assert counts.kinds[EventKind.ATTACK] == 2 and counts.kinds[EventKind.VETO] == 1
    assert list(counts.kinds) == list(EventKind) and counts.kinds[EventKind.TRIAL] == 0
    assert counts.actors == {"China": 1, "Russian Federation": 1, "Syrian Arab Air Force": 1,
                             "Syrian Arab Armed Forces": 1, "UN General Assembly": 0, "UN Security Council": 0}
    assert counts.tags["sarin"] == 2 and counts.tags["Ghouta"] == 1 and counts.tags["attribution"] == 0


@settings(deadline=None)
@given(st.lists(st.booleans(), min_size=len(EVENTS), max_size=len(EVENTS)))
def test_facet_counts_agree_with_counting_by_hand(flags):
    counts = facet_counts(DATASET, np.array(flags))
    chosen = [e for e, keep in zip(DATASET.events, flags, strict=True) if keep]
    assert counts.total == len(chosen)
    assert counts.kinds == {k: sum(e.kind is k for e in chosen) for k in EventKind}
    assert counts.actors == {a: sum(a in e.actors for e in chosen) for a in counts.actors}
    assert counts.tags == {t: sum(t in e.tags for e in chosen) for t in counts.tags}


def test_facet_counts_refuse_a_mask_of_another_length():
    with pytest.raises(ValueError, match="events"):
        facet_counts(DATASET, np.ones(2, dtype=bool))

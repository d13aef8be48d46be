"""Label packing: no overlap on a track, higher importance wins, nothing past the edge, every mark counted."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import BADGE_PX, MIN_TEXT_PX, LabelLayout, pack_labels

GAP = 6.0


def pack(x, widths, tracks=None, importance=None, available=1000.0) -> LabelLayout:
    n = len(x)
    return pack_labels(np.array(x, dtype=float), np.array(widths, dtype=float),
                       np.zeros(n, dtype=int) if tracks is None else np.array(tracks),
                       np.full(n, 3) if importance is None else np.array(importance), available, GAP)


def boxes(layout: LabelLayout):
    return list(zip(layout.x.tolist(), (layout.x + layout.width + BADGE_PX + GAP).tolist(), strict=True))


def test_labels_far_apart_are_all_shown_with_their_full_width():
    layout = pack([0, 200, 400], [100, 100, 100])
    assert layout.rows.tolist() == [0, 1, 2]
    assert layout.width.tolist() == [100, 100, 100] and layout.badge.tolist() == [0, 0, 0]
    assert len(layout.badge_x) == 0


def test_of_two_colliding_labels_the_more_important_is_shown():
    layout = pack([0, 50], [100, 100], importance=[2, 4])
    assert layout.rows.tolist() == [1]
    # The hidden mark is left of the shown one: it gets a standalone badge, which must not touch the label.
    assert layout.badge_count.tolist() == [1] and layout.badge_x[0] + BADGE_PX + GAP <= 50


def test_a_box_overlapping_a_more_important_label_by_a_pixel_loses():
    width = 100 - BADGE_PX - GAP + 1  # its box ends 1 px inside the label at x=100
    layout = pack([0, 100], [width, 100], importance=[1, 5])
    assert layout.rows.tolist() == [1]
    layout = pack([0, 100], [width - 1, 100], importance=[1, 5])  # touching is fine
    assert layout.rows.tolist() == [0, 1]
    end = 100 + BADGE_PX + GAP  # the box of a 100 px label at x=0
    assert pack([0, end - 1], [100, 100], importance=[5, 1]).rows.tolist() == [0]
    assert pack([0, end], [100, 100], importance=[5, 1]).rows.tolist() == [0, 1]


def test_on_equal_importance_the_earlier_wins_and_the_later_is_counted_in_its_badge():
    layout = pack([0, 50, 90], [100, 100, 100])
    assert layout.rows.tolist() == [0] and layout.badge.tolist() == [2]


def test_labels_on_different_tracks_do_not_collide():
    layout = pack([0, 0], [100, 100], tracks=[0, 1])
    assert layout.rows.tolist() == [0, 1]


def test_a_label_begun_left_of_the_view_moves_to_zero():
    layout = pack([-500, 300], [100, 100])
    assert layout.rows.tolist() == [0, 1] and layout.x.tolist() == [0, 300]


def test_a_label_moved_to_zero_is_hidden_if_it_then_overlaps():
    layout = pack([-500, 20], [100, 100], importance=[1, 5])
    assert layout.rows.tolist() == [1]


def test_a_label_is_cut_at_the_right_edge_and_hidden_when_too_little_is_left():
    layout = pack([0, 850, 990], [100, 300, 100], available=1000)
    assert layout.rows.tolist() == [0, 1]
    assert layout.width.tolist() == [100, 1000 - 850 - BADGE_PX]
    assert layout.badge.tolist() == [0, 1]  # the mark at 990 has no room at all


def test_a_label_that_would_keep_only_a_few_characters_is_counted_instead():
    room = MIN_TEXT_PX - 1  # "Can…" of "Canada files a case": a stub tells a reader nothing
    layout = pack([0, 1000 - BADGE_PX - room], [100, 300], available=1000)
    assert layout.rows.tolist() == [0] and layout.badge.tolist() == [1]
    layout = pack([0, 1000 - BADGE_PX - MIN_TEXT_PX], [100, 300], available=1000)
    assert layout.rows.tolist() == [0, 1] and layout.width.tolist()[1] == MIN_TEXT_PX


def test_a_short_label_needs_only_its_own_width():
    layout = pack([1000 - BADGE_PX - 10], [10], available=1000)
    assert layout.rows.tolist() == [0] and layout.width.tolist() == [10]


def test_a_standalone_badge_without_room_goes_to_the_label_on_its_right():
    layout = pack([0, 5], [100, 100], importance=[1, 5])
    assert layout.rows.tolist() == [1] and layout.badge.tolist() == [1] and len(layout.badge_x) == 0


def test_nothing_visible():
    layout = pack([], [])
    assert len(layout.rows) == 0 and layout.hidden_count == 0


def test_arrays_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="one length"):
        pack_labels(np.zeros(2), np.zeros(3), np.zeros(2), np.zeros(2), 100.0)


marks = st.lists(
    st.tuples(st.floats(-300, 1100), st.floats(0, 400), st.integers(0, 3), st.integers(1, 5)),
    max_size=80,
)


def _priority(importance, x, i):
    return (importance, -x, -i)


@settings(max_examples=300, deadline=None)
@given(marks, st.floats(50, 1200))
def test_random_layouts_keep_every_rule(data, available):
    x = np.array([m[0] for m in data], dtype=float)
    widths = np.array([m[1] for m in data], dtype=float)
    tracks = np.array([m[2] for m in data], dtype=int)
    importance = np.array([m[3] for m in data], dtype=int)
    layout = pack_labels(x, widths, tracks, importance, available, GAP)
    shown = layout.rows.tolist()
    # Every mark is shown or counted exactly once.
    assert len(shown) + layout.hidden_count == len(data)
    assert (layout.badge >= 0).all() and (layout.badge_count > 0).all()
    # Inside the view, never wider than measured, never overlapping on a track (badge room included).
    assert (layout.x >= 0).all() and (layout.x + layout.width + BADGE_PX <= available + 1e-9).all()
    assert (layout.width <= widths[layout.rows]).all()
    assert (layout.badge_x >= 0).all() and (layout.badge_x + BADGE_PX <= available).all()
    for track in set(tracks.tolist()):
        on_track = sorted(b for b, r in zip(boxes(layout), shown, strict=True) if tracks[r] == track)
        on_track += [(bx, bx + BADGE_PX + GAP) for bx, bt in zip(layout.badge_x, layout.badge_track, strict=True)
                     if bt == track]
        on_track.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(on_track)), on_track
    # A hidden mark that could have been shown lost to a shown label of at least its priority.
    box_of = {r: b for r, b in zip(shown, boxes(layout), strict=True)}
    for i in set(range(len(data))) - set(shown):
        left = max(x[i], 0.0)
        allowed = min(widths[i], available - left - BADGE_PX)
        if allowed < min(widths[i], MIN_TEXT_PX) or allowed < 0:
            continue
        end = left + allowed + BADGE_PX + GAP
        winners = [r for r, (a, b) in box_of.items() if tracks[r] == tracks[i] and a < end and left < b]
        assert any(_priority(importance[r], x[r], r) > _priority(importance[i], x[i], i) for r in winners), i


@settings(max_examples=200, deadline=None)
@given(marks)
def test_badges_count_hidden_marks_to_the_nearest_shown_label_on_their_left(data):
    x = np.array([m[0] for m in data], dtype=float)
    tracks = np.array([m[2] for m in data], dtype=int)
    layout = pack_labels(x, np.array([m[1] for m in data]), tracks, np.array([m[3] for m in data]), 900.0, GAP)
    shown = layout.rows.tolist()
    expected = dict.fromkeys(shown, 0)
    orphans = Counter()
    for i in set(range(len(data))) - set(shown):
        left_of = [r for r in shown if tracks[r] == tracks[i] and x[r] <= x[i]]
        if left_of:
            expected[max(left_of, key=lambda r: x[r])] += 1
        else:
            orphans[tracks[i]] += 1
    standalone = dict(zip(layout.badge_track.tolist(), layout.badge_count.tolist(), strict=True))
    for track, count in orphans.items():
        if track in standalone:
            assert standalone.pop(track) == count
        else:  # no room for a standalone badge: counted by the first label of the track
            expected[min((r for r in shown if tracks[r] == track), key=lambda r: x[r])] += count
    assert standalone == {}
    assert dict(zip(shown, layout.badge.tolist(), strict=True)) == expected


def test_a_hundred_thousand_marks():
    rng = np.random.default_rng(1)
    n = 100_000
    layout = pack_labels(rng.uniform(-200, 1900, n), rng.uniform(20, 300, n), rng.integers(0, 24, n),
                         rng.integers(1, 6, n), 1900.0)
    assert len(layout.rows) + layout.hidden_count == n
    assert 0 < len(layout.rows) < 2000


def _greedy_by_priority(x, widths, tracks, importance, available):
    """The rule stated plainly, in O(n²): in priority order (more important, then earlier, then first given),
    show a label when its box overlaps no box shown on its track."""
    shown: dict[int, tuple[float, float]] = {}
    for i in sorted(range(len(x)), key=lambda i: (-importance[i], x[i], i)):
        left = max(x[i], 0.0)
        allowed = min(widths[i], available - left - BADGE_PX)
        if allowed < min(widths[i], MIN_TEXT_PX) or allowed < 0:
            continue
        end = left + allowed + BADGE_PX + GAP
        if all(tracks[r] != tracks[i] or b <= left or end <= a for r, (a, b) in shown.items()):
            shown[i] = (left, end)
    return sorted(shown)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([-40.0, 0.0, 35.5, 120.0, 300.0, 610.0]) | st.floats(-300, 1100),
                          st.floats(0, 400), st.integers(0, 3), st.integers(1, 5)), max_size=120),
       st.floats(50, 1200))
def test_the_labels_shown_are_those_of_a_plain_greedy_in_priority_order(data, available):
    x = [m[0] for m in data]
    widths = [m[1] for m in data]
    tracks = [m[2] for m in data]
    importance = [m[3] for m in data]
    layout = pack_labels(np.array(x, dtype=float), np.array(widths, dtype=float), np.array(tracks, dtype=int),
                         np.array(importance, dtype=int), available, GAP)
    assert layout.rows.tolist() == _greedy_by_priority(x, widths, tracks, importance, available)

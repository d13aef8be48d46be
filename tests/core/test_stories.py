"""Story edits are pure: each returns a new validated Dataset, refuses what would be invalid, and undoes exactly."""

from __future__ import annotations

import random

import numpy as np
import pytest

from timeline_app.core import stories
from timeline_app.core.stories import StoryChange, StoryEditError
from timeline_app.io.saving import dataset_to_bytes
from timeline_app.model import Dataset

from .make_dataset import event, make_dataset


def _dataset() -> Dataset:
    base = make_dataset([event("ghouta", "2013-08-21"), event("veto", "2014-05-22", "veto"),
                         event("jim", "2015-08-07", "mechanism"), event("douma", "2018-04-07"),
                         event("khan", "2017-04-04")])
    return stories.make_story(base, "Chemical weapons", ["ghouta", "jim", "khan"])


def _events(dataset: Dataset, story_id: str = "chemical-weapons") -> list[str]:
    return [step.event for step in stories.find_story(dataset, story_id)[1].steps]


def test_make_story_from_events_appends_a_validated_story_with_a_slug_id():
    dataset = _dataset()
    assert [s.id for s in dataset.stories] == ["chemical-weapons"]
    assert _events(dataset) == ["ghouta", "jim", "khan"]
    again = stories.make_story(dataset, "Chemical weapons!", ["douma"])
    assert [s.id for s in again.stories] == ["chemical-weapons", "chemical-weapons-2"]
    assert stories.story_id_for(again, "سوريون") == "story"


def test_events_in_time_order_follow_the_filter_mask():
    dataset = _dataset()
    assert stories.events_in_time_order(dataset) == ["ghouta", "veto", "jim", "khan", "douma"]
    mask = np.array([True, False, True, True, False])
    assert stories.events_in_time_order(dataset, mask) == ["ghouta", "jim", "douma"]


def test_add_remove_move_note_and_rename_change_only_that_story():
    dataset = _dataset()
    added = stories.add_step(dataset, "chemical-weapons", "douma", at=1, note="Point at the map")
    assert _events(added) == ["ghouta", "douma", "jim", "khan"]
    assert stories.find_story(added, "chemical-weapons")[1].steps[1].note == "Point at the map"
    assert _events(stories.add_step(dataset, "chemical-weapons", "veto")) == ["ghouta", "jim", "khan", "veto"]
    assert _events(stories.remove_step(added, "chemical-weapons", 0)) == ["douma", "jim", "khan"]
    assert _events(stories.move_step(added, "chemical-weapons", 0, 3)) == ["douma", "jim", "khan", "ghouta"]
    assert _events(stories.move_step(added, "chemical-weapons", 3, 0)) == ["khan", "ghouta", "douma", "jim"]
    noted = stories.set_note(dataset, "chemical-weapons", 2, "Ask who investigated")
    assert [s.note for s in noted.stories[0].steps] == ["", "", "Ask who investigated"]
    assert stories.rename_story(dataset, "chemical-weapons", "  Sarin  ").stories[0].title == "Sarin"
    assert added.events[0] is dataset.events[0], "unchanged events are shared, not copied"
    assert dataset.stories[0].steps[1].event == "jim", "the original dataset is unchanged"


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: stories.make_story(d, "Empty", []), "at least one event"),
    (lambda d: stories.make_story(d, "   ", ["ghouta"]), "needs a title"),
    (lambda d: stories.add_step(d, "chemical-weapons", "no-such-event"), "no event with the id 'no-such-event'"),
    (lambda d: stories.add_step(d, "missing", "ghouta"), "no story with the id 'missing'"),
    (lambda d: stories.move_step(d, "chemical-weapons", 5, 0), "there is no step 6"),
    (lambda d: stories.rename_story(d, "chemical-weapons", "x" * 501), "title is not valid"),
    (lambda d: stories.remove_step(stories.make_story(d, "One", ["veto"]), "one", 0), "at least one step"),
])
def test_invalid_edits_raise_a_plain_message_and_change_nothing(edit, message):
    dataset = _dataset()
    before = dataset_to_bytes(dataset)
    with pytest.raises(StoryEditError, match=message):
        edit(dataset)
    assert dataset_to_bytes(dataset) == before


def test_story_change_records_one_story_and_its_inverse_restores_it():
    dataset = _dataset()
    moved = stories.move_step(dataset, "chemical-weapons", 0, 2)
    change = StoryChange.between(dataset, moved)
    assert (change.position, change.story_id) == (0, "chemical-weapons")
    assert change.apply(dataset) == moved
    assert change.inverted().apply(moved) == dataset
    deleted = stories.delete_story(dataset, "chemical-weapons")
    assert StoryChange.between(dataset, deleted).inverted().apply(deleted) == dataset
    two_more = stories.make_story(stories.make_story(dataset, "A", ["jim"]), "B", ["veto"])
    with pytest.raises(ValueError, match="exactly one story"):
        StoryChange.between(dataset, two_more)


def _random_edit(rng: random.Random, dataset: Dataset) -> Dataset:
    story = rng.choice(dataset.stories)
    n = len(story.steps)
    ids = [e.id for e in dataset.events]
    choice = rng.randrange(6)
    if choice == 0:
        return stories.add_step(dataset, story.id, rng.choice(ids), rng.randrange(n + 1))
    if choice == 1 and n > 1:
        return stories.remove_step(dataset, story.id, rng.randrange(n))
    if choice == 2:
        return stories.move_step(dataset, story.id, rng.randrange(n), rng.randrange(n))
    if choice == 3:
        return stories.set_note(dataset, story.id, rng.randrange(n), f"note {rng.random():.3f}")
    if choice == 4:
        return stories.make_story(dataset, f"Story {rng.randrange(1000)}", rng.sample(ids, 2))
    return stories.rename_story(dataset, story.id, f"Title {rng.randrange(1000)}")


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_edits_undone_in_reverse_give_identical_saved_bytes(seed):
    rng = random.Random(seed)
    original = _dataset()
    dataset, changes = original, []
    for _ in range(40):
        edited = _random_edit(rng, dataset)
        if edited.stories != dataset.stories:
            changes.append(StoryChange.between(dataset, edited))
        dataset = edited
    final = dataset
    for change in reversed(changes):
        dataset = change.inverted().apply(dataset)
    assert dataset_to_bytes(dataset) == dataset_to_bytes(original), f"seed {seed}"
    for change in changes:
        dataset = change.apply(dataset)
    assert dataset_to_bytes(dataset) == dataset_to_bytes(final), f"seed {seed}: redo"

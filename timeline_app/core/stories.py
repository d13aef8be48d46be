"""Pure story edits: make a story, add, remove and move steps, set a note, rename, delete. No Qt, no files.

Every edit takes a Dataset and returns a new one whose changed story was built through validation
(``TypeAdapter(Story)``), sharing every unchanged event, source and story. An edit that would make an
invalid story (no steps, an empty title, an unknown event) raises ``StoryEditError`` with a plain sentence
and changes nothing. ``StoryChange.between`` turns two datasets one edit apart into a small record with
``apply`` and ``inverted``, so an undo stack keeps edits, not datasets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import TypeAdapter, ValidationError

from ..model import Dataset, Story
from .timeline_index import TimelineIndex

__all__ = [
    "StoryChange", "StoryEditError", "add_step", "delete_story", "events_in_time_order", "find_story",
    "make_story", "move_step", "remove_step", "rename_story", "set_note", "story_id_for",
]

_STORY = TypeAdapter(Story)
_DATASET_FIELDS = ("format", "format_version", "title", "schema_url", "description", "language", "license",
                   "events", "sources")


class StoryEditError(ValueError):
    """A story edit that cannot be made; ``str()`` is a sentence a teacher understands."""


def find_story(dataset: Dataset, story_id: str) -> tuple[int, Story]:
    """The position in ``dataset.stories`` and the story with ``story_id``; StoryEditError when there is none."""
    for position, story in enumerate(dataset.stories):
        if story.id == story_id:
            return position, story
    raise StoryEditError(f"there is no story with the id '{story_id}'")


def events_in_time_order(dataset: Dataset, mask: np.ndarray | None = None) -> list[str]:
    """Ids of the events where ``mask`` is True (all when None), in the timeline's order: by start, end, title."""
    index = TimelineIndex.build(dataset, mask)
    return [dataset.events[int(i)].id for i in index.event_index]


def story_id_for(dataset: Dataset, title: str) -> str:
    """A new story id made from ``title``: lowercase ASCII words joined by hyphens, unique in the dataset."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:100].strip("-") or "story"
    taken = {story.id for story in dataset.stories}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def make_story(dataset: Dataset, title: str, event_ids: Iterable[str], *, story_id: str | None = None,
               description: str = "") -> Dataset:
    """A new story, appended to the dataset's stories, with one step (no note) per event in ``event_ids``."""
    ids = list(event_ids)
    if not ids:
        raise StoryEditError("a story needs at least one event: no events match the current filter")
    story_id = story_id or story_id_for(dataset, title)
    if any(story.id == story_id for story in dataset.stories):
        raise StoryEditError(f"a story with the id '{story_id}' already exists")
    _check_events(dataset, ids)
    story = _validated({"id": story_id, "title": title.strip(), "description": description,
                        "steps": [{"event": event_id} for event_id in ids]})
    return _with_stories(dataset, (*dataset.stories, story))


def add_step(dataset: Dataset, story_id: str, event_id: str, at: int | None = None, note: str = "") -> Dataset:
    """``event_id`` inserted as a step before position ``at`` (at the end when None)."""
    _check_events(dataset, [event_id])
    _, story = find_story(dataset, story_id)
    steps = _steps(story)
    at = len(steps) if at is None else _position(at, len(steps) + 1)
    steps.insert(at, {"event": event_id, "note": note})
    return _replaced(dataset, story_id, steps=steps)


def remove_step(dataset: Dataset, story_id: str, at: int) -> Dataset:
    _, story = find_story(dataset, story_id)
    steps = _steps(story)
    if len(steps) == 1:
        raise StoryEditError("a story needs at least one step: delete the story instead")
    del steps[_position(at, len(steps))]
    return _replaced(dataset, story_id, steps=steps)


def move_step(dataset: Dataset, story_id: str, from_index: int, to_index: int) -> Dataset:
    """The step at ``from_index`` moved so that it ends up at ``to_index``."""
    _, story = find_story(dataset, story_id)
    steps = _steps(story)
    step = steps.pop(_position(from_index, len(steps)))
    steps.insert(_position(to_index, len(steps) + 1), step)
    return _replaced(dataset, story_id, steps=steps)


def set_note(dataset: Dataset, story_id: str, at: int, note: str) -> Dataset:
    """The presenter note of step ``at``."""
    _, story = find_story(dataset, story_id)
    steps = _steps(story)
    steps[_position(at, len(steps))]["note"] = note
    return _replaced(dataset, story_id, steps=steps)


def rename_story(dataset: Dataset, story_id: str, title: str) -> Dataset:
    return _replaced(dataset, story_id, title=title.strip())


def delete_story(dataset: Dataset, story_id: str) -> Dataset:
    position, _ = find_story(dataset, story_id)
    return _with_stories(dataset, dataset.stories[:position] + dataset.stories[position + 1:])


@dataclass(frozen=True, slots=True)
class StoryChange:
    """One story edit as a record: the story at ``position`` goes from ``before`` to ``after``.

    ``before`` is None when the story is added, ``after`` is None when it is removed."""

    position: int
    before: Story | None
    after: Story | None

    @classmethod
    def between(cls, old: Dataset, new: Dataset) -> StoryChange:
        """The change that turns ``old``'s stories into ``new``'s (they must differ by one story)."""
        a, b = old.stories, new.stories
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        if len(a) == len(b) and first < len(a):
            change = cls(first, a[first], b[first])
        elif len(b) == len(a) + 1:
            change = cls(first, None, b[first])
        elif len(a) == len(b) + 1:
            change = cls(first, a[first], None)
        else:
            raise ValueError("the two datasets do not differ by exactly one story")
        if change.apply(old).stories != b:
            raise ValueError("the two datasets do not differ by exactly one story")
        return change

    def apply(self, dataset: Dataset) -> Dataset:
        stories = list(dataset.stories)
        if self.before is None:
            stories.insert(self.position, self.after)
        else:
            if self.position >= len(stories) or stories[self.position].id != self.before.id:
                raise StoryEditError(f"the story '{self.before.id}' is no longer where it was")
            if self.after is None:
                del stories[self.position]
            else:
                stories[self.position] = self.after
        return _with_stories(dataset, tuple(stories))

    def inverted(self) -> StoryChange:
        return StoryChange(self.position, self.after, self.before)

    @property
    def story_id(self) -> str:
        return (self.after or self.before).id


# --- helpers ----------------------------------------------------------------------------------------------


def _steps(story: Story) -> list[dict]:
    return [{"event": step.event, "note": step.note} for step in story.steps]


def _position(at: int, length: int) -> int:
    if not 0 <= at < length:
        raise StoryEditError(f"there is no step {at + 1}: the story has {length} places")
    return at


def _check_events(dataset: Dataset, ids: Sequence[str]) -> None:
    known = {event.id for event in dataset.events}
    missing = [event_id for event_id in ids if event_id not in known]
    if missing:
        raise StoryEditError(f"the dataset has no event with the id '{missing[0]}'")


def _replaced(dataset: Dataset, story_id: str, **changes) -> Dataset:
    position, story = find_story(dataset, story_id)
    value = {"id": story.id, "title": story.title, "description": story.description, "steps": _steps(story)}
    value.update(changes)
    stories = list(dataset.stories)
    stories[position] = _validated(value)
    return _with_stories(dataset, tuple(stories))


def _validated(value: dict) -> Story:
    if not value["title"]:
        raise StoryEditError("a story needs a title")
    if not value["steps"]:
        raise StoryEditError("a story needs at least one step")
    try:
        return _STORY.validate_python(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise StoryEditError(f"the story's {where} is not valid: {error['msg']}") from None


def _with_stories(dataset: Dataset, stories: tuple[Story, ...]) -> Dataset:
    # Events and sources are already validated instances: pydantic takes them as they are (no revalidation),
    # so this costs one isinstance check per event.
    return Dataset(**{name: getattr(dataset, name) for name in _DATASET_FIELDS}, stories=stories)

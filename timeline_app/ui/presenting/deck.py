"""What is being presented and where the presenter is: the steps (a story, or the filtered events in time
order) and the state the clicker changes. No Qt: every rule of the keys is testable without a window."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ...core.stories import events_in_time_order, find_story
from ...model import Dataset

__all__ = ["Action", "Blank", "Deck", "DeckStep", "PresentationState"]


@dataclass(frozen=True, slots=True)
class DeckStep:
    event_id: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Deck:
    """The steps of a presentation. ``story_id`` is None for the filtered events in time order."""

    title: str
    steps: tuple[DeckStep, ...]
    story_id: str | None = None

    @classmethod
    def from_story(cls, dataset: Dataset, story_id: str) -> Deck:
        _, story = find_story(dataset, story_id)
        return cls(story.title, tuple(DeckStep(s.event, s.note) for s in story.steps), story.id)

    @classmethod
    def from_events(cls, dataset: Dataset, mask=None) -> Deck:
        ids = events_in_time_order(dataset, mask)
        return cls("Events in time order", tuple(DeckStep(event_id) for event_id in ids))

    def position_of(self, event_id: str | None, dataset: Dataset) -> int:
        """The step showing ``event_id``; else the first step at or after its date; else 0."""
        ids = [step.event_id for step in self.steps]
        if event_id in ids:
            return ids.index(event_id)
        events = {e.id: e for e in dataset.events}
        if event_id not in events:
            return 0
        when = events[event_id].date.earliest
        later = [i for i, step in enumerate(self.steps) if events[step.event_id].date.earliest >= when]
        return later[0] if later else len(self.steps) - 1


class Action(enum.Enum):
    """What a key (or a click) asks for; see clicker_keys.py for which keys send which."""

    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"
    BLACK = "black"
    WHITE = "white"
    DIGIT = "digit"
    ENTER = "enter"
    BACKSPACE = "backspace"
    FROM_START = "from start"
    FROM_CURRENT = "from current"
    NOTES = "notes"
    BIGGER = "bigger"
    SMALLER = "smaller"
    RESET_SIZE = "reset size"
    LEAVE = "leave"


class Blank(enum.Enum):
    NONE = "none"
    BLACK = "black"
    WHITE = "white"


_BLANK_FOR = {Action.BLACK: Blank.BLACK, Action.WHITE: Blank.WHITE}
_MOVES = (Action.NEXT, Action.PREVIOUS, Action.FIRST, Action.LAST)


@dataclass(slots=True)
class PresentationState:
    """The current step (0-based), the blanked screen, the step number being typed, and the notes corner.

    ``press`` applies one action and returns True when anything visible changed."""

    count: int
    index: int = 0
    blank: Blank = Blank.NONE
    digits: str = ""
    notes_visible: bool = False

    def press(self, action: Action, digit: str = "") -> bool:
        before = (self.index, self.blank, self.digits, self.notes_visible)
        if action in _BLANK_FOR:
            wanted = _BLANK_FOR[action]
            self.blank = Blank.NONE if self.blank is wanted else wanted
        elif self.blank is not Blank.NONE and action in (*_MOVES, Action.ENTER):
            self.blank = Blank.NONE  # the first key after a blank shows the same step again, as slides do
        elif action is Action.DIGIT:
            self.digits = (self.digits + digit)[-4:]
        elif action is Action.ENTER and self.digits:
            self._jump(int(self.digits) - 1)
        elif action is Action.BACKSPACE and self.digits:
            self.digits = self.digits[:-1]
        elif action in (Action.NEXT, Action.ENTER):
            self._jump(self.index + 1)
        elif action in (Action.PREVIOUS, Action.BACKSPACE):
            self._jump(self.index - 1)
        elif action in (Action.FIRST, Action.FROM_START):
            self._jump(0)
        elif action is Action.LAST:
            self._jump(self.count - 1)
        elif action is Action.NOTES:
            self.notes_visible = not self.notes_visible
        return before != (self.index, self.blank, self.digits, self.notes_visible)

    def _jump(self, index: int) -> None:
        self.digits = ""
        if 0 <= index < self.count:
            self.index = index

    @property
    def progress_text(self) -> str:
        return f"Step {self.index + 1} of {self.count}"

"""PresentationController: runs a presentation over a MainWindow's store: picks the steps and the screens,
turns clicker actions into steps, flies the timeline, and hands the place back to the window on leaving."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from ...core import TimelineIndex
from ...core.stories import StoryEditError
from ..kind_style import KIND_STYLES
from .card_text import CardContent
from .deck import Action, Deck, PresentationState
from .flight import env_prefers_reduced_motion, platform_reports_ui_effects, step_window
from .theme import PROJECTOR, ProjectorTheme

if TYPE_CHECKING:  # imported when a presentation starts: about 40 ms that every start of the app would pay
    from .presentation_window import PresentationWindow
    from .presenter_view import PresenterView

__all__ = ["PresentationController", "choose_screens"]

_KIND_NAMES = {kind: style.label for kind, style in KIND_STYLES.items()}


def choose_screens(screens: list, main_screen, preferred_name: str | None = None) -> tuple[object, object | None]:
    """(audience screen, presenter screen or None). The audience gets the preferred screen when connected,
    else a screen other than the main window's; the presenter view goes where the main window is.
    Screens are told apart by position, so a list may hold the same screen twice (tests do)."""
    if not screens:
        return main_screen, None
    main = next((i for i, s in enumerate(screens) if s is main_screen), 0)
    audience = next((i for i, s in enumerate(screens) if preferred_name and s.name() == preferred_name), None)
    if audience is None:
        audience = next((i for i in range(len(screens)) if i != main), main)
    if len(screens) < 2:
        return screens[audience], None
    presenter = main if main != audience else next(i for i in range(len(screens)) if i != audience)
    return screens[audience], screens[presenter]


class PresentationController(QObject):
    """Signals: ``started()``, ``stepChanged(int)`` (0-based), ``finished()``.

    ``story_id`` (None: the filtered events in time order), ``screen_name``, ``reduce_motion`` (the app's
    own setting; None follows the system) and ``scale`` persist between presentations of one session.
    ``step_times`` (UTC seconds per step) and ``span`` (the dataset's extent) place the steps on the strip."""

    started = Signal()
    stepChanged = Signal(int)
    finished = Signal()

    def __init__(self, window, theme: ProjectorTheme = PROJECTOR) -> None:
        super().__init__(window)
        self._window = window
        self.theme = theme
        self.story_id: str | None = None
        self.screen_name: str | None = None
        self.reduce_motion: bool | None = None
        self.scale = 1.0
        self.full_screen = True
        self.deck: Deck | None = None
        self.state: PresentationState | None = None
        self.audience: PresentationWindow | None = None
        self.presenter: PresenterView | None = None
        self.step_times = np.zeros(0)
        self.span = (0.0, 1.0)
        self._kinds = np.zeros(0, np.int8)
        self._starts = np.zeros(0)
        self._events: dict = {}
        window.store.datasetReplaced.connect(self._on_store_dataset_replaced)

    # --- starting and leaving ----------------------------------------------------------------------------
    @property
    def presenting(self) -> bool:
        return self.audience is not None

    def prefers_reduced_motion(self) -> bool:
        """The app setting, then TIMELINE_APP_REDUCED_MOTION, then the system's animation setting where Qt
        reports it (QApplication's UI effects, from the platform theme: Windows)."""
        if self.reduce_motion is not None:
            return self.reduce_motion
        from_env = env_prefers_reduced_motion()
        if from_env is not None:
            return from_env
        return platform_reports_ui_effects() and not QApplication.isEffectEnabled(Qt.UIEffect.UI_General)

    def make_deck(self) -> Deck | None:
        dataset = self._window.store.dataset
        if dataset is None:
            return None
        if self.story_id is not None:
            try:
                return Deck.from_story(dataset, self.story_id)
            except StoryEditError:
                self.story_id = None
        deck = Deck.from_events(dataset, self._window.store.mask)
        return deck if deck.steps else None

    def start(self, *, from_current: bool = False, screens: list[QScreen] | None = None) -> bool:
        """Present from the first step, or from the selected event (``from_current``); False when there is
        nothing to present. ``screens`` defaults to the connected ones."""
        if self.presenting:
            self.handle(Action.FROM_CURRENT if from_current else Action.FROM_START)
            return True
        deck = self.make_deck()
        if deck is None:
            self._window.statusBar().showMessage("Nothing to present: no events match the filter", 5000)
            return False
        dataset = self._window.store.dataset
        first = deck.position_of(self._window.store.selected_id, dataset) if from_current else 0
        self._load_deck(deck, first)
        screens = QGuiApplication.screens() if screens is None else screens
        audience_screen, presenter_screen = choose_screens(screens, self._window.screen(), self.screen_name)
        from .presentation_window import PresentationWindow

        self.audience = PresentationWindow(self.theme)
        self.audience.set_scale(self.scale)
        self.audience.actionRequested.connect(self.handle)
        self.audience.closed.connect(self.stop)
        self._show_on(self.audience, audience_screen)
        if presenter_screen is not None:
            from .presenter_view import PresenterView

            self.presenter = PresenterView(self.theme)
            self.presenter.actionRequested.connect(self.handle)
            self.presenter.closed.connect(self.stop)
            self._show_on(self.presenter, presenter_screen)
            self.presenter.start_clock()
        self._feed_strip()
        self._show_step(animate=False)
        self.audience.activateWindow()
        self.audience.setFocus()
        self.started.emit()
        return True

    def _show_on(self, widget, screen) -> None:
        if screen is not None:
            widget.setScreen(screen)
            widget.setGeometry(screen.geometry())
        if self.full_screen:
            widget.showFullScreen()
        else:
            widget.show()

    def _load_deck(self, deck: Deck, index: int) -> None:
        dataset = self._window.store.dataset
        index_all = TimelineIndex.build(dataset)
        rows = [index_all.row_of(step.event_id) for step in deck.steps]
        self.step_times = np.array([index_all.start[r] for r in rows], float)
        self._kinds = np.array([index_all.kind[r] for r in rows], np.int8)
        self._starts = index_all.start
        self.span = index_all.span
        self._events = {e.id: e for e in dataset.events}
        self.deck = deck
        self.state = PresentationState(len(deck.steps), index=min(index, len(deck.steps) - 1))

    def stop(self) -> None:
        """Leave: close the windows and select the event last shown, so the main window is where we were."""
        if not self.presenting:
            return
        audience, presenter = self.audience, self.presenter
        self.audience = self.presenter = None
        self.scale = audience.scale
        for widget in (audience, presenter):
            if widget is not None:
                widget.closed.disconnect(self.stop)
                widget.close()
                widget.deleteLater()
        store = self._window.store
        store.select(self.deck.steps[self.state.index].event_id)
        row = self._window.canvas.selected_row()
        if row is not None:
            self._window.canvas.ensure_row_visible(row)
        self._window.activateWindow()
        self.finished.emit()

    # --- stepping ----------------------------------------------------------------------------------------
    def handle(self, action: Action, digit: str = "") -> None:
        if not self.presenting:
            return
        if action is Action.LEAVE:
            self.stop()
            return
        if action is Action.NOTES and self.presenter is not None:
            return  # the notes are on the presenter's own screen; the audience never sees them
        if action in (Action.BIGGER, Action.SMALLER, Action.RESET_SIZE):
            step = self.theme.scale_step
            scale = {Action.BIGGER: self.audience.scale + step, Action.SMALLER: self.audience.scale - step,
                     Action.RESET_SIZE: 1.0}[action]
            self.audience.set_scale(scale)
            return
        before = self.state.index
        if self.state.press(action, digit):
            self._show_step(animate=self.state.index != before and not self.prefers_reduced_motion())

    def _feed_strip(self) -> None:
        self.audience.strip.set_events(self._starts)
        self.audience.strip.set_steps(self.step_times, self._kinds)

    def _show_step(self, *, animate: bool) -> None:
        state, deck = self.state, self.deck
        step = deck.steps[state.index]
        content = CardContent.build(self._window.store.dataset, step.event_id, _KIND_NAMES)
        self.audience.show_state(state, deck.title, content, step.note)
        strip = self.audience.strip
        strip.set_current(state.index)
        strip.fly_to(*step_window(self.step_times, state.index, self.span), animate=animate)
        if self.presenter is not None:
            following = deck.steps[state.index + 1].event_id if state.index + 1 < len(deck.steps) else None
            next_title = self._events[following].title if following else None
            self.presenter.show_state(state, content, step.note, next_title)
        self.stepChanged.emit(state.index)

    def _on_store_dataset_replaced(self) -> None:
        """A reload or a story edit while presenting: keep the place when the steps still exist."""
        if not self.presenting:
            return
        current = self.deck.steps[self.state.index].event_id
        deck = self.make_deck()
        if deck is None:
            self.stop()
            return
        self._load_deck(deck, deck.position_of(current, self._window.store.dataset))
        self._feed_strip()
        self._show_step(animate=False)

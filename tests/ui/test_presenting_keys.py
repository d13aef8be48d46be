"""Presentation mode as a teacher drives it: F5, the clicker's keys, blanking, jumping, notes, the presenter
view on a second screen, the flight between steps, and leaving with Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from test_presenting_support import STORY, open_window, start, tools_of

from timeline_app.core import FilterState
from timeline_app.core.stories import find_story
from timeline_app.ui.presenting.controller import choose_screens
from timeline_app.ui.presenting.flight import flight_window, step_window

K = Qt.Key
FORWARD = [K.Key_PageDown, K.Key_Right, K.Key_Down, K.Key_Space, K.Key_Return, K.Key_Enter]
BACK = [K.Key_PageUp, K.Key_Left, K.Key_Up, K.Key_Backspace]


@pytest.fixture
def window(qtbot, monkeypatch):
    return open_window(qtbot, monkeypatch)


@pytest.fixture
def controller(window, qtbot):
    return start(qtbot, window)  # closing the window at the end stops the presentation


def _shown(controller) -> tuple[int, str]:
    """(step number as the audience reads it, the title on the card)."""
    audience = controller.audience
    number = int(audience.progress_label.text().split()[1])
    assert audience.windowTitle() == f"Presenting: step {number} of {controller.state.count}"
    return number, audience.card.title_label.text()


def _story_titles(window) -> list[str]:
    events = {e.id: e.title for e in window.store.dataset.events}
    return [events[s.event] for s in find_story(window.store.dataset, STORY)[1].steps]


def test_f5_presents_the_chosen_story_from_its_first_step(window, qtbot):
    tools = tools_of(window)
    tools.controller.full_screen = False
    tools.choose_story(STORY)
    window.activateWindow()
    qtbot.keyClick(window, K.Key_F5)
    controller = tools.controller
    assert controller.presenting
    assert _shown(controller) == (1, _story_titles(window)[0])
    assert controller.audience.story_label.text() == "Blocked at the Council"
    assert controller.audience.progress_label.text() == "Step 1 of 15"


def test_each_forward_key_moves_exactly_one_step(controller, window, qtbot):
    titles = _story_titles(window)
    for number, key in enumerate(FORWARD, start=2):
        qtbot.keyClick(controller.audience, key)
        assert _shown(controller) == (number, titles[number - 1]), key.name


def test_each_back_key_moves_exactly_one_step(controller, window, qtbot):
    titles = _story_titles(window)
    qtbot.keyClick(controller.audience, K.Key_End)
    for number, key in enumerate(BACK, start=1):
        qtbot.keyClick(controller.audience, key)
        assert _shown(controller) == (15 - number, titles[14 - number]), key.name


def test_a_mouse_click_goes_forward_one_step(controller, qtbot):
    qtbot.mouseClick(controller.audience, Qt.MouseButton.LeftButton)
    assert _shown(controller)[0] == 2
    qtbot.mouseClick(controller.audience, Qt.MouseButton.RightButton)
    assert _shown(controller)[0] == 2


def test_first_and_last_steps_stop_at_the_ends(controller, qtbot):
    qtbot.keyClick(controller.audience, K.Key_PageUp)
    assert _shown(controller)[0] == 1
    qtbot.keyClick(controller.audience, K.Key_End)
    assert _shown(controller)[0] == 15
    qtbot.keyClick(controller.audience, K.Key_PageDown)
    assert _shown(controller)[0] == 15
    qtbot.keyClick(controller.audience, K.Key_Home)
    assert _shown(controller)[0] == 1


def test_a_step_number_then_enter_jumps_there_and_backspace_edits_the_number(controller, qtbot):
    audience = controller.audience
    qtbot.keyClicks(audience, "13")
    assert audience.entry_label.isVisible() and "13" in audience.entry_label.text()
    qtbot.keyClick(audience, K.Key_Backspace)
    qtbot.keyClick(audience, K.Key_2)
    assert _shown(controller)[0] == 1, "typing a number alone does not move"
    qtbot.keyClick(audience, K.Key_Enter)
    assert _shown(controller)[0] == 12
    assert not audience.entry_label.isVisible()
    qtbot.keyClicks(audience, "99")
    qtbot.keyClick(audience, K.Key_Return)
    assert _shown(controller)[0] == 12, "a step that does not exist is ignored"


def _mostly(image, colour: str) -> bool:
    target = QColor(colour)
    points = [(x, y) for x in range(5, image.width(), max(1, image.width() // 23))
              for y in range(5, image.height(), max(1, image.height() // 17))]
    same = sum(image.pixelColor(x, y) == target for x, y in points)
    return same / len(points) > 0.99


def test_blank_keys_blank_the_screen_and_the_same_key_restores_it(controller, qtbot):
    audience = controller.audience
    qtbot.keyClick(audience, K.Key_PageDown)
    for key, colour, word in [(K.Key_B, "#000000", "black"), (K.Key_Period, "#000000", "black"),
                              (K.Key_W, "#ffffff", "white"), (K.Key_Comma, "#ffffff", "white")]:
        assert not _mostly(audience.grab().toImage(), colour), key.name
        qtbot.keyClick(audience, key)
        assert audience.windowTitle() == f"Presenting: step 2 of 15 (screen {word})", key.name
        assert _mostly(audience.grab().toImage(), colour), key.name
        qtbot.keyClick(audience, key)
        assert audience.windowTitle() == "Presenting: step 2 of 15", key.name
        assert not _mostly(audience.grab().toImage(), colour), key.name
        assert audience.card.title_label.isVisible()


def test_black_then_white_switches_and_white_again_restores(controller, qtbot):
    audience = controller.audience
    qtbot.keyClick(audience, K.Key_B)
    qtbot.keyClick(audience, K.Key_W)
    assert _mostly(audience.grab().toImage(), "#ffffff")
    qtbot.keyClick(audience, K.Key_W)
    assert audience.windowTitle() == "Presenting: step 1 of 15"


def test_a_page_key_on_a_blank_screen_shows_the_same_step_again(controller, qtbot):
    qtbot.keyClick(controller.audience, K.Key_B)
    qtbot.keyClick(controller.audience, K.Key_PageDown)
    assert controller.audience.windowTitle() == "Presenting: step 1 of 15"
    assert not controller.audience.blank.isVisible()


def test_n_shows_the_presenter_note_in_a_corner_with_one_screen(controller, window, qtbot):
    audience = controller.audience
    assert controller.presenter is None
    assert not audience.notes_label.isVisible()
    qtbot.keyClick(audience, K.Key_N)
    note = find_story(window.store.dataset, STORY)[1].steps[0].note
    assert audience.notes_label.isVisible() and audience.notes_label.text() == note
    assert audience.notes_label.geometry().right() <= audience.width()
    qtbot.keyClick(audience, K.Key_N)
    assert not audience.notes_label.isVisible()


def test_esc_leaves_and_the_window_selects_the_event_last_shown(controller, window, qtbot):
    qtbot.keyClick(controller.audience, K.Key_PageDown)
    audience = controller.audience
    with qtbot.waitSignal(controller.finished, timeout=2000):
        qtbot.keyClick(audience, K.Key_Escape)
    assert not controller.presenting
    assert window.store.selected_id == find_story(window.store.dataset, STORY)[1].steps[1].event


def test_shift_f5_starts_from_the_selected_event(window, qtbot):
    steps = find_story(window.store.dataset, STORY)[1].steps
    window.store.select(steps[6].event)
    tools = tools_of(window)
    tools.controller.full_screen = False
    tools.choose_story(STORY)
    qtbot.keyClick(window, K.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert _shown(tools.controller)[0] == 7
    qtbot.keyClick(tools.controller.audience, K.Key_F5)
    assert _shown(tools.controller)[0] == 1


def test_without_a_story_the_filtered_events_are_presented_in_time_order(window, qtbot):
    controller = start(qtbot, window, story=None)
    starts = [window.store.dataset.events[i].date.earliest for i in range(len(window.store.dataset.events))]
    assert controller.state.count == window.store.matching_count()
    times = [next(e for e in window.store.dataset.events if e.id == s.event_id).date.earliest
             for s in controller.deck.steps]
    assert times == sorted(times) and min(starts) == times[0]


def test_a_second_screen_gets_the_presenter_view_with_next_step_note_and_time(window, qtbot):
    screen = window.screen()
    controller = start(qtbot, window, screens=[screen, screen])
    presenter, audience = controller.presenter, controller.audience
    assert presenter is not None and presenter.isVisible()
    steps = find_story(window.store.dataset, STORY)[1].steps
    titles = _story_titles(window)
    assert presenter.next_label.text() == f"Next: {titles[1]}"
    assert presenter.notes_label.text() == steps[0].note
    assert presenter.elapsed_label.text().startswith("Elapsed 00:0")
    assert not audience.notes_label.isVisible(), "the audience never sees the notes"
    qtbot.keyClick(audience, K.Key_N)
    assert not audience.notes_label.isVisible(), "not even with N"
    qtbot.keyClick(presenter, K.Key_PageDown)
    assert _shown(controller)[0] == 2
    assert presenter.card.title_label.text() == titles[1]
    assert presenter.notes_label.text() == steps[1].note
    qtbot.keyClick(presenter, K.Key_End)
    assert presenter.next_label.text() == "Next: end of the presentation"


def test_choose_screens_puts_the_audience_on_the_other_or_the_named_screen():
    class Screen:
        def __init__(self, name):
            self._name = name

        def name(self):
            return self._name

    laptop, projector, tv = Screen("eDP-1"), Screen("HDMI-1"), Screen("DP-2")
    assert choose_screens([laptop], laptop) == (laptop, None)
    assert choose_screens([laptop, projector], laptop) == (projector, laptop)
    assert choose_screens([laptop, projector, tv], laptop, "DP-2") == (tv, laptop)
    assert choose_screens([laptop, projector], laptop, "eDP-1") == (laptop, projector)


def test_flight_keeps_the_old_event_then_the_new_one_in_view_and_ends_on_the_target():
    start_window, end_window = (0.0, 100.0), (1000.0, 1060.0)
    assert flight_window(start_window, end_window, 0.0) == start_window
    assert flight_window(start_window, end_window, 1.0) == pytest.approx(end_window)
    for step in range(21):
        u = step / 20
        x0, x1 = flight_window(start_window, end_window, u)
        if u <= 0.5:
            assert x0 <= 0.0 and x1 >= 100.0, f"u={u}: the old event's window left the screen"
        if u >= 0.5:
            assert x0 <= 1000.0 and x1 >= 1060.0, f"u={u}: the new event's window is not on screen"
    x0, x1 = step_window([0.0, 10 * 86_400.0, 400 * 86_400.0], 1)
    assert x0 < 0.0 and x1 > 400 * 86_400.0, "the neighbouring steps stay in view"


def test_a_step_flies_in_half_a_second_unless_motion_is_reduced(qtbot, monkeypatch):
    window = open_window(qtbot, monkeypatch, motion="0")
    controller = start(qtbot, window)
    strip = controller.audience.strip
    with qtbot.waitSignal(strip.flight.finished, timeout=3000):
        qtbot.keyClick(controller.audience, K.Key_PageDown)
        assert strip.flight.state() == strip.flight.State.Running
        assert strip.flight.duration() == 500
    assert strip.window_range() == pytest.approx(step_window(controller.step_times, 1, controller.span))
    tools_of(window).reduce_motion_action.trigger()
    assert controller.prefers_reduced_motion()
    qtbot.keyClick(controller.audience, K.Key_PageDown)
    assert strip.flight.state() != strip.flight.State.Running
    assert strip.window_range() == pytest.approx(step_window(controller.step_times, 2, controller.span))


def test_a_reload_while_presenting_keeps_the_step(controller, window, qtbot):
    qtbot.keyClick(controller.audience, K.Key_End)
    title = controller.audience.card.title_label.text()
    window.reload()
    assert controller.presenting
    assert _shown(controller) == (15, title)


def test_nothing_to_present_says_so_and_opens_nothing(window):
    window.store.set_filter(FilterState(text="no event says this zqxj"))
    tools = tools_of(window)
    tools.choose_story(None)
    assert not tools.controller.start()
    assert not tools.controller.presenting
    assert "Nothing to present" in window.statusBar().currentMessage()

"""The status bar, the window title and the recent-files menu: messages take the counts' place, counts are
in good English, and a file name can neither reorder the title nor become a keyboard shortcut."""

from __future__ import annotations

from dataset_files import event, shown_window, write_dataset
from PySide6.QtWidgets import QLabel

from timeline_app.ui.settings import Settings


def _write(path, events, **extra):
    return write_dataset(path, events, "Status test", **extra)


GOOD = event("ghouta", "2013-08-21", "Ghouta attack")
BAD = event("bad", "2013-13-01", "Bad date")


def _window(qtbot, settings=None):
    return shown_window(qtbot, settings=settings)


def test_a_settings_reset_message_takes_the_place_of_the_counts_until_it_ends(qtbot, tmp_path) -> None:
    settings = Settings()
    settings.problem = "Settings reset to the defaults: the file was damaged."
    window = _window(qtbot, settings)
    window.open_path(_write(tmp_path / "d.json", [GOOD]))
    counts = window.statusBar().findChildren(QLabel)[0]
    assert window.statusBar().currentMessage() == settings.problem
    assert counts.text() == "1 of 1 events" and not counts.isVisible()
    window.statusBar().clearMessage()
    assert counts.isVisible()


def test_problem_counts_are_singular_for_one(qtbot, tmp_path) -> None:
    window = _window(qtbot)
    window.open_path(_write(tmp_path / "d.json", [GOOD], colour="red"))  # one warning: an unknown field
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "1 of 1 events · 0 errors, 1 warning (see Problems)" in texts
    window.open_path(_write(tmp_path / "e.json", [GOOD, BAD]))  # the bad event, and its reason
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "1 of 1 events · 2 errors, 0 warnings (see Problems)" in texts


def test_a_file_name_with_hidden_characters_or_ampersands_is_shown_as_written(qtbot, tmp_path) -> None:
    window = _window(qtbot)
    window.open_path(_write(tmp_path / "R&D \u202eevil.json", [GOOD]))
    assert window.windowTitle() == "Status test — R&D \\u202eevil.json"
    window.open_path(_write(tmp_path / "R&D notes.json", [GOOD]))
    recent = [action.text() for action in window.recent_menu.actions()]
    assert recent and recent[0].endswith("R&&D notes.json"), recent


def test_an_empty_canvas_shows_no_numbers_on_its_lane_axis(qtbot) -> None:
    window = _window(qtbot)
    canvas = window.canvas
    image = canvas.grab().toImage()
    axis_width = int(canvas.getPlotItem().getAxis("left").width())
    assert axis_width > 50
    inked = sum(1 for x in range(0, axis_width - 6, 2) for y in range(0, image.height(), 2)
                if image.pixelColor(x, y).lightness() < 200)
    assert inked == 0  # before, the lane axis counted 0.0 to 1.0 down an empty canvas

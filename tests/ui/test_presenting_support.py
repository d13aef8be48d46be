"""Shared set-up for the presenting tests: the real window on the bundled dataset, with presenting installed.
(Named test_* so it sits with the files it serves; it holds no tests.)"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from timeline_app.paths import bundled_dataset_path
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.presenting import PresentingTools
from timeline_app.ui.presenting.flight import REDUCED_MOTION_ENV

STORY = "blocked-at-the-council"


def open_window(qtbot, monkeypatch, path=None, motion: str = "1") -> MainWindow:
    monkeypatch.setenv(REDUCED_MOTION_ENV, motion)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.open_path(path or bundled_dataset_path())
    return window


def tools_of(window) -> PresentingTools:
    tools = window.findChild(PresentingTools)
    assert tools is not None, "install_presenting was not called by MainWindow"
    return tools


def start(qtbot, window, story: str | None = STORY, screens=None, size=(1024, 768)):
    """Present ``story`` in a normal window of ``size`` (full screen is the user's; tests need a known size)."""
    tools = tools_of(window)
    tools.controller.full_screen = False
    tools.choose_story(story)
    assert tools.controller.start(screens=screens if screens is not None else [window.screen()])
    audience = tools.controller.audience
    audience.resize(*size)
    # The presentation takes the keyboard from the window (its shortcuts, such as Ctrl+0, stop applying).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is audience and audience.size().toTuple() == size)
    return tools.controller


def background_of(widget: QWidget) -> str:
    """The colour behind ``widget``: its own filled background, else the nearest filled ancestor's."""
    current = widget
    while current is not None:
        if current.autoFillBackground():
            return current.palette().color(current.backgroundRole()).name()
        current = current.parentWidget()
    raise AssertionError(f"nothing paints a background behind {widget.objectName()}")


def visible_labels(root: QWidget) -> list[QLabel]:
    return [label for label in root.findChildren(QLabel) if label.isVisibleTo(root) and label.text()]

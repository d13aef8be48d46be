"""The documentation's screenshots of presentation mode, rendered offscreen from the real windows.

    TIMELINE_APP_WRITE_SCREENSHOTS=1 pytest tests/ui/test_presenting_screenshots.py   # writes docs/screenshots

Without the variable the shots go to a temporary folder, so the test still checks that they can be made and
that they show what the documentation says: the card on the projector background, at the full size."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from repo_paths import REPO_ROOT
from test_presenting_support import open_window, start

from timeline_app.ui.presenting.theme import PROJECTOR

STORY = "who-used-chemical-weapons"
STEP = 4  # the JIM: its quote's attribution names a signatory in Arabic, shown right to left


def _out(tmp_path):
    return REPO_ROOT / "docs" / "screenshots" if os.environ.get("TIMELINE_APP_WRITE_SCREENSHOTS") else tmp_path


def _share(image: QImage, colour: str) -> float:
    target = QColor(colour)
    points = [(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    return sum(image.pixelColor(x, y) == target for x, y in points) / len(points)


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_screenshot(qtbot, monkeypatch, tmp_path, size):
    window = open_window(qtbot, monkeypatch)
    controller = start(qtbot, window, STORY, size=size)
    qtbot.keyClicks(controller.audience, str(STEP))
    qtbot.keyClick(controller.audience, Qt.Key.Key_Return)
    assert controller.audience.windowTitle() == f"Presenting: step {STEP} of 15"
    path = _out(tmp_path) / f"presentation-{size[0]}x{size[1]}.png"
    image = controller.audience.grab().toImage()
    assert image.save(str(path))
    assert (image.width(), image.height()) == size
    assert _share(image, PROJECTOR.background) > 0.6, "mostly the projector background"
    assert _share(image, PROJECTOR.text) > 0.005, "with dark text on it"


def test_presenter_view_screenshot(qtbot, monkeypatch, tmp_path):
    window = open_window(qtbot, monkeypatch)
    screen = window.screen()
    controller = start(qtbot, window, STORY, screens=[screen, screen])
    controller.presenter.resize(1366, 768)
    qtbot.waitUntil(lambda: controller.presenter.size().toTuple() == (1366, 768))
    qtbot.keyClick(controller.presenter, Qt.Key.Key_PageDown)
    image = controller.presenter.grab().toImage()
    assert image.save(str(_out(tmp_path) / "presentation-presenter-view-1366x768.png"))
    assert _share(image, PROJECTOR.presenter_background) > 0.2

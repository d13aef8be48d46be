"""The installed app opens a real window on the bundled dataset and quits on Ctrl+Q."""

from __future__ import annotations

import subprocess
import time

import pytest
from repo_paths import REPO_ROOT

from timeline_app.io import load_dataset

pytestmark = pytest.mark.e2e


def wait_for_colours(app, shot, minimum: int, timeout: float = 20.0) -> bool:
    """Screenshot the window until it shows more than ``minimum`` colours (it has painted its content)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        subprocess.run(["import", "-window", app.window, str(shot)], check=True, timeout=30)
        colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True, text=True,
                                 check=True).stdout
        if int(colours) > minimum:
            return True
        time.sleep(0.3)
    return False


def wait_for_pixels(app, shot, colour: str, minimum: int, timeout: float = 10.0) -> bool:
    """Screenshot until at least ``minimum`` pixels are within a small distance of ``colour``."""
    from PySide6.QtGui import QColor, QImage

    target = QColor(colour)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        subprocess.run(["import", "-window", app.window, str(shot)], check=True, timeout=30)
        image = QImage(str(shot))
        count = 0
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                pixel = image.pixelColor(x, y)
                if (abs(pixel.red() - target.red()) + abs(pixel.green() - target.green())
                        + abs(pixel.blue() - target.blue())) < 30:
                    count += 1
        if count >= minimum:
            return True
        time.sleep(0.3)
    return False


def test_app_opens_the_bundled_dataset_in_a_real_window_and_quits_on_ctrl_q(start_app, tmp_path):
    app = start_app()
    expected = load_dataset(REPO_ROOT / "data" / "accountability-timeline.json").dataset.title
    title = app.xdotool("getwindowname", app.window)
    assert title.startswith(expected), f"the window shows {title!r}, not the bundled dataset"

    shot = tmp_path / "window.png"
    assert wait_for_colours(app, shot, minimum=16), "the window stayed blank"
    # The events themselves are on screen: symbols in the attack, veto and mechanism colours.
    for colour in ("#D55E00", "#1A1A1A", "#009E73"):
        assert wait_for_pixels(app, shot, colour, minimum=30), f"no event marks in {colour} on screen"

    app.xdotool("windowfocus", "--sync", app.window)
    app.xdotool("key", "ctrl+q")
    assert app.process.wait(timeout=15) == 0
    assert "Traceback" not in app.process.stderr.read()


def test_app_lists_problems_of_a_broken_file_and_still_opens(start_app, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "accountability-timeline", "format_version": 1, "title": "Broken",\n'
                      ' "events": [{"id": "x", "date": "2018-13-01", "kind": "attack", "title": "T"}]}\n')
    app = start_app(str(broken))
    assert app.xdotool("getwindowname", app.window).startswith("Broken")
    app.xdotool("windowfocus", "--sync", app.window)
    app.xdotool("key", "ctrl+q")
    assert app.process.wait(timeout=15) == 0

"""A teacher presents with a clicker: F5, PageDown three times, b (black), b (back), Esc. Real key events from
xdotool reach the installed app in a real X window; the presentation's window title says which step is
shown, and a screenshot shows the black screen."""

from __future__ import annotations

import subprocess
import time

import pytest

from timeline_app.core import FilterState, filter_mask
from timeline_app.io import load_dataset
from timeline_app.paths import bundled_dataset_path

pytestmark = pytest.mark.e2e


def _until(condition, what: str, timeout: float = 10.0):
    """Poll ``condition`` until it returns something truthy (the app runs in another process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def _presentation_window(app) -> str | None:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Presenting"],
                           capture_output=True, text=True)
    ids = found.stdout.split()
    return ids[-1] if ids else None


def _title_is(app, window: str, expected: str) -> bool:
    # Qt adds the application's display name: "Presenting: step 1 of 87 — Accountability Timeline".
    return app.xdotool("getwindowname", window).split(" — ")[0] == expected


def _mean_grey(window: str, path) -> float:
    """Mean brightness of a screenshot of the window, 0 (black) to 1 (white)."""
    subprocess.run(["import", "-window", window, str(path)], check=True, timeout=30)
    mean = subprocess.run(["identify", "-format", "%[fx:mean]", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return float(mean)


def test_clicker_keys_step_blank_and_leave_a_real_presentation(start_app, tmp_path):
    dataset = load_dataset(bundled_dataset_path()).dataset
    count = int(filter_mask(dataset, FilterState()).sum())  # no story chosen: the filtered events
    app = start_app()
    main_title = app.xdotool("getwindowname", app.window)
    app.xdotool("windowfocus", "--sync", app.window)
    app.xdotool("key", "F5")
    shown = _until(lambda: _presentation_window(app), "the presentation window")
    _until(lambda: _title_is(app, shown, f"Presenting: step 1 of {count}"), "step 1")
    app.xdotool("windowfocus", "--sync", shown)

    for step in (2, 3, 4):
        app.xdotool("key", "Next")  # PageDown, what most clickers send
        _until(lambda s=step: _title_is(app, shown, f"Presenting: step {s} of {count}"), f"step {step}")
    assert _mean_grey(shown, tmp_path / "step4.png") > 0.5, "the card is on screen"

    app.xdotool("key", "b")
    _until(lambda: _title_is(app, shown, f"Presenting: step 4 of {count} (screen black)"), "the black screen")
    _until(lambda: _mean_grey(shown, tmp_path / "black.png") < 0.02, "a black screenshot")

    app.xdotool("key", "b")
    _until(lambda: _title_is(app, shown, f"Presenting: step 4 of {count}"), "step 4 again")
    _until(lambda: _mean_grey(shown, tmp_path / "back.png") > 0.5, "the card again")

    app.xdotool("key", "Escape")
    _until(lambda: _presentation_window(app) is None, "the presentation to close")
    assert app.xdotool("getwindowname", app.window) == main_title
    assert app.process.poll() is None, "leaving the presentation does not quit the app"

    app.xdotool("windowfocus", "--sync", app.window)
    app.xdotool("key", "ctrl+q")
    assert app.process.wait(timeout=15) == 0
    assert "Traceback" not in app.process.stderr.read()

"""The installed app opens a real window on the bundled dataset and quits on Ctrl+Q."""

from __future__ import annotations

import subprocess

import pytest

pytestmark = pytest.mark.e2e


def test_app_opens_the_bundled_dataset_in_a_real_window_and_quits_on_ctrl_q(start_app, tmp_path):
    app = start_app()
    title = app.xdotool("getwindowname", app.window)
    assert "Accountability" in title

    shot = tmp_path / "window.png"
    subprocess.run(["import", "-window", app.window, str(shot)], check=True, timeout=30)
    colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True, text=True,
                             check=True).stdout
    assert int(colours) > 16, "the window is blank"

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

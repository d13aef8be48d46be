"""End-to-end tests start the installed `timeline-app` in a real X window (Xvfb, started by pytest-xvfb)
and drive it with real input from xdotool. Without Xvfb or xdotool they skip, except under CI (CI=1),
where a missing tool is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is not installed (run .ci/install --test)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def real_display(xvfb) -> str:
    """DISPLAY of the virtual screen pytest-xvfb started for this session."""
    _require("Xvfb")
    _require("xdotool")
    if xvfb is None or not os.environ.get("DISPLAY"):
        pytest.fail("pytest-xvfb did not start a virtual screen")
    return os.environ["DISPLAY"]


def app_command() -> list[str]:
    """The installed entry point, next to this interpreter (what a user runs)."""
    script = Path(sys.executable).with_name("timeline-app")
    if not script.exists():
        pytest.fail(f"the timeline-app command is not installed next to {sys.executable}")
    return [str(script)]


class RunningApp:
    """A started app process and the id of its main window."""

    def __init__(self, args: list[str], display: str, home: Path) -> None:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home),
                   XDG_CONFIG_HOME=str(home / ".config"))
        self.process = subprocess.Popen([*app_command(), *args], env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.window = self._wait_for_window()

    def _wait_for_window(self, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the app exited early ({self.process.returncode}): {self.process.stderr.read()}")
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                                   capture_output=True, text=True)
            ids = found.stdout.split()
            if ids:
                return ids[-1]
            time.sleep(0.2)
        self.process.kill()
        pytest.fail("no window appeared within 20 s")

    def xdotool(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], capture_output=True, text=True, check=True).stdout.strip()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def start_app(real_display, tmp_path):
    started: list[RunningApp] = []

    def start(*args: str) -> RunningApp:
        app = RunningApp(list(args), real_display, tmp_path)
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()

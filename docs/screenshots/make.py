"""Render the documentation screenshots from the real window, offscreen.

    python docs/screenshots/make.py            # writes docs/screenshots/*.png

Each shot opens the bundled dataset at a screen size a user has (1366x768 laptops, 1920x1080 projectors)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from timeline_app.model import parse_edtf
from timeline_app.paths import bundled_dataset_path
from timeline_app.ui.application import create_application
from timeline_app.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent


def shoot(name: str, size: tuple[int, int], window_edtf: str | None = None, select: str | None = None) -> Path:
    window = MainWindow()
    window.resize(*size)
    window.show()
    window.open_path(bundled_dataset_path())
    if window_edtf:
        date = parse_edtf(window_edtf)
        window.canvas.set_visible_range(date.earliest, date.latest)
    if select:
        window.store.select(select)
    for _ in range(5):
        create_application().processEvents()
    window.canvas.flush_plan()
    create_application().processEvents()
    path = OUT / f"{name}.png"
    window.grab().save(str(path))
    window.close()
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as settings_dir:  # never read or write the user's settings
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        create_application()
        shots = [
            shoot("whole-span-1366x768", (1366, 768)),
            shoot("whole-span-1920x1080", (1920, 1080)),
            shoot("april-2017-1366x768", (1366, 768), "2017-03-25/2017-04-20", "khan-shaykhun-attack-2017"),
            shoot("april-2017-1920x1080", (1920, 1080), "2017-03-25/2017-04-20", "khan-shaykhun-attack-2017"),
        ]
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())

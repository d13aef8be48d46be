"""Start the Qt application: one QApplication, settings names, the main window on a dataset."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from ..paths import bundled_dataset_path
from .main_window import MainWindow

ORGANIZATION = "AccountabilityTimeline"
APPLICATION = "timeline-app"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Accountability Timeline")
    return app


def run(file: str | None) -> int:
    """Open ``file`` (the bundled dataset when None) in a window and run until it closes."""
    app = create_application()
    window = MainWindow()
    window.open_path(file if file is not None else bundled_dataset_path())
    window.show()
    return app.exec()

"""A damaged settings file resets to defaults with a message, never a crash at start; settings are written
atomically and a failed write is reported.

Each test writes its file where QSettings reads (the conftest points the INI user scope at a temporary
folder), then builds Settings and the MainWindow as the app does at start.
"""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import QByteArray, QSettings

from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.settings import SavedView, Settings

HEALTHY = ("[v1]\nrecent_files=/data/a.json, /data/b.json\nview\\file=/data/a.json\nview\\x0=1000000\n"
           "view\\x1=2000000\nview\\selected_id=ghouta\nview\\lane_mode=kind\n")
DAMAGED = {
    "garbage bytes": bytes(range(256)) * 8,
    "utf-16 text": "[v1]\nrecent_files=/data/a.json\n".encode("utf-16"),
    "truncated mid-line": b"[v1]\nrecent_files=/data/a.json\nview\\file=/data/a.json\nview\\x0=10\nview\\x",
    "x0 is a word": HEALTHY.replace("x0=1000000", "x0=abc").encode(),
    "x1 is infinite": HEALTHY.replace("x1=2000000", "x1=inf").encode(),
    "x1 is not a number at all": HEALTHY.replace("x1=2000000", "x1=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x12)").encode(),
    "filter is a word": (HEALTHY + "view\\filter=notadict\n").encode(),
    "geometry is a word": (HEALTHY + "window\\geometry=hello\n").encode(),
    "a name that is not text": b"[v1]\nrecent\x01files=/data/a.json\n",
}


@pytest.fixture(autouse=True)
def _names(qapp):
    """The organisation and application names, set at start by the app (ui/application.py) and needed by
    QSettings to read or write its default file."""
    saved = (qapp.organizationName(), qapp.applicationName())
    qapp.setOrganizationName("AccountabilityTimeline")
    qapp.setApplicationName("timeline-app-tests")
    yield
    qapp.setOrganizationName(saved[0])
    qapp.setApplicationName(saved[1])


def _settings_file() -> str:
    return QSettings().fileName()


def _write(data: bytes) -> str:
    path = _settings_file()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def test_a_healthy_file_is_read_as_written(qapp) -> None:
    _write(HEALTHY.encode())
    settings = Settings()
    assert settings.problem is None
    assert settings.recent_files() == ["/data/a.json", "/data/b.json"]
    assert settings.saved_view() == SavedView("/data/a.json", 1e6, 2e6, {}, "ghouta", "kind")


@pytest.mark.parametrize("damage", list(DAMAGED), ids=list(DAMAGED))
def test_a_damaged_file_resets_to_defaults_with_a_message_and_the_window_starts(qtbot, tmp_path, damage) -> None:
    path = _write(DAMAGED[damage])
    settings = Settings()
    assert settings.problem.startswith(f"Settings reset to the defaults: {path} was damaged (")
    # Read whole in the status bar of a 1366-pixel screen: with a usual path (58 characters), at most 185.
    assert len(settings.problem) - len(path) - len(os.path.basename(path)) <= 110, settings.problem
    assert (settings.recent_files(), settings.saved_view(), settings.geometry()) == ([], None, None)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.statusBar().currentMessage() == settings.problem
    dataset = tmp_path / "d.json"
    dataset.write_text(json.dumps({"format": "accountability-timeline", "format_version": 1, "title": "After reset",
                                   "events": [{"id": "e", "date": "2013", "kind": "attack", "title": "E"}]}))
    window.open_path(dataset)
    assert window.windowTitle().startswith("After reset")
    window.save_view()
    assert window.settings.sync()
    again = Settings()  # the next start: the file is healthy again and holds the view just saved
    assert again.problem is None
    assert again.saved_view().file == str(dataset.resolve())


def test_a_file_that_is_not_settings_is_kept_aside_for_the_user(qapp) -> None:
    path = _write(DAMAGED["garbage bytes"])
    settings = Settings()
    assert settings.problem.endswith(f"; it was kept as {os.path.basename(path)}.damaged.")
    with open(path + ".damaged", "rb") as kept:
        assert kept.read() == DAMAGED["garbage bytes"]
    assert settings.sync() and not os.path.exists(path)  # nothing to write yet: no file until there is


def test_a_reset_keeps_the_settings_of_other_versions(qapp) -> None:
    _write(b"[v1]\nview\\file=/a.json\nview\\x0=abc\nview\\x1=1\n[v2]\ntheme=projector\n")
    settings = Settings()
    assert settings.problem is not None
    settings.sync()
    assert QSettings().value("v2/theme") == "projector"
    assert QSettings().value("v1/view/file") is None


def test_qsettings_replaces_the_file_atomically_rather_than_rewriting_it(qapp) -> None:
    path = _write(HEALTHY.encode())
    qt = QSettings()
    assert qt.isAtomicSyncRequired()  # Qt's default: write with QSaveFile, then rename
    before = os.stat(path).st_ino
    settings = Settings(qt)
    settings.add_recent_file("/data/c.json")
    assert settings.sync()
    assert os.stat(path).st_ino != before  # a new file was renamed into place; the old one was never opened to write
    assert Settings().recent_files()[0] == "/data/c.json"
    assert [p for p in os.listdir(os.path.dirname(path)) if p != os.path.basename(path)] == []


def test_a_failed_write_is_reported(qapp, tmp_path) -> None:
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    settings = Settings(QSettings(str(tmp_path / "not-a-folder" / "settings.ini"), QSettings.Format.IniFormat))
    settings.save_window(QByteArray(b"g"), QByteArray(b"s"))
    assert settings.sync() is False
    assert settings.problem.startswith("The settings could not be saved to ")

"""Offline: the app opens no network connection of its own, ever, and works without one.

A whole session (open the bundled dataset, browse, zoom, search, select, read the details, hover, present a
story, export SVG, PDF and PNG, write a handout, save the stories, reopen) runs in a fresh process where
Python's socket creation fails and the system browser is a recorder. Afterwards: no socket was asked for,
PySide6.QtNetwork (where QNetworkAccessManager lives) was never even imported, nothing was handed to the
browser (links open only on a click), and every step did its work. The same session then runs under strace
(no AF_INET/AF_INET6 socket made by any code, Qt's C++ included) and in a network namespace with no network
at all (``unshare -n``), where it must still succeed.

Run as a script (``python tests/ui/test_offline.py``) it is the session itself, printing a JSON report.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve()


def _run(prefix: list[str], tmp_path: Path) -> tuple[dict, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([*prefix, sys.executable, str(HERE), str(tmp_path)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report, done.stderr


def _assert_session_worked(report: dict) -> None:
    assert report["socket_attempts"] == []
    assert report["network_modules"] == []
    assert report["browser_opened"] == []
    assert report["events"] > 50 and report["matching_search"] >= 1 and report["details_mention"]
    assert report["presented"] and report["tooltip"]
    assert set(report["exports"]) == {"view.svg", "view.pdf", "view.png", "handout.pdf", "stories.json"}
    assert all(size > 0 for size in report["exports"].values())
    assert report["reopened_events"] == report["events"]


def test_a_whole_session_makes_no_socket_and_never_loads_qt_network(tmp_path) -> None:
    report, _ = _run([], tmp_path)
    _assert_session_worked(report)


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_internet_socket_is_made_by_any_code(tmp_path) -> None:
    log = tmp_path / "strace.log"
    report, _ = _run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log)], tmp_path)
    _assert_session_worked(report)
    calls = log.read_text()
    assert not re.search(r"socket\((AF_INET|AF_INET6|PF_INET|PF_INET6)\b", calls), calls[:2000]
    assert not re.search(r"connect\(.*sa_family=AF_INET6?\b", calls), calls[:2000]


@pytest.mark.skipif(shutil.which("unshare") is None or subprocess.run(["unshare", "-rn", "true"]).returncode != 0,
                    reason="cannot make a network namespace here")
def test_the_session_works_with_no_network_at_all(tmp_path) -> None:
    report, _ = _run(["unshare", "-rn"], tmp_path)
    _assert_session_worked(report)


# --- the session (run in a child process) ----------------------------------------------------------------

def _session(folder: Path) -> dict:
    import socket

    attempts: list[str] = []

    class _NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(f"socket{args}")
            raise OSError("this test allows no socket")

    def refuse(name):
        def refused(*args, **_kwargs):
            attempts.append(f"{name}{args[:2]}")
            raise OSError("this test allows no network")
        return refused

    socket.socket = _NoSocket
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair", "create_server"):
        setattr(socket, name, refuse(name))

    from PySide6.QtCore import QPoint, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip

    opened: list[str] = []
    QDesktopServices.openUrl = staticmethod(lambda url: opened.append(QUrl(url).toString()) or True)
    app = QApplication([])
    app.setOrganizationName("OfflineTest")
    app.setApplicationName("timeline-app")

    from timeline_app.io import load_dataset, save_dataset
    from timeline_app.paths import bundled_dataset_path
    from timeline_app.ui.exporting import export_view
    from timeline_app.ui.handout import handout_html, write_handout
    from timeline_app.ui.main_window import MainWindow
    from timeline_app.ui.presenting import PresentingTools

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_path(bundled_dataset_path())
    dataset = window.store.dataset
    window.canvas.fit_all()
    window.canvas.zoom(0.25)
    window.canvas.flush_plan()
    window.filter_panel.search_box.setText("Ghouta")
    _wait_for(lambda: window.store.filter.text == "Ghouta")  # the box applies its text after a pause
    matching = window.store.matching_count()
    first = window.event_list.model().index(0, 0)
    window.event_list.setCurrentIndex(first)
    details = window.detail_pane.findChild(QTextBrowser, "detailBrowser").toPlainText()
    window.canvas.fit_all()
    window.canvas.flush_plan()
    plan = window.canvas.marks.plan
    QTest.mouseMove(window.canvas.viewport(), QPoint(round(plan.centre_x[0]), round(plan.y[0])))
    _wait_for(QToolTip.isVisible)
    tooltip = QToolTip.isVisible() and bool(QToolTip.text())
    tools = window.findChild(PresentingTools)
    tools.controller.full_screen = False
    tools.choose_story(dataset.stories[0].id)
    presented = tools.controller.start(screens=[window.screen()])
    app.processEvents()
    tools.controller.stop()
    exports = {}
    for name in ("view.svg", "view.pdf", "view.png"):
        export_view(window.canvas, folder / name, "Offline")
        exports[name] = (folder / name).stat().st_size
    story = dataset.stories[0]
    write_handout(folder / "handout.pdf", handout_html(dataset, story.title, [s.event for s in story.steps]),
                  story.title)
    save_dataset(dataset, folder / "stories.json")
    exports.update({name: (folder / name).stat().st_size for name in ("handout.pdf", "stories.json")})
    window.close()
    app.processEvents()
    return {
        "socket_attempts": attempts,
        "network_modules": sorted(m for m in sys.modules if "QtNetwork" in m or "WebEngine" in m),
        "browser_opened": opened,
        "events": len(dataset.events),
        "matching_search": matching,
        "details_mention": bool(details.strip()) and "Sources" in details,
        "tooltip": tooltip,
        "presented": presented,
        "exports": exports,
        "reopened_events": len(load_dataset(folder / "stories.json").dataset.events),
    }


def _wait_for(condition, timeout_ms: int = 5000) -> None:
    """Handle events until ``condition()`` holds (qtbot.waitUntil, in a process without pytest)."""
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtTest import QTest

    deadline = QDeadlineTimer(timeout_ms)
    while not condition() and not deadline.hasExpired():
        QTest.qWait(10)


if __name__ == "__main__":
    print(json.dumps(_session(Path(sys.argv[1]))))

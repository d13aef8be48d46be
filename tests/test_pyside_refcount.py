"""Guard against PySide6 releases that leak references to None (6.12.0 on Python 3.11 drops one per call
returning nothing, and the app aborts with "deallocating None" after some thousand paint calls)."""

from __future__ import annotations

import sys

import pytest

CALLS = 1_000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calls_returning_nothing_keep_none_refcount(qtbot):
    from PySide6.QtGui import QPen
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    pen = QPen()
    widget.update()  # warm up caches that may hold a reference once
    pen.setWidth(1)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.update()
        pen.setWidth(2)
    after = sys.getrefcount(None)
    # A leak of one reference per call shows as about 2,000; allow a little noise from the interpreter.
    assert abs(after - before) < 50, f"refcount of None moved by {after - before} over {2 * CALLS} calls"

"""Loading a large dataset without freezing the window: the loader's steps run in a worker thread, a progress
dialog shows how far it has come, and Cancel stops it between two steps, leaving the open dataset as it was.

The loading itself is ``io.iter_load_dataset``, a generator that yields progress between steps none of which
holds the interpreter long (events are validated in batches of about 2 MB), so the window keeps painting and
answering while a 200 MB file loads. Files up to ``LARGE_FILE_BYTES`` load at once, on the calling thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QProgressDialog, QWidget

from ..core import event_columns
from ..io import LoadResult, Problem, UnreadableFileError, iter_load_dataset
from ..io.problems import visible_name
from ..model.findings import Severity

__all__ = ["LARGE_FILE_BYTES", "LoadRunner", "is_large_file", "left_out_text"]

LARGE_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this load in a worker, with a progress dialog (about 18,000 events of ordinary size).

Measured with the window showing the bundled dataset, under app.exec() (offscreen and on an X server alike),
110 MB / 100,000 events: the worker has the dataset after 3.3-3.8 s, as fast as the calling thread (no GIL
starvation: the event loop waits in C++ with the GIL released). The window then builds its views on its
own thread; with the event list's sort on, that takes 66 s (the list sorts 100,000 rows through Python
data() calls), which is what a 67 s "load in the worker" measured. Loading on the calling thread freezes
the window for the same 71 s in all; the fix for the 66 s belongs in the event list."""
_READING_SHARE = 100  # of 1,000 progress steps: reading the bytes; the rest is checking them
_SECTION_WORDS = {"events": ("event", "events"), "sources": ("source", "sources"), "stories": ("story", "stories")}


def is_large_file(path: Path) -> bool:
    try:
        return path.stat().st_size > LARGE_FILE_BYTES
    except OSError:
        return False  # the loader says why it cannot be read


def left_out_text(result: LoadResult) -> str:
    """What the window says about the items of the file that are not shown ("" when none was left out)."""
    if result.dataset is None or not result.left_out:
        return ""
    parts = []
    for name, count in result.left_out.items():
        total = count + len(getattr(result.dataset, name))
        one, many = _SECTION_WORDS[name]
        parts.append(f"{count:,} of {total:,} {one if total == 1 else many}")
    return "Left out: " + ", ".join(parts) + " (see Problems)"


def _unreadable(file: str, reason: str) -> LoadResult:
    return LoadResult(file, None, (Problem(file, 1, 1, "", Severity.ERROR, reason),))


class _Worker(QObject):
    """Runs the loader's steps (in the worker thread) and reports through signals (queued to the window)."""

    progressed = Signal(int)  # 0..1000
    loaded = Signal(object)  # the LoadResult
    cancelled = Signal()

    def __init__(self, path: Path, require_citations: bool) -> None:
        super().__init__()
        self._path, self._require_citations = path, require_citations
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        steps = iter_load_dataset(self._path, require_citations=self._require_citations)
        try:
            while not self._cancel.is_set():
                try:
                    progress = next(steps)
                except StopIteration as done:
                    if done.value.dataset is not None:  # the arrays every view reads, built here rather than
                        event_columns(done.value.dataset)  # on the window's thread (0.6 s at 100,000 events)
                    self.loaded.emit(done.value)
                    return
                share = progress.fraction * (_READING_SHARE if progress.stage == "reading" else 1000 - _READING_SHARE)
                self.progressed.emit(int(share) + (0 if progress.stage == "reading" else _READING_SHARE))
            steps.close()  # stops between two steps; the loader's own clean-up runs
            self.cancelled.emit()
        except UnreadableFileError as exc:
            self.loaded.emit(_unreadable(exc.file, exc.reason))
        except Exception as exc:  # no traceback for the user: say what failed, briefly
            self.loaded.emit(_unreadable(str(self._path), f"the file could not be loaded because of an internal "
                                                          f"error ({type(exc).__name__}); please report it"))


class LoadRunner(QObject):
    """One load in a worker thread, with a progress dialog on ``window``. ``on_loaded(result)`` is called on the
    window's thread when it completes (not when it is cancelled).

    Signals: ``progressed(int)`` (0 to 1,000, as the dialog shows it), ``finished()`` (loaded or cancelled)."""

    progressed = Signal(int)
    finished = Signal()

    def __init__(self, window: QWidget, path: Path, *, require_citations: bool,
                 on_loaded: Callable[[LoadResult], None]) -> None:
        super().__init__(window)
        self.path = path
        self._on_loaded = on_loaded
        self.dialog = QProgressDialog(window)
        label = QLabel(self.dialog)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is shown as written, never as markup
        self.dialog.setLabel(label)
        # The bar is set directly, never through QProgressDialog.setValue(): on a modal dialog that runs the
        # event loop itself, so the worker's result, queued right behind its last progress, was handled inside
        # it and the dialog deleted under it (a crash in QProgressBar::maximum() when setValue() went on).
        self._bar = QProgressBar(self.dialog)
        self.dialog.setBar(self._bar)
        size = path.stat().st_size / (1024 * 1024) if path.exists() else 0
        # A file's name came with the file: written as text, hidden characters (U+202E...) as escapes.
        self.dialog.setLabelText(f"Opening {visible_name(path.name)} ({size:,.0f} MB)…")
        self.dialog.setWindowTitle("Opening a dataset")
        self.dialog.setRange(0, 1000)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._thread = QThread()
        self._worker = _Worker(path, require_citations)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._show_progress)
        self._worker.progressed.connect(self.progressed)
        self._worker.loaded.connect(self._on_worker_loaded)
        self._worker.cancelled.connect(self._on_worker_cancelled)
        self.dialog.canceled.connect(self.cancel)
        # If the window goes while loading, stop the worker and wait for it (a thread must not outlive its
        # QThread object). The lambda holds the thread and worker, not this object, which is gone by then.
        thread, worker = self._thread, self._worker
        self.destroyed.connect(lambda *_: (worker.cancel(), thread.quit(), thread.wait()))
        self.cancelled = False
        self._stopped = False

    def start(self) -> None:
        self._bar.setValue(0)
        self.dialog.show()
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def cancel(self) -> None:
        """Stop between two steps; the dataset on show stays."""
        self.cancelled = True
        self.dialog.setLabelText(f"Stopping the opening of {visible_name(self.path.name)}…")
        self._worker.cancel()

    def _show_progress(self, value: int) -> None:
        if not self._stopped:
            self._bar.setValue(value)

    def _on_worker_loaded(self, result: LoadResult) -> None:
        self._stop()
        if self.cancelled:  # it ended before it could stop
            self._say_cancelled()
        else:
            self._on_loaded(result)
        self.finished.emit()

    def _on_worker_cancelled(self) -> None:
        self._stop()
        self._say_cancelled()
        self.finished.emit()

    def _say_cancelled(self) -> None:
        """Say so in the window's status bar: a window that was empty stays empty, and would not say why."""
        window = self.parent()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Opening {visible_name(self.path.name)} was cancelled.", 15_000)

    def _stop(self) -> None:
        self._stopped = True
        self._thread.quit()
        self._thread.wait()
        self.dialog.hide()
        self.dialog.deleteLater()

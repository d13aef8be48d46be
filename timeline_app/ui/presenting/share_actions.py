"""ShareActions: the Export menu: the current view as PNG, SVG or PDF, printing it, and the chosen story (or
the filtered events) as a PDF handout or on paper. File names come from dialogs; the work is done by
ui.exporting and ui.handout, which write atomically."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ...io.saving import SaveError
from ..exporting import EXPORT_FORMATS, export_view, print_view
from ..handout import handout_html, print_handout, write_handout

__all__ = ["ShareActions", "view_caption"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _day(t: float) -> str:
    when = _EPOCH + timedelta(seconds=max(min(t, 253_402_214_399.0), -62_135_596_800.0))
    return f"{when.day} {when:%B} {when.year}"


def view_caption(window) -> str:
    """What the exported view shows: the time window and how many events pass the filter."""
    x0, x1 = window.canvas.visible_range()
    dataset = window.store.dataset
    total = len(dataset.events) if dataset is not None else 0
    # The window's end is exclusive (midnight after its last day), like an event's own end.
    return f"{_day(x0)} to {_day(x1 - 1)} · {window.store.matching_count()} of {total} events shown"


class ShareActions(QObject):
    def __init__(self, window, controller) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self.actions: dict[str, QAction] = {}
        for name, text, slot, shortcut in [
            ("png", "View as &PNG image…", lambda: self._ask_export_view("png"), None),
            ("svg", "View as &SVG drawing…", lambda: self._ask_export_view("svg"), None),
            ("pdf", "View as P&DF…", lambda: self._ask_export_view("pdf"), None),
            ("print", "Print the &view…", self._print_view, QKeySequence.StandardKey.Print),
            ("handout", "Story &handout (PDF)…", lambda: self._ask_handout(False), None),
            ("handout_notes", "Story handout with presenter &notes (PDF)…", lambda: self._ask_handout(True), None),
            ("print_handout", "Print the story &handout…", self._print_handout, None),
        ]:
            action = QAction(text, window)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(shortcut)
            self.actions[name] = action

    def add_to_menu(self, menu: QMenu) -> None:
        for name in ("png", "svg", "pdf", "print"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        for name in ("handout", "handout_notes", "print_handout"):
            menu.addAction(self.actions[name])

    # --- without dialogs (tests call these) --------------------------------------------------------------
    def export_view(self, path: str | Path) -> None:
        dataset = self._window.store.dataset
        title = dataset.title if dataset is not None else "Accountability Timeline"
        export_view(self._window.canvas, path, title, view_caption(self._window))

    def handout(self, *, include_notes: bool = False, page_per_step: bool = False) -> tuple[str, str] | None:
        """(HTML, title) of the handout of what F5 would present; None when there is nothing."""
        deck = self._controller.make_deck()
        dataset = self._window.store.dataset
        if deck is None or dataset is None:
            return None
        description = ""
        if deck.story_id is not None:
            description = next(s.description for s in dataset.stories if s.id == deck.story_id)
        html_text = handout_html(dataset, deck.title, [s.event_id for s in deck.steps], [s.note for s in deck.steps],
                                 description=description, include_notes=include_notes, page_per_step=page_per_step)
        return html_text, deck.title

    def write_handout(self, path: str | Path, *, include_notes: bool = False) -> bool:
        made = self.handout(include_notes=include_notes)
        if made is None:
            return False
        write_handout(path, *made)
        return True

    # --- with dialogs ------------------------------------------------------------------------------------
    def _ask_path(self, caption: str, name: str, kind: str) -> str | None:
        start = self._window.store.path.parent if self._window.store.path else Path.home()
        path, _ = QFileDialog.getSaveFileName(self._window, caption, str(start / f"{name}.{kind}"),
                                              EXPORT_FORMATS[kind])
        if path and not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        return path or None

    def _ask_export_view(self, kind: str) -> None:
        if (path := self._ask_path("Export the view", "timeline-view", kind)) is not None:
            self._reporting(lambda: self.export_view(path), path)

    def _ask_handout(self, include_notes: bool) -> None:
        if (path := self._ask_path("Save the handout", "story-handout", "pdf")) is not None:
            self._reporting(lambda: self.write_handout(path, include_notes=include_notes), path)

    def _reporting(self, work, path: str) -> None:
        try:
            work()
        except SaveError as exc:
            QMessageBox.warning(self._window, "Not saved", f"{Path(path).name} was not written: {exc.reason}.")
            return
        self._window.statusBar().showMessage(f"Saved {Path(path).name}", 5000)

    def _print_view(self) -> None:
        dataset = self._window.store.dataset
        print_view(self._window.canvas, self._window, dataset.title if dataset else "", view_caption(self._window))

    def _print_handout(self) -> None:
        made = self.handout()
        if made is not None:
            print_handout(self._window, *made)

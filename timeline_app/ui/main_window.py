"""MainWindow: the events of the open dataset, and the problems found in its file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QHeaderView, QLabel, QMainWindow, QTableView

from ..io import LoadResult, UnreadableFileError, load_dataset
from ..io.problems import Problem
from ..model.findings import Severity
from ..paths import is_bundled_dataset
from .event_table_model import EventTableModel
from .problems_panel import ProblemsPanel


class MainWindow(QMainWindow):
    """Opens a dataset file through the io layer and shows what is valid, with every problem listed."""

    def __init__(self) -> None:
        super().__init__()
        self.resize(1100, 700)
        self.result: LoadResult | None = None
        self.path: Path | None = None

        self.event_model = EventTableModel(parent=self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.event_model)
        self._proxy.setSortRole(EventTableModel.SortRole)
        self.event_table = QTableView(self)
        self.event_table.setModel(self._proxy)
        self.event_table.setSortingEnabled(True)
        self.event_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.event_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.event_table.verticalHeader().hide()
        self.event_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.event_table.setAlternatingRowColors(True)
        self.setCentralWidget(self.event_table)

        self.problems_panel = ProblemsPanel(self)
        self._problems_dock = QDockWidget("Problems", self)
        self._problems_dock.setObjectName("problemsDock")
        self._problems_dock.setWidget(self.problems_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self._problems_dock)

        self._status = QLabel(self)
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self._status, 1)
        self._build_menus()

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        for text, shortcut, slot in (
            ("&Open…", QKeySequence.StandardKey.Open, self._on_open_triggered),
            ("&Reload", QKeySequence.StandardKey.Refresh, self.reload),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    def open_path(self, path: str | Path) -> None:
        """Load ``path`` and show its valid events and all its problems; never raises for a bad file."""
        self.path = Path(path)
        try:
            result = load_dataset(self.path, require_citations=is_bundled_dataset(self.path))
        except UnreadableFileError as exc:
            result = LoadResult(exc.file, None, (Problem(exc.file, 1, 1, "", Severity.ERROR, exc.reason),))
        self.show_result(result)

    def show_result(self, result: LoadResult) -> None:
        self.result = result
        dataset = result.dataset
        self.event_model.set_dataset(dataset)
        self.problems_panel.set_problems(result.problems)
        self._problems_dock.setVisible(bool(result.problems))
        name = Path(result.file).name
        self.setWindowTitle(f"{dataset.title} — {name}" if dataset else f"{name} — Accountability Timeline")
        if dataset is None:
            counts = "nothing could be read"
        else:
            counts = f"{len(dataset.events)} events · {len(dataset.sources)} sources"
        if result.problems:
            counts += f" · {len(result.errors)} errors, {len(result.warnings)} warnings"
        self._status.setText(counts)

    def reload(self) -> None:
        if self.path is not None:
            self.open_path(self.path)

    def _on_open_triggered(self) -> None:
        start = str(self.path.parent) if self.path else ""
        file, _ = QFileDialog.getOpenFileName(self, "Open dataset", start, "Timeline datasets (*.json);;All files (*)")
        if file:
            self.open_path(file)

"""MainWindow: the timeline, its overview, the filters, the event list, the details and the problems.

It wires widgets to the DatasetStore and forwards user actions; the rules live in core and io."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core import FilterState, LaneMode, TimelineIndex, facet_counts
from ..io import LoadResult, UnreadableFileError, load_dataset
from ..io.excerpt import source_excerpt
from ..io.problems import Problem, visible_name
from ..model.findings import Severity
from ..paths import is_bundled_dataset
from .dataset_store import DatasetStore
from .detail_pane import DetailPane
from .event_list import EventList
from .filter_panel import FilterPanel
from .kind_style import KIND_ORDER, kind_label
from .overview_strip import OverviewStrip
from .presenting import install_presenting
from .problems_panel import ProblemsPanel, SourceExcerptView
from .settings import SavedView, Settings
from .timeline_canvas import TimelineCanvas, lane_kind_codes


class MainWindow(QMainWindow):
    """Opens dataset files through the io layer and shows what is valid, with every problem listed."""

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Accountability Timeline")
        self.resize(1366, 768)
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.store = DatasetStore(self)
        self.lane_mode = LaneMode.KIND
        self.index: TimelineIndex | None = None
        self._build_widgets()
        self._build_menus()
        self._connect()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self._reload_timer.start())
        self._reload_timer = QTimer(self, singleShot=True, interval=400)
        self._reload_timer.timeout.connect(self.reload)
        if self.settings.problem:  # a damaged settings file was reset to defaults: say so, once
            self.statusBar().showMessage(self.settings.problem, 60_000)
        install_presenting(self)

    # --- construction ----------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.canvas = TimelineCanvas(self)
        self.overview = OverviewStrip(self)
        centre = QWidget(self)
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.overview)
        self.setCentralWidget(centre)
        self.filter_panel = FilterPanel(self)
        self.detail_pane = DetailPane(self)
        self.event_list = EventList(self.store, self)
        self.problems_panel = ProblemsPanel(self)
        self.source_excerpt = SourceExcerptView(self)
        problems = QSplitter(Qt.Orientation.Horizontal, self)
        problems.addWidget(self.problems_panel)
        problems.addWidget(self.source_excerpt)
        problems.setStretchFactor(0, 3)
        problems.setStretchFactor(1, 2)
        self._docks = {}
        for name, title, widget, area in (
            ("filters", "Filters", _scrollable(self.filter_panel), Qt.DockWidgetArea.LeftDockWidgetArea),
            ("details", "Details", self.detail_pane, Qt.DockWidgetArea.RightDockWidgetArea),
            ("events", "Events", self.event_list, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("problems", "Problems", problems, Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}Dock")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self._docks[name] = dock
        self.tabifyDockWidget(self._docks["events"], self._docks["problems"])
        self._docks["events"].raise_()
        self.resizeDocks([self._docks["filters"], self._docks["details"]], [250, 400], Qt.Orientation.Horizontal)
        self.resizeDocks([self._docks["events"]], [190], Qt.Orientation.Vertical)
        self._docks_sized = False
        self._status = QLabel(self)
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self._status, 1)
        # a temporary message (settings reset, a cancelled opening, a save) takes the counts' place rather than
        # being drawn over them, which QStatusBar does not prevent for a label that is shown later
        self.statusBar().messageChanged.connect(lambda message: self._status.setVisible(not message))

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self._add_action(menu, "&Open…", QKeySequence.StandardKey.Open, self._on_open_triggered)
        self.recent_menu = menu.addMenu("Open &Recent")
        self._add_action(menu, "&Reload", QKeySequence("Ctrl+R"), self.reload)  # F5 starts a presentation
        self._add_action(menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        view = self.menuBar().addMenu("&View")
        self._add_action(view, "Fit &all", QKeySequence("Ctrl+0"), self.canvas.fit_all)
        self._add_action(view, "&Find…", QKeySequence.StandardKey.Find, self._focus_search)
        for dock in self._docks.values():
            view.addAction(dock.toggleViewAction())
        self._refresh_recent_menu()

    def _add_action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.store.datasetReplaced.connect(self._on_store_dataset_replaced)
        self.store.filterChanged.connect(self._rebuild_index)
        self.store.selectionChanged.connect(self._on_store_selection_changed)
        self.filter_panel.filterEdited.connect(self.store.set_filter)
        self.filter_panel.laneModeChanged.connect(self._on_filter_panel_lane_mode_changed)
        self.canvas.selectionRequested.connect(self.store.select)
        self.canvas.detailsRequested.connect(self._show_details)
        self.canvas.windowChanged.connect(self.overview.show_window)
        self.overview.windowRequested.connect(self.canvas.set_visible_range)
        self.detail_pane.eventActivated.connect(self._on_detail_event_activated)
        self.event_list.eventSelected.connect(self.store.select)
        self.event_list.eventActivated.connect(self._show_details)
        self.problems_panel.problemActivated.connect(self._on_problem_activated)
        self.problems_panel.problemSelected.connect(self._on_problem_selected)

    # --- files -----------------------------------------------------------------------------------------
    def open_path(self, path: str | Path, *, keep_view: bool = False) -> None:
        """Load ``path`` and show its valid events and all its problems; never raises for a bad file.

        A large file loads in a worker thread behind a progress dialog whose Cancel keeps the open dataset;
        the window stays responsive meanwhile. What the file holds but the window cannot show is counted in
        the status bar ("Left out: 3 of 120 events")."""
        from .load_runner import LoadRunner, is_large_file, left_out_text

        path = Path(path)
        window = self.canvas.visible_range() if keep_view and self.index is not None else None
        require_citations = is_bundled_dataset(path)

        def show(result: LoadResult) -> None:
            self._watch(path)
            if result.dataset is not None:
                self.settings.add_recent_file(str(path.resolve()))
                self._refresh_recent_menu()
            self.store.set_result(result, path)
            left_out = self.findChild(QLabel, "leftOutLabel")
            if left_out is None:
                left_out = QLabel(self)
                left_out.setObjectName("leftOutLabel")
                left_out.setTextFormat(Qt.TextFormat.PlainText)
                self.statusBar().addPermanentWidget(left_out)
            left_out.setText(left_out_text(result))
            left_out.setVisible(bool(left_out.text()))
            saved = None if keep_view else self.settings.saved_view()
            if window is not None:
                self.canvas.set_visible_range(*window)
            elif saved is not None and result.dataset is not None and saved.file == str(path.resolve()):
                self._restore_view(saved)

        for running in self.findChildren(LoadRunner):
            running.cancel()  # the file asked for last is the one shown
        if is_large_file(path):
            runner = LoadRunner(self, path, require_citations=require_citations, on_loaded=show)
            runner.finished.connect(runner.deleteLater)
            runner.start()
            return
        try:
            result = load_dataset(path, require_citations=require_citations)
        except UnreadableFileError as exc:
            result = LoadResult(exc.file, None, (Problem(exc.file, 1, 1, "", Severity.ERROR, exc.reason),))
        show(result)

    def _watch(self, path: Path) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        if path.is_file():
            self._watcher.addPath(str(path))

    def reload(self) -> None:
        if self.store.path is not None:
            self.open_path(self.store.path, keep_view=True)

    def _on_open_triggered(self) -> None:
        start = str(self.store.path.parent) if self.store.path else ""
        file, _ = QFileDialog.getOpenFileName(self, "Open dataset", start, "Timeline datasets (*.json);;All files (*)")
        if file:
            self.open_path(file)

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for file in self.settings.recent_files():
            action = self.recent_menu.addAction(visible_name(file).replace("&", "&&"))  # & marks a shortcut
            action.triggered.connect(lambda _checked=False, f=file: self.open_path(f))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            self.open_path(files[0])
            event.acceptProposedAction()

    # --- reacting to the store -------------------------------------------------------------------------
    def _on_store_dataset_replaced(self) -> None:
        result = self.store.result
        dataset = self.store.dataset
        self.filter_panel.set_dataset(dataset, self.store.filter)
        self.problems_panel.set_problems(result.problems)
        self._docks["problems"].setVisible(bool(result.problems))
        if result.problems:
            self._docks["problems"].raise_()
        name = visible_name(Path(result.file).name)
        self.setWindowTitle(f"{dataset.title} — {name}" if dataset else f"{name} — Accountability Timeline")
        self._rebuild_index()
        self.canvas.fit_all()
        self._on_store_selection_changed(self.store.selected_id or "")

    def _rebuild_index(self) -> None:
        dataset = self.store.dataset
        if dataset is None:
            self.index = None
            self.canvas.set_index(None, [], str, np.zeros(0, np.int8))
            self.overview.set_index(None)
        else:
            self.index = TimelineIndex.build(dataset, self.store.mask, self.lane_mode)
            events, event_index = dataset.events, self.index.event_index
            titles = [events[i].title for i in event_index]

            def tooltip_of(row: int) -> str:
                event = events[event_index[row]]
                return f"{event.title}\n{event.date.human} · {kind_label(event.kind)}"

            self.canvas.set_index(self.index, titles, tooltip_of,
                                  lane_kind_codes(self.index, self.lane_mode is LaneMode.KIND))
            self.overview.set_index(self.index)
        self.event_list.refilter()
        self._update_counts()

    def _update_counts(self) -> None:
        dataset = self.store.dataset
        total = len(dataset.events) if dataset else 0
        shown = self.store.matching_count()
        counts = facet_counts(dataset, self.store.mask).kinds if dataset else {}
        self.filter_panel.set_counts(shown, total, {k: counts.get(k, 0) for k in KIND_ORDER})
        result = self.store.result
        text = f"{shown:,} of {total:,} events" if dataset else "nothing could be read"
        if result and result.problems:
            errors, warnings = _count(len(result.errors), "error"), _count(len(result.warnings), "warning")
            text += f" · {errors}, {warnings} (see Problems)"
        self._status.setText(text)

    def _on_store_selection_changed(self, event_id: str) -> None:
        event_id = event_id or None
        self.canvas.set_selected(event_id)
        self.event_list.select_event(event_id)
        base_dir = self.store.path.parent if self.store.path else None
        self.detail_pane.show_event(self.store.dataset, event_id, base_dir=base_dir, highlight=self.store.filter.text)

    def _on_filter_panel_lane_mode_changed(self, mode: LaneMode) -> None:
        self.lane_mode = mode
        window = self.canvas.visible_range()
        self._rebuild_index()
        self.canvas.set_visible_range(*window)

    def _on_detail_event_activated(self, event_id: str) -> None:
        self.store.select(event_id)
        row = self.canvas.selected_row()
        if row is not None:
            self.canvas.ensure_row_visible(row)

    def _show_details(self, event_id: str) -> None:
        self.store.select(event_id)
        dock = self._docks["details"]
        dock.show()
        dock.raise_()

    def _on_problem_selected(self, line: int, column: int) -> None:
        lines = source_excerpt(self.store.path, line) if self.store.path is not None else []
        self.source_excerpt.show_excerpt(lines, line, column)

    def _on_problem_activated(self, pointer: str) -> None:
        self._docks["problems"].raise_()

    def _focus_search(self) -> None:
        self._docks["filters"].show()
        self.filter_panel.search_box.setFocus()
        self.filter_panel.search_box.selectAll()

    # --- saved view ------------------------------------------------------------------------------------
    def _restore_view(self, saved: SavedView) -> None:
        state = FilterState.from_dict(saved.filter)
        self.filter_panel.set_dataset(self.store.dataset, state)
        self.store.set_filter(state)
        mode = next((m for m in LaneMode if m.value == saved.lane_mode), LaneMode.KIND)
        if mode is not self.lane_mode:
            self.filter_panel.lane_mode.setCurrentIndex(list(LaneMode).index(mode))
        if saved.x1 > saved.x0:
            self.canvas.set_visible_range(saved.x0, saved.x1)
        self.store.select(saved.selected_id)

    def save_view(self) -> None:
        if self.store.dataset is None or self.store.path is None:
            return
        x0, x1 = self.canvas.visible_range()
        self.settings.save_view(SavedView(str(self.store.path.resolve()), x0, x1, self.store.filter.to_dict(),
                                          self.store.selected_id, self.lane_mode.value))
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._docks_sized:  # dock sizes only hold once the window has its real size
            self._docks_sized = True
            self.resizeDocks([self._docks["filters"], self._docks["details"]], [250, 400], Qt.Orientation.Horizontal)
            self.resizeDocks([self._docks["events"]], [max(120, self.height() // 6)], Qt.Orientation.Vertical)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_view()
        super().closeEvent(event)


def _scrollable(widget: QWidget) -> QScrollArea:
    """The widget in a scroll area, so a tall panel never forces the window taller than a 768-pixel screen."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")

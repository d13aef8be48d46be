"""FilterPanel: text search, the kind legend (which doubles as the kind filter), actors, tags, a date range
and the lane mode. It edits a FilterState and hands it to the store; it holds no rule of its own."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import Facet, FilterState, LaneMode, event_columns
from ..model import Dataset, EdtfError, EventKind, parse_edtf
from .kind_style import KIND_ORDER, kind_label, paint_symbol

_MAX_FACETS = 500  # names listed per facet, most events first; a name the filter holds is always listed


def kind_icon(kind: EventKind, size: int = 18) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_symbol(painter, kind, QPointF(size / 2, size / 2), size - 4)
    painter.end()
    return QIcon(pixmap)


class FilterPanel(QWidget):
    """Signals: ``filterEdited(object)`` with the new FilterState; ``laneModeChanged(object)``."""

    filterEdited = Signal(object)
    laneModeChanged = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._state = FilterState()
        self._updating = False
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search titles, summaries, quotes…")
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._emit)
        self.search_box.textChanged.connect(self._search_timer.start)

        self.kind_boxes: dict[EventKind, QCheckBox] = {}
        kinds = QGroupBox("Kinds", self)
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.setSpacing(2)
        for kind in KIND_ORDER:
            box = QCheckBox(kind_label(kind), kinds)
            box.setIcon(kind_icon(kind))
            box.setIconSize(QSize(18, 18))
            box.setChecked(True)
            box.toggled.connect(self._emit)
            kinds_layout.addWidget(box)
            self.kind_boxes[kind] = box

        self.actor_list = self._facet_list()
        self.tag_list = self._facet_list()
        self.date_from = QLineEdit(self)
        self.date_to = QLineEdit(self)
        for field, hint in ((self.date_from, "from, e.g. 2013 or 2017-04"), (self.date_to, "to, e.g. 2018")):
            field.setPlaceholderText(hint)
            field.editingFinished.connect(self._emit)
        self.date_problem = QLabel(self)
        self.date_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.date_problem.setStyleSheet("color: #b00020")
        self.lane_mode = QComboBox(self)
        for label, mode in (("Lanes by kind", LaneMode.KIND), ("Lanes by actor", LaneMode.ACTOR),
                            ("One lane", LaneMode.SINGLE)):
            self.lane_mode.addItem(label, mode)
        self.lane_mode.currentIndexChanged.connect(
            lambda _i: self.laneModeChanged.emit(self.lane_mode.currentData()))
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.count_label)
        layout.addWidget(self.lane_mode)
        layout.addWidget(kinds)
        dates = QFormLayout()
        dates.addRow("From", self.date_from)
        dates.addRow("To", self.date_to)
        layout.addLayout(dates)
        layout.addWidget(self.date_problem)
        layout.addWidget(QLabel("Actors (none ticked: all)", self))
        layout.addWidget(self.actor_list, 1)
        layout.addWidget(QLabel("Tags (none ticked: all)", self))
        layout.addWidget(self.tag_list, 1)

    def _facet_list(self) -> QListWidget:
        widget = QListWidget(self)
        widget.itemChanged.connect(self._emit)
        return widget

    # --- model in --------------------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset | None, state: FilterState) -> None:
        """Fill the facets from a dataset and show ``state`` without emitting."""
        self._updating = True
        try:
            columns = event_columns(dataset) if dataset is not None else None
            self._fill(self.actor_list, _most_common(columns.actors, state.actors) if columns else [], state.actors)
            self._fill(self.tag_list, _most_common(columns.tags, state.tags) if columns else [], state.tags)
            for kind, box in self.kind_boxes.items():
                box.setChecked(state.kinds is None or kind in state.kinds)
            self.search_box.setText(state.text)
            self._state = state
        finally:
            self._updating = False

    def _fill(self, widget: QListWidget, counts: list[tuple[str, int]], chosen: frozenset[str] | None) -> None:
        widget.clear()
        for name, count in counts:
            item = QListWidgetItem(f"{name} ({count})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if chosen and name in chosen else Qt.CheckState.Unchecked)
            widget.addItem(item)

    def set_counts(self, shown: int, total: int, per_kind: dict[EventKind, int]) -> None:
        self.count_label.setText(f"Showing {shown:,} of {total:,} events")
        for kind, box in self.kind_boxes.items():
            box.setText(f"{kind_label(kind)} ({per_kind.get(kind, 0):,})")

    # --- state out -------------------------------------------------------------------------------------
    def current_state(self) -> FilterState:
        kinds = frozenset(k for k, box in self.kind_boxes.items() if box.isChecked())
        return FilterState(
            kinds=None if len(kinds) == len(self.kind_boxes) else kinds,
            actors=self._checked(self.actor_list),
            tags=self._checked(self.tag_list),
            date_from=self._date_bound(self.date_from, start=True),
            date_to=self._date_bound(self.date_to, start=False),
            text=self.search_box.text().strip(),
        )

    def _checked(self, widget: QListWidget) -> frozenset[str] | None:
        names = frozenset(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                          if widget.item(i).checkState() == Qt.CheckState.Checked)
        return names or None

    def _date_bound(self, field: QLineEdit, *, start: bool) -> float | None:
        text = field.text().strip()
        if not text:
            return None
        try:
            date = parse_edtf(text)
        except EdtfError as exc:
            self.date_problem.setText(str(exc))
            return None
        self.date_problem.clear()
        return date.earliest if start else date.latest

    def _emit(self, *_args) -> None:
        if self._updating:
            return
        self.date_problem.clear()
        state = self.current_state()
        if state != self._state:
            self._state = state
            self.filterEdited.emit(state)


def _most_common(facet: Facet, chosen: frozenset[str] | None) -> list[tuple[str, int]]:
    """The facet's names with their event counts, most events first (ties alphabetically), at most
    ``_MAX_FACETS`` plus any ``chosen`` name beyond them (a restored filter must stay visible and
    editable); counted with numpy over the column arrays, not per event."""
    counts = np.bincount(facet.pair_code, minlength=len(facet.names))
    order = np.lexsort((np.arange(len(counts)), -counts))
    listed = order[:_MAX_FACETS].tolist()
    beyond = set(order[_MAX_FACETS:].tolist())
    listed += sorted(code for code in (facet.code_of.get(n, -1) for n in chosen or ()) if code in beyond)
    return [(facet.names[code], int(counts[code])) for code in listed]

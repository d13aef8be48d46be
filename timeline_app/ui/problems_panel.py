"""ProblemsPanel: the problems found in the open file, one row each (severity, line:column, message)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from ..io import Problem
from .rich_text import tooltip_text


class ProblemsPanel(QTreeWidget):
    """Lists problems as plain text. Signals: ``problemActivated(str)`` with the problem's JSON pointer."""

    problemActivated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["", "Where", "Problem"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.itemActivated.connect(self._on_item_activated)

    def set_problems(self, problems: tuple[Problem, ...]) -> None:
        self.clear()
        style = self.style()
        icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for problem in problems:
            # QTreeWidgetItem text is always plain text: dataset text inside messages stays literal.
            item = QTreeWidgetItem(["", f"line {problem.line}, column {problem.column}", problem.message])
            item.setIcon(0, icons[problem.is_error])
            item.setToolTip(2, tooltip_text(problem.format()))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, problem.severity.value)
            item.setData(0, Qt.ItemDataRole.UserRole, problem.pointer)
            self.addTopLevelItem(item)
        for column in (0, 1):
            self.resizeColumnToContents(column)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.problemActivated.emit(item.data(0, Qt.ItemDataRole.UserRole) or "")

"""ProblemsPanel: the problems found in the open file, one row each (severity, line:column, message)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QStyle, QTreeWidget, QTreeWidgetItem

from ..io import Problem
from .rich_text import tooltip_text


class ProblemsPanel(QTreeWidget):
    """Lists problems as plain text. Signals: ``problemActivated(str)`` with the problem's JSON pointer;
    ``problemSelected(int, int)`` with its line and column when the user selects it."""

    problemActivated = Signal(str)
    problemSelected = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["", "Where", "Problem"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.itemActivated.connect(self._on_item_activated)
        self.currentItemChanged.connect(self._on_current_item_changed)

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
            item.setData(1, Qt.ItemDataRole.UserRole, (problem.line, problem.column))
            self.addTopLevelItem(item)
        for column in (0, 1):
            self.resizeColumnToContents(column)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.problemActivated.emit(item.data(0, Qt.ItemDataRole.UserRole) or "")

    def _on_current_item_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            line, column = current.data(1, Qt.ItemDataRole.UserRole)
            self.problemSelected.emit(line, column)


class SourceExcerptView(QPlainTextEdit):
    """The lines of the file around a problem, numbered, with a caret under its column (plain text)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText("Select a problem to see where it is in the file")

    def show_excerpt(self, lines: list[tuple[int, str]], line: int, column: int) -> None:
        if not lines:
            self.setPlainText("")
            return
        width = len(str(lines[-1][0]))
        shown = []
        for number, text in lines:
            marker = ">" if number == line else " "
            shown.append(f"{marker} {number:>{width}} | {text}")
            if number == line:
                shown.append(" " * (width + 5) + " " * max(column - 1, 0) + "^")
        self.setPlainText("\n".join(shown))

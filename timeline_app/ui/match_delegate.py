"""MatchHighlightDelegate: draws a cell's text with the search matches on a highlight background."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core import match_spans

HIGHLIGHT = QColor("#ffe08a")


class MatchHighlightDelegate(QStyledItemDelegate):
    """Paints plain text (never markup) and marks the spans of the current query (diacritic-insensitive,
    as the search itself). ``query()`` returns the current search text."""

    def __init__(self, query: Callable[[], str], parent=None) -> None:
        super().__init__(parent)
        self._query = query

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        query = self._query()
        spans = match_spans(text, query) if query else []
        if not spans:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        metrics = QFontMetricsF(option.font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 4)
        baseline = rect.top() + (rect.height() + metrics.ascent() - metrics.descent()) / 2
        painter.save()
        painter.setClipRect(rect)
        for start, end in spans:
            if start >= len(shown):
                break
            left = rect.left() + 2 + metrics.horizontalAdvance(shown[:start])
            width = metrics.horizontalAdvance(shown[start:min(end, len(shown))])
            painter.fillRect(QRectF(left, rect.top() + 2, width, rect.height() - 4), HIGHLIGHT)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.highlightedText().color() if selected else option.palette.text().color())
        painter.setFont(option.font)
        painter.drawText(QPointF(rect.left() + 2, baseline), shown)
        painter.restore()

    def spans_for(self, index: QModelIndex) -> list[tuple[int, int]]:
        """The spans this delegate marks in a cell (what a user sees highlighted)."""
        query = self._query()
        return match_spans(index.data(Qt.ItemDataRole.DisplayRole) or "", query) if query else []

"""PresentationCard: one event, large: kind and date, title, first sentence, one quote and who said it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...model import EventKind
from ..bidi import is_mainly_rtl, neutralise
from ..kind_style import KIND_STYLES, symbol_path
from .card_text import CardContent
from .theme import ProjectorTheme

__all__ = ["KindBadge", "PresentationCard", "make_label", "set_colours"]


def set_colours(widget: QWidget, foreground: str, background: str) -> None:
    """Give ``widget`` its text and background colours through its palette (what it really paints with)."""
    palette = widget.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        palette.setColor(group, QPalette.ColorRole.WindowText, QColor(foreground))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(foreground))
        palette.setColor(group, QPalette.ColorRole.Window, QColor(background))
    widget.setPalette(palette)


def make_label(parent: QWidget, name: str) -> QLabel:
    """A word-wrapped label that shows dataset text literally (never as rich text)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def set_text(label: QLabel, text: str | None) -> None:
    """Show ``text`` (hide the label when there is none), right to left when it is mainly Arabic."""
    text = neutralise(text or "")
    label.setText(text)
    label.setVisible(bool(text))
    rtl = is_mainly_rtl(text)
    label.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)


class KindBadge(QWidget):
    """The kind's shape from kind_style, outlined in the theme's mark colour so it reads on a projector."""

    def __init__(self, theme: ProjectorTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._kind = EventKind.OTHER
        self._size = 24

    def set_kind(self, kind: EventKind, size: int) -> None:
        self._kind, self._size = kind, size
        self.setFixedSize(QSize(round(size * 1.3), round(size * 1.3)))
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        paint_kind_mark(painter, self._theme, self._kind, QPointF(self.width() / 2, self.height() / 2), self._size)


def paint_kind_mark(painter: QPainter, theme: ProjectorTheme, kind: EventKind, centre: QPointF, size: float) -> None:
    """A kind's shape filled with its colour (white when hollow) and outlined dark: the shape, not the colour,
    tells kinds apart once a projector has washed the colour out."""
    style = KIND_STYLES[kind]
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(theme.mark_outline), max(1.5, size / 12)))
    painter.setBrush(QBrush(QColor(theme.white if style.hollow else style.colour)))
    painter.drawPath(symbol_path(style.shape, size).translated(centre))


class PresentationCard(QWidget):
    """The card of the current step. ``apply_sizes`` sets the fonts in pixels; ``heightForWidth`` says how
    tall the card must be to show everything (the window shrinks the scale until it fits)."""

    def __init__(self, theme: ProjectorTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setAutoFillBackground(True)
        set_colours(self, theme.text, theme.background)
        self.badge = KindBadge(theme, self)
        self.date_label = make_label(self, "cardDate")
        self.title_label = make_label(self, "cardTitle")
        self.sentence_label = make_label(self, "cardSentence")
        self.quote_label = make_label(self, "cardQuote")
        self.attribution_label = make_label(self, "cardAttribution")
        for label in (self.date_label, self.attribution_label):
            set_colours(label, theme.secondary, theme.background)
        for label in (self.title_label, self.sentence_label, self.quote_label):
            set_colours(label, theme.text, theme.background)
        self._quote_bar = QFrame(self)
        self._quote_bar.setAutoFillBackground(True)
        set_colours(self._quote_bar, theme.accent, theme.accent)
        self._build_layout()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.content: CardContent | None = None

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.date_label, 1)
        layout.addLayout(header)
        layout.addWidget(self.title_label)
        layout.addWidget(self.sentence_label)
        quote_row = QHBoxLayout()
        quote_row.addWidget(self._quote_bar)
        quote_column = QVBoxLayout()
        quote_column.addWidget(self.quote_label)
        quote_column.addWidget(self.attribution_label)
        quote_row.addLayout(quote_column, 1)
        layout.addLayout(quote_row)
        layout.addStretch(1)
        self._quote_row = quote_row

    def text_labels(self) -> list[QLabel]:
        return [self.date_label, self.title_label, self.sentence_label, self.quote_label, self.attribution_label]

    def set_content(self, content: CardContent) -> None:
        self.content = content
        set_text(self.date_label, f"{content.kind_text} · {content.date_text}")
        set_text(self.title_label, content.title)
        set_text(self.sentence_label, content.sentence)
        set_text(self.quote_label, content.quote)
        set_text(self.attribution_label, content.attribution)
        self._quote_bar.setVisible(bool(content.quote or content.attribution))
        self.badge.set_kind(content.kind, self.date_label.font().pixelSize())
        self.setAccessibleName(f"{content.date_text}: {content.title}")

    def apply_sizes(self, title_px: int, body_px: int) -> None:
        """Fonts in pixels (a projector's screen height decides them, not the laptop's DPI)."""
        for label in self.text_labels():
            font = QFont(self.font())
            font.setPixelSize(title_px if label is self.title_label else body_px)
            font.setBold(label is self.title_label)
            font.setItalic(label is self.quote_label)
            label.setFont(font)
        self.badge.set_kind(self.content.kind if self.content else EventKind.OTHER, body_px)
        self._quote_bar.setFixedWidth(max(4, body_px // 4))
        spacing = max(6, body_px // 2)
        self.layout().setSpacing(spacing)
        self._quote_row.setSpacing(spacing)
        self.layout().invalidate()

    def required_height(self, width: int) -> int:
        """The height that shows every line of the card at ``width`` pixels (what the labels would wrap to)."""
        spacing = self.layout().spacing()
        date_width = width - self.badge.width() - spacing
        heights = [max(self.badge.height(), self.date_label.heightForWidth(date_width))]
        heights += [label.heightForWidth(width) for label in (self.title_label, self.sentence_label)
                    if not label.isHidden()]
        if not self._quote_bar.isHidden():
            inner = width - self._quote_bar.width() - self._quote_row.spacing()
            quoted = [label.heightForWidth(inner) for label in (self.quote_label, self.attribution_label)
                      if not label.isHidden()]
            heights.append(sum(quoted) + spacing * (len(quoted) - 1))
        return sum(heights) + spacing * (len(heights) - 1)

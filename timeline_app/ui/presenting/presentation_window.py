"""PresentationWindow: what the audience sees, full screen: progress, the card and the timeline strip, with
overlays for a blanked screen, the presenter's notes (one screen only) and a step number being typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QMouseEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from .card import PresentationCard, make_label, set_colours
from .card_text import CardContent
from .clicker_keys import action_for_key
from .deck import Action, Blank, PresentationState
from .theme import ProjectorTheme
from .timeline_strip import TimelineStrip

__all__ = ["PresentationWindow", "ProgressBar"]

_SCALE_STEP = 0.05


class ProgressBar(QWidget):
    """A thin bar filled to the current step: how far through the story we are, at a glance."""

    def __init__(self, theme: ProjectorTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.fraction = 0.0

    def set_fraction(self, fraction: float) -> None:
        self.fraction = fraction
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.background))
        painter.setPen(QColor(self._theme.accent))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.fillRect(0, 0, round(self.width() * self.fraction), self.height(), QColor(self._theme.accent))


class PresentationWindow(QWidget):
    """Signals: ``actionRequested(object, str)`` (an Action and the digit typed, from a key or a click),
    ``closed()`` (the window was closed by the system or the user)."""

    actionRequested = Signal(object, str)
    closed = Signal()

    def __init__(self, theme: ProjectorTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.theme = theme
        self.scale = 1.0
        self.effective_scale = 1.0
        self.fits = True
        self.setObjectName("presentationWindow")
        self.setAutoFillBackground(True)
        set_colours(self, theme.text, theme.background)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.story_label = make_label(self, "storyTitle")
        self.progress_label = make_label(self, "progress")
        self.progress_label.setWordWrap(False)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for label in (self.story_label, self.progress_label):
            set_colours(label, theme.secondary, theme.background)
        self.progress_bar = ProgressBar(theme, self)
        self.card = PresentationCard(theme, self)
        self.strip = TimelineStrip(theme, self)
        self.notes_label = self._overlay_label("notesOverlay")
        self.entry_label = self._overlay_label("stepEntry")
        self.blank = QWidget(self)
        self.blank.setObjectName("blankScreen")
        self.blank.setAutoFillBackground(True)
        self.blank.hide()
        self._build_layout()

    def _overlay_label(self, name: str) -> QLabel:
        label = make_label(self, name)
        label.setAutoFillBackground(True)
        set_colours(label, self.theme.overlay_text, self.theme.overlay_background)
        label.hide()
        return label

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        # The window's size is the screen's; the layout follows it (fixed heights are recomputed on resize).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        top = QHBoxLayout()
        top.addWidget(self.story_label, 1)
        top.addWidget(self.progress_label, 0)
        layout.addLayout(top)
        layout.addWidget(self.progress_bar)
        layout.addStretch(1)  # the card sits in the middle of the space the timeline leaves
        layout.addWidget(self.card)
        layout.addStretch(1)
        layout.addWidget(self.strip)

    # --- what is shown -----------------------------------------------------------------------------------
    def show_state(self, state: PresentationState, deck_title: str, content: CardContent, note: str) -> None:
        self.story_label.setText(deck_title)
        self.progress_label.setText(state.progress_text)
        self.progress_bar.set_fraction((state.index + 1) / max(state.count, 1))
        if self.card.content != content:
            self.card.set_content(content)
        self.notes_label.setText(note or "No presenter note for this step.")
        self.notes_label.setVisible(state.notes_visible)
        self.entry_label.setText(f"Go to step {state.digits} — press Enter")
        self.entry_label.setVisible(bool(state.digits))
        self._show_blank(state.blank)
        title = f"Presenting: {state.progress_text[0].lower()}{state.progress_text[1:]}"
        if state.blank is not Blank.NONE:
            title += f" (screen {state.blank.value})"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._relayout()

    def _show_blank(self, blank: Blank) -> None:
        if blank is Blank.NONE:
            self.blank.hide()
            return
        colour = self.theme.black if blank is Blank.BLACK else self.theme.white
        set_colours(self.blank, colour, colour)
        self.blank.setGeometry(self.rect())
        self.blank.show()
        self.blank.raise_()

    def set_scale(self, scale: float) -> None:
        """The presenter's text size (Ctrl+plus/minus); it shrinks on its own only to keep a card whole."""
        self.scale = self.theme.clamp_scale(scale)
        self._relayout()

    # --- layout ------------------------------------------------------------------------------------------
    def _candidate_scales(self) -> list[float]:
        scales, scale = [], self.scale
        while scale > self.theme.min_scale:
            scales.append(scale)
            scale = round(scale - _SCALE_STEP, 3)
        return [*scales, self.theme.min_scale]

    def _relayout(self) -> None:
        h, w = self.height(), self.width()
        margin = round(min(w, h) * 0.04)
        layout = self.layout()
        layout.setContentsMargins(margin, round(margin * 0.6), margin, round(margin * 0.4))
        card_width = w - 2 * margin
        for scale in self._candidate_scales():
            body, title = self.theme.body_px(h, scale), self.theme.title_px(h, scale)
            self._apply_fonts(body, title)
            spacing = max(6, body // 2)
            layout.setSpacing(spacing)
            top = self.progress_label.sizeHint().height() + self.progress_bar.height()
            strip_min = round(body * 4.5)
            available = h - round(margin * 1.0) - top - strip_min - 3 * spacing
            need = self.card.required_height(card_width)
            if need <= available:
                break
        self.effective_scale, self.fits = scale, need <= available
        self.card.setFixedHeight(min(need, max(available, 0)))
        # The timeline takes up to a third of the screen; what the card does not need stays around it.
        self.strip.setFixedHeight(max(strip_min, min(round(h * 0.32), available + strip_min - need)))
        layout.activate()  # apply the geometry now, so what is measured is what is shown
        self._place_overlays(margin, body)

    def _apply_fonts(self, body: int, title: int) -> None:
        self.card.apply_sizes(title, body)
        for label in (self.story_label, self.progress_label, self.notes_label, self.entry_label):
            font = label.font()
            font.setPixelSize(body)
            label.setFont(font)
        self.progress_bar.setFixedHeight(max(6, body // 3))
        self.strip.set_label_px(body)

    def _place_overlays(self, margin: int, body: int) -> None:
        pad = body // 2
        for label in (self.notes_label, self.entry_label):
            label.setContentsMargins(pad, pad, pad, pad)
        width = round(self.width() * 0.45)
        height = min(self.notes_label.heightForWidth(width), round(self.height() * 0.6))
        self.notes_label.setGeometry(self.width() - margin - width, self.height() - margin - height, width, height)
        entry = self.entry_label.sizeHint()
        self.entry_label.setGeometry((self.width() - entry.width()) // 2, margin, entry.width(), entry.height())
        for label in (self.notes_label, self.entry_label):
            label.raise_()
        self.blank.setGeometry(self.rect())
        self.blank.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    # --- input -------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        found = action_for_key(event)
        if found is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.actionRequested.emit(*found)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.actionRequested.emit(Action.NEXT, "")
            return
        super().mousePressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)

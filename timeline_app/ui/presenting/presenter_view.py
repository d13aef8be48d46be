"""PresenterView: the presenter's own screen when a second one is connected: the current card as the
audience sees it, what comes next, the presenter note and the time since the presentation began."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from .card import PresentationCard, make_label, set_colours
from .card_text import CardContent
from .clicker_keys import action_for_key
from .deck import Blank, PresentationState
from .theme import ProjectorTheme

__all__ = ["PresenterView", "elapsed_text"]


def elapsed_text(milliseconds: int) -> str:
    """"12:05", or "1:02:05" past an hour."""
    seconds = max(0, milliseconds) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class PresenterView(QWidget):
    """Signals: ``actionRequested(object, str)`` (the same keys as the audience window), ``closed()``."""

    actionRequested = Signal(object, str)
    closed = Signal()

    def __init__(self, theme: ProjectorTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.theme = theme
        self.setObjectName("presenterView")
        self.setWindowTitle("Presenter view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        set_colours(self, theme.presenter_text, theme.presenter_background)
        self.card = PresentationCard(theme, self)
        self._card_frame = QFrame(self)
        self._card_frame.setAutoFillBackground(True)
        set_colours(self._card_frame, theme.text, theme.background)
        self.progress_label = make_label(self, "presenterProgress")
        self.elapsed_label = make_label(self, "elapsed")
        self.next_label = make_label(self, "nextStep")
        self.notes_label = make_label(self, "presenterNotes")
        for label in (self.progress_label, self.elapsed_label, self.next_label):
            set_colours(label, theme.presenter_secondary, theme.presenter_background)
        set_colours(self.notes_label, theme.presenter_text, theme.presenter_background)
        self._build_layout()
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_elapsed)

    def _build_layout(self) -> None:
        frame_layout = QVBoxLayout(self._card_frame)
        frame_layout.addWidget(self.card)
        frame_layout.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.elapsed_label, 0)
        side = QVBoxLayout()
        side.addWidget(self.next_label)
        side.addWidget(self.notes_label)
        side.addStretch(1)
        main = QHBoxLayout()
        main.addWidget(self._card_frame, 3)
        main.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(top)
        layout.addLayout(main, 1)

    def start_clock(self) -> None:
        self._clock.start()
        self._tick.start()
        self._show_elapsed()

    def stop_clock(self) -> None:
        self._tick.stop()

    def _show_elapsed(self) -> None:
        self.elapsed_label.setText(f"Elapsed {elapsed_text(self._clock.elapsed() if self._clock.isValid() else 0)}")

    def show_state(self, state: PresentationState, content: CardContent, note: str, next_title: str | None) -> None:
        blanked = f" · screen {state.blank.value}" if state.blank is not Blank.NONE else ""
        self.progress_label.setText(state.progress_text + blanked)
        if self.card.content != content:
            self.card.set_content(content)
        self.next_label.setText(f"Next: {next_title}" if next_title else "Next: end of the presentation")
        self.notes_label.setText(note or "No presenter note for this step.")
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        """Text at the projector's smallest sizes for this screen; the card shrinks further only to fit."""
        h = self.height()
        body = self.theme.body_px(h, self.theme.min_scale)
        for label in (self.progress_label, self.elapsed_label, self.next_label, self.notes_label):
            font = label.font()
            font.setPixelSize(body)
            font.setBold(label is self.elapsed_label)
            label.setFont(font)
        self.elapsed_label.setWordWrap(False)
        self.layout().activate()
        margins = self._card_frame.layout().contentsMargins()
        width = self._card_frame.width() - margins.left() - margins.right()
        room = self._card_frame.height() - margins.top() - margins.bottom()
        title = self.theme.title_px(h, self.theme.min_scale)
        while True:  # a preview: smaller type is fine here, but nothing may be cut off
            self.card.apply_sizes(title, body)
            need = self.card.required_height(width)
            if need <= room or body <= 8:
                break
            title, body = max(8, round(title * 0.9)), max(8, round(body * 0.9))
        self.card.setFixedHeight(min(need, max(room, 0)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        found = action_for_key(event)
        if found is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.actionRequested.emit(*found)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._tick.stop()
        self.closed.emit()
        super().closeEvent(event)

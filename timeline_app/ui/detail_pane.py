"""DetailPane: what a teacher or advocate reads about the selected event, every claim with its source."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..model import Dataset
from .event_html import Colours, DatasetIndex, LinkTarget, render_event, render_message
from .links import open_external, open_local_file

PLACEHOLDER = "Select an event on the timeline or in the list"


class _OfflineBrowser(QTextBrowser):
    """A text browser that loads nothing: no images, style sheets or files named in the document."""

    def loadResource(self, kind, name):
        return None


class DetailPane(QWidget):
    """Shows one event: date in words, facts, vote, summary, findings side by side, and its sources.

    Links inside lead to other events, to the events citing a source, to web addresses (http and https
    only, opened on a click) and to local copies of sources.

    Signals:
        eventActivated(str): the user clicked a link to an event; the event's id.
        sourceEventsRequested(str): the user asked for every event citing a source; the source's id.
    """

    eventActivated = Signal(str)
    sourceEventsRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._browser = _OfflineBrowser(self)
        self._browser.setObjectName("detailBrowser")
        self._browser.setOpenLinks(False)
        self._browser.setOpenExternalLinks(False)
        self._browser.anchorClicked.connect(self._on_browser_anchorClicked)
        self._browser.highlighted.connect(self._on_browser_highlighted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._browser)

        # Shown over the bottom of the text while the pointer is on a link, as browsers do: where it leads.
        self._link_status = QLabel(self)
        self._link_status.setObjectName("linkStatus")
        self._link_status.setTextFormat(Qt.TextFormat.PlainText)
        self._link_status.setAutoFillBackground(True)
        self._link_status.setMargin(3)
        self._link_status.hide()

        self._links: dict[str, LinkTarget] = {}
        self._shown_event_id: str | None = None
        self._index: DatasetIndex | None = None
        self._indexed: Dataset | None = None
        self._request: tuple[Dataset | None, str | None, Path | None, str] = (None, None, None, "")
        self.show_event(None, None)

    @property
    def shown_event_id(self) -> str | None:
        """The id of the event on show, or None when the pane shows a placeholder."""
        return self._shown_event_id

    def show_event(self, dataset: Dataset | None, event_id: str | None, *, base_dir: Path | None = None,
                   highlight: str = "") -> None:
        """Show ``event_id`` of ``dataset``, with the words of ``highlight`` marked; None clears the pane.

        ``base_dir`` is the dataset's folder, where local copies of sources are found.
        """
        self._request = (dataset, event_id, base_dir, highlight)
        event = None
        if dataset is None:
            self._index = self._indexed = None
        elif event_id is not None:
            event = self._index_for(dataset).events.get(event_id)
        colours = self._colours()
        if event is None:
            message = PLACEHOLDER if dataset is None or event_id is None else "This event is not in the dataset."
            html, links = render_message(message, colours), {}
        else:
            rendered = render_event(self._index_for(dataset), event, base_dir=base_dir, query=highlight,
                                    colours=colours)
            html, links = rendered.html, rendered.links
        same = event is not None and event.id == self._shown_event_id
        scroll = self._browser.verticalScrollBar().value()
        self._links = {_link_key(QUrl(href)): target for href, target in links.items()}
        self._browser.setHtml(html)
        if same:
            self._browser.verticalScrollBar().setValue(scroll)
        self._shown_event_id = event.id if event is not None else None
        self._link_status.hide()

    def _index_for(self, dataset: Dataset) -> DatasetIndex:
        if self._index is None or self._indexed is not dataset:
            self._index, self._indexed = DatasetIndex.build(dataset), dataset
        return self._index

    def _colours(self) -> Colours:
        palette = self.palette()
        text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
        return Colours(muted=_blend(text, base, 0.62).name(), rule=_blend(text, base, 0.3).name())

    def _on_browser_anchorClicked(self, url: QUrl) -> None:
        target = self._links.get(_link_key(url))
        if target is None:
            return
        if target.kind == "event":
            self.eventActivated.emit(target.value)
        elif target.kind == "source":
            self.sourceEventsRequested.emit(target.value)
        elif target.kind == "web":
            open_external(target.value)
        elif target.kind == "local":
            open_local_file(Path(target.value))

    def _on_browser_highlighted(self, url: QUrl) -> None:
        target = self._links.get(_link_key(url)) if not url.isEmpty() else None
        if target is None:
            self._link_status.hide()
            return
        area = self._browser.geometry()
        metrics = self._link_status.fontMetrics()
        width = max(area.width() - 8, 40)
        self._link_status.setText(metrics.elidedText(target.status, Qt.TextElideMode.ElideMiddle, width - 8))
        self._link_status.adjustSize()
        self._link_status.move(area.left() + 2, area.bottom() - self._link_status.height() - 2)
        self._link_status.show()
        self._link_status.raise_()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            dataset, event_id, base_dir, highlight = self._request
            self.show_event(dataset, event_id, base_dir=base_dir, highlight=highlight)


def _link_key(url: QUrl) -> str:
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def _blend(front: QColor, back: QColor, weight: float) -> QColor:
    """``front`` mixed into ``back``; weight 1 is all ``front``."""
    return QColor.fromRgbF(*(weight * f + (1 - weight) * b for f, b in zip(
        (front.redF(), front.greenF(), front.blueF()), (back.redF(), back.greenF(), back.blueF()), strict=True)))

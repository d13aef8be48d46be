"""Export the current view (a widget, usually the timeline canvas) as PNG, SVG or PDF, and print it.

Each export is rendered to bytes in memory and written with ``io.saving.atomic_write_bytes``, so a failed
export never leaves half a file. SVG and PDF are vector output: the widget paints into QSvgGenerator or
QPdfWriter, so lines and text stay sharp and the text stays text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPoint, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPicture, QRegion
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView, QWidget

from ..io.saving import SaveError, atomic_write_bytes

__all__ = [
    "EXPORT_FORMATS", "export_view", "print_view", "render_widget", "view_pdf_bytes", "view_png_bytes",
    "view_svg_bytes",
]

EXPORT_FORMATS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF document (*.pdf)"}


def _buffer() -> tuple[QByteArray, QBuffer]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return data, buffer


def render_widget(widget: QWidget, painter: QPainter, target: QRectF) -> None:
    """Paint ``widget`` into ``target`` (scaled, aspect kept) with ``painter``, whatever its device.

    A graphics view (the pyqtgraph canvas) renders its scene, so items paint as shapes and text."""
    if isinstance(widget, QGraphicsView):
        widget.render(painter, target, widget.viewport().rect(), Qt.AspectRatioMode.KeepAspectRatio)
        return
    scale = min(target.width() / max(widget.width(), 1), target.height() / max(widget.height(), 1))
    painter.save()
    painter.translate(target.left(), target.top())
    painter.scale(scale, scale)
    QWidget.render(widget, painter, QPoint(), QRegion(widget.rect()), QWidget.RenderFlag.DrawChildren)
    painter.restore()


def view_png_bytes(widget: QWidget) -> bytes:
    """The widget as the screen shows it, at the screen's pixel density."""
    data, buffer = _buffer()
    if not widget.grab().save(buffer, "PNG"):
        raise SaveError("PNG", "the image could not be encoded")
    buffer.close()
    return bytes(data)


def view_svg_bytes(widget: QWidget, title: str = "") -> bytes:
    data, buffer = _buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QRectF(0, 0, widget.width(), widget.height()))
    generator.setTitle(title or "Accountability Timeline")
    generator.setDescription("Exported from Accountability Timeline")
    painter = QPainter(generator)
    render_widget(widget, painter, QRectF(0, 0, widget.width(), widget.height()))
    painter.end()
    buffer.close()
    return bytes(data)


def _paint_page(painter: QPainter, page: QRectF, widget: QWidget, title: str, caption: str) -> None:
    """A heading, a caption line, then the widget scaled to fill the rest of the page (aspect kept)."""
    font = QFont(widget.font())
    font.setPointSizeF(14)
    font.setBold(True)
    painter.setFont(font)
    line = painter.fontMetrics().height()
    painter.drawText(QRectF(page.left(), page.top(), page.width(), line * 1.3), Qt.TextFlag.TextSingleLine, title)
    top = page.top() + line * 1.5
    if caption:
        font.setPointSizeF(10)
        font.setBold(False)
        painter.setFont(font)
        small = painter.fontMetrics().height()
        painter.drawText(QRectF(page.left(), top, page.width(), small * 1.3), Qt.TextFlag.TextSingleLine, caption)
        top += small * 1.6
    area = QRectF(page.left(), top, page.width(), page.bottom() - top)
    scale = min(area.width() / max(widget.width(), 1), area.height() / max(widget.height(), 1))
    # Recorded at 1:1, then replayed scaled: items that paint in device pixels (the canvas marks reset the
    # painter's transform) land where they belong, since a picture replays a reset relative to its start.
    picture = QPicture()
    recorder = QPainter(picture)
    render_widget(widget, recorder, QRectF(0, 0, widget.width(), widget.height()))
    recorder.end()
    painter.save()
    painter.translate(area.left(), area.top())
    painter.scale(scale, scale)
    painter.drawPicture(0, 0, picture)
    painter.restore()


def view_pdf_bytes(widget: QWidget, title: str = "", caption: str = "") -> bytes:
    """One landscape A4 page: ``title``, ``caption`` (what is shown, from when to when) and the view."""
    data, buffer = _buffer()
    writer = QPdfWriter(buffer)
    writer.setTitle(title or "Accountability Timeline")
    writer.setCreator("Accountability Timeline")
    writer.setResolution(96)  # the screen's logical DPI, so point-sized fonts keep their size against the shapes
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    _paint_page(painter, QRectF(0, 0, rect.width(), rect.height()), widget, title or "Accountability Timeline",
                caption)
    painter.end()
    buffer.close()
    return bytes(data)


def export_view(widget: QWidget, path: str | Path, title: str = "", caption: str = "") -> None:
    """Write the view to ``path`` as PNG, SVG or PDF, by its suffix; raises SaveError (file untouched)."""
    kind = Path(path).suffix.lower().lstrip(".")
    if kind == "png":
        data = view_png_bytes(widget)
    elif kind == "svg":
        data = view_svg_bytes(widget, title)
    elif kind == "pdf":
        data = view_pdf_bytes(widget, title, caption)
    else:
        raise SaveError(str(path), "choose a file ending in .png, .svg or .pdf")
    atomic_write_bytes(path, data)


def print_view(widget: QWidget, parent: QWidget | None, title: str = "", caption: str = "") -> bool:
    """Print the view through the system's print dialog; True when it was sent to a printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setDocName(title or "Accountability Timeline")
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    _paint_page(painter, QRectF(0, 0, page.width(), page.height()), widget, title or "Accountability Timeline",
                caption)
    return painter.end()

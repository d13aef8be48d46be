"""How each event kind looks: a colour from the Okabe–Ito colour-blind-safe palette and a distinct shape,
so kinds stay apart in greyscale and on washed-out projectors. Symbols are pre-rendered into one atlas
pixmap (per device pixel ratio) so the canvas draws thousands of them in a single call."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ..model import EventKind

SYMBOL_PX = 14
"""Symbol size in logical pixels."""


@dataclass(frozen=True, slots=True)
class KindStyle:
    label: str
    colour: str
    shape: str
    hollow: bool = False


KIND_STYLES: dict[EventKind, KindStyle] = {
    EventKind.ATTACK: KindStyle("Attack", "#D55E00", "triangle"),
    EventKind.VETO: KindStyle("Veto", "#1A1A1A", "cross"),
    EventKind.RESOLUTION: KindStyle("Resolution", "#0072B2", "square"),
    EventKind.MECHANISM: KindStyle("Mechanism", "#009E73", "diamond"),
    EventKind.INVESTIGATION: KindStyle("Investigation / report", "#56B4E9", "circle"),
    EventKind.STRIKE: KindStyle("Strike", "#E69F00", "star"),
    EventKind.DIPLOMACY: KindStyle("Diplomacy", "#CC79A7", "hexagon"),
    EventKind.LEGAL_ACTION: KindStyle("Legal action", "#8C6D00", "pentagon"),
    EventKind.TRIAL: KindStyle("Trial", "#0072B2", "triangle-down", hollow=True),
    EventKind.STATEMENT: KindStyle("Statement", "#6E6E6E", "circle", hollow=True),
    EventKind.OTHER: KindStyle("Other", "#6E6E6E", "square", hollow=True),
}
KIND_ORDER: tuple[EventKind, ...] = tuple(EventKind)


def kind_label(kind: EventKind) -> str:
    return KIND_STYLES[kind].label


def symbol_path(shape: str, size: float) -> QPainterPath:
    """The outline of a shape centred on (0, 0), ``size`` pixels across."""
    r = size / 2
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), r * 0.9, r * 0.9)
    elif shape == "square":
        path.addRect(QRectF(-r * 0.8, -r * 0.8, r * 1.6, r * 1.6))
    elif shape == "cross":
        w = r * 0.38
        for angle in (45, -45):
            arm = QPainterPath()
            arm.addRect(QRectF(-r, -w, 2 * r, 2 * w))
            path = path.united(_rotated(arm, angle))
    elif shape == "star":
        path.addPolygon(_star(r, r * 0.45, 5))
    else:
        sides, start = {"triangle": (3, -90), "triangle-down": (3, 90), "diamond": (4, -90),
                        "pentagon": (5, -90), "hexagon": (6, 0)}[shape]
        path.addPolygon(_regular(r, sides, start))
    path.closeSubpath()
    return path


def _regular(r: float, sides: int, start_deg: float) -> QPolygonF:
    return QPolygonF([QPointF(r * math.cos(math.radians(start_deg + i * 360 / sides)),
                              r * math.sin(math.radians(start_deg + i * 360 / sides))) for i in range(sides + 1)])


def _star(outer: float, inner: float, points: int) -> QPolygonF:
    corners = []
    for i in range(points * 2 + 1):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 180 / points)
        corners.append(QPointF(radius * math.cos(angle), radius * math.sin(angle)))
    return QPolygonF(corners)


def _rotated(path: QPainterPath, degrees: float) -> QPainterPath:
    from PySide6.QtGui import QTransform

    return QTransform().rotate(degrees).map(path)


def paint_symbol(painter: QPainter, kind: EventKind, centre: QPointF, size: float = SYMBOL_PX) -> None:
    """Draw one kind's symbol (for legends and the atlas); outlined so it reads on any background."""
    style = KIND_STYLES[kind]
    colour = QColor(style.colour)
    path = symbol_path(style.shape, size).translated(centre)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if style.hollow:
        painter.setPen(QPen(colour, max(2.0, size / 6)))
        painter.setBrush(QBrush(QColor("white")))
    else:
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.setBrush(QBrush(colour))
    painter.drawPath(path)


class SymbolAtlas:
    """One pixmap holding every kind's symbol side by side, rendered for a device pixel ratio."""

    def __init__(self, dpr: float, size: int = SYMBOL_PX) -> None:
        self.dpr = dpr
        self.size = size
        self.cell = size + 4
        cell_px = math.ceil(self.cell * dpr)
        self.pixmap = QPixmap(cell_px * len(KIND_ORDER), cell_px)
        self.pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(self.pixmap)
        painter.scale(dpr, dpr)
        for i, kind in enumerate(KIND_ORDER):
            paint_symbol(painter, kind, QPointF(i * cell_px / dpr + self.cell / 2, self.cell / 2), size)
        painter.end()
        self.cell_px = cell_px

    def source_x(self, kind_code: int) -> int:
        return kind_code * self.cell_px

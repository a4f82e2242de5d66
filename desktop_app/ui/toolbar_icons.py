"""Line icons for the toolbar, drawn with QPainter in the theme's text colour (crisp at any scale, no files).

The style's standard pixmaps mean other things on other platforms (a folder for "open the original", a
filled page for "reply"); these say what the command does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZE = 24  # logical pixels; drawn at 1x, 2x and 3x
Draw = Callable[[QPainter], None]


def _undo(p: QPainter) -> None:
    path = QPainterPath(QPointF(6, 10))
    path.lineTo(15, 10)
    path.cubicTo(QPointF(21, 10), QPointF(21, 19), QPointF(15, 19))
    path.lineTo(9, 19)
    p.drawPath(path)
    p.drawPolyline([QPointF(10, 6), QPointF(6, 10), QPointF(10, 14)])


def _reply(p: QPainter) -> None:
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(3.5, 4.5, 17, 12), 3, 3)
    tail = QPainterPath(QPointF(7, 16.5))
    tail.lineTo(6, 20.5)
    tail.lineTo(11, 16.5)
    p.drawPath(bubble.united(tail))
    for y in (9, 12.5):
        p.drawLine(QPointF(7.5, y), QPointF(16.5, y))


def _respond(p: QPainter) -> None:
    p.drawPolyline([QPointF(4.5, 12.5), QPointF(9.5, 17.5), QPointF(19.5, 6.5)])


def _archive(p: QPainter) -> None:
    p.drawRect(QRectF(3.5, 5, 17, 4))
    p.drawPolyline([QPointF(5, 9), QPointF(5, 19.5), QPointF(19, 19.5), QPointF(19, 9)])
    p.drawLine(QPointF(10, 13), QPointF(14, 13))


def _snooze(p: QPainter) -> None:
    p.drawEllipse(QPointF(12, 13), 7.5, 7.5)
    p.drawPolyline([QPointF(12, 9), QPointF(12, 13), QPointF(15, 15)])
    p.drawLine(QPointF(4, 5.5), QPointF(7, 3.5))
    p.drawLine(QPointF(20, 5.5), QPointF(17, 3.5))


def _open(p: QPainter) -> None:
    p.drawPolyline([QPointF(11, 5), QPointF(5, 5), QPointF(5, 19), QPointF(19, 19), QPointF(19, 13)])
    p.drawLine(QPointF(11, 13), QPointF(19.5, 4.5))
    p.drawPolyline([QPointF(14, 4.5), QPointF(19.5, 4.5), QPointF(19.5, 10)])


def _poll(p: QPainter) -> None:
    p.drawArc(QRectF(4.5, 4.5, 15, 15), 30 * 16, 150 * 16)
    p.drawArc(QRectF(4.5, 4.5, 15, 15), 210 * 16, 150 * 16)
    p.drawPolyline([QPointF(18.5, 3.5), QPointF(18.5, 8), QPointF(14, 8)])
    p.drawPolyline([QPointF(5.5, 20.5), QPointF(5.5, 16), QPointF(10, 16)])


def _stop(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(5.5, 5.5, 13, 13), 2, 2)


DRAWN: dict[str, Draw] = {
    "undo": _undo,
    "reply": _reply,
    "respond": _respond,
    "archive": _archive,
    "snooze": _snooze,
    "open_original": _open,
    "poll_now": _poll,
    "cancel_poll": _stop,
}


def line_icon(name: str, colour: QColor) -> QIcon | None:
    draw = DRAWN.get(name)
    if draw is None:
        return None
    icon = QIcon()
    for scale in (1, 2, 3):
        pixmap = QPixmap(SIZE * scale, SIZE * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        draw(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon

"""The app icon, painted (no image files needed): a speech bubble with a sound wave."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from desktop_app.config.paths import resources_dir


def app_icon() -> QIcon:
    """The shipped icon (resources/icons), the same one the installers use; a painted one if it is missing."""
    icon = QIcon()
    folder = resources_dir() / "icons" / "png"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        path = folder / f"earshot-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull():
        for size in (16, 32, 64, 128, 256):
            icon.addPixmap(_paint(size))
    return icon


def _paint(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(4 * s, 6 * s, 56 * s, 42 * s), 12 * s, 12 * s)
    tail = QPainterPath()
    tail.moveTo(QPointF(16 * s, 44 * s))
    tail.lineTo(QPointF(12 * s, 60 * s))
    tail.lineTo(QPointF(30 * s, 46 * s))
    p.fillPath(bubble.united(tail), QColor("#d93025"))
    pen = QPen(QColor("white"), max(1.5, 4.5 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    for i, height in enumerate((10, 20, 28, 16, 8)):
        x = (18 + i * 7) * s
        p.drawLine(QPointF(x, (27 - height / 2) * s), QPointF(x, (27 + height / 2) * s))
    p.end()
    return pixmap

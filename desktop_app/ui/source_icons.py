"""A small mark per kind of source (a letter on the site's colour), drawn once per size and colour scheme."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

# kind -> (letter, colour): the colour people know the site by, so the column is read at a glance.
MARKS: dict[str, tuple[str, str]] = {
    "rss": ("◉", "#ee802f"),
    "google_news": ("N", "#4285f4"),
    "google_alerts": ("A", "#4285f4"),
    "google_places": ("G", "#34a853"),
    "hackernews": ("Y", "#ff6600"),
    "hn": ("Y", "#ff6600"),
    "reddit": ("r", "#ff4500"),
    "mastodon": ("m", "#6364ff"),
    "bluesky": ("b", "#1185fe"),
    "youtube": ("▶", "#e62117"),
    "x_search": ("X", "#14171a"),
    "trustpilot": ("★", "#00b67a"),
    "yelp": ("y", "#d32323"),
    "appstore": ("A", "#0d96f6"),
    "brave": ("B", "#fb542b"),
    "json_api": ("{", "#5f6368"),
    "csv": ("↓", "#5f6368"),
    "import": ("↓", "#5f6368"),
}
FALLBACK = ("•", "#80868b")


def mark_for(kind: str | None) -> tuple[str, str]:
    return MARKS.get(kind or "", FALLBACK)


@lru_cache(maxsize=128)
def source_mark(kind: str | None, size: int, ratio: float, dark: bool) -> QPixmap:
    letter, colour = mark_for(kind)
    fill = QColor(colour)
    if dark and fill.lightness() < 60:  # X's near-black would vanish on a dark base
        fill = QColor("#e7e9ea")
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    box = QRectF(0.5, 0.5, size - 1, size - 1)
    painter.drawRoundedRect(box, size * 0.25, size * 0.25)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(7, round(size * 0.68)))
    painter.setFont(font)
    painter.setPen(QColor("#14171a") if fill.lightness() > 200 else QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return pixmap

"""Clickable bar charts painted with QPainter (no QtCharts: the bundle stays lean, the look matches the report).

A chart shows `Bar`s from services.insights.dashboard; clicking a segment emits its Drill, clicking elsewhere in
a bar's row or column (its label, or the empty space above it) emits the bar's Drill. Text and grid colours come
from the palette, so the charts follow the light and dark themes; data colours are those of the HTML report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.services.insights import charts
from desktop_app.services.insights.dashboard import Bar, Drill

COLOURS = {
    "negative": charts.NEGATIVE,
    "neutral": charts.NEUTRAL,
    "positive": charts.POSITIVE,
    "crisis": "#8f1d18",
    "complaint": charts.NEGATIVE,
    "question": charts.BRAND,
    "suggestion": "#7b5ea7",
    "praise": charts.POSITIVE,
    "other": charts.NEUTRAL,
    "advocate": charts.POSITIVE,
    "detractor": charts.NEGATIVE,
    "chronic_complainer": "#8f1d18",
    "ex_employee": "#7b5ea7",
    "resp_hour": charts.POSITIVE,
    "resp_hours": "#6aa84f",
    "resp_day": "#c9a227",
    "resp_days": charts.SPIKE,
    "resp_late": charts.NEGATIVE,
    "awaiting": "#5f6b7a",
}


@dataclass(frozen=True, slots=True)
class Hit:
    rect: QRectF
    drill: Drill
    tip: str
    bar: int
    segment: str | None  # None: the bar as a whole


def nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return float(step * exp)
    return float(10 * exp)


class BarChart(QWidget):
    """Stacked bars: horizontal rows (label | bar | value) or vertical columns over time."""

    drill = Signal(object)  # Drill

    ROW_H = 26

    def __init__(self, *, vertical: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vertical = vertical
        self.bars: tuple[Bar, ...] = ()
        self.empty_text = "No mentions in this period."
        self._hits: list[Hit] = []
        self._hits_for: tuple[int, int] | None = None
        self.focused = -1  # the element the keyboard is on (an index into hits())
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(260)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = tuple(bars)
        self._hits_for = None
        self.focused = -1
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        if self.vertical:
            return QSize(640, 240)
        return QSize(420, max(1, len(self.bars)) * self.ROW_H + 8)

    # --- geometry ------------------------------------------------------------------------------------------

    def hits(self) -> list[Hit]:
        """Every clickable element with its rectangle (segments before their whole bar)."""
        key = (self.width(), self.height())
        if self._hits_for != key:
            self._hits = self._layout_vertical() if self.vertical else self._layout_horizontal()
            self._hits_for = key
        return self._hits

    def element_rect(self, bar: int, segment: str | None = None) -> QRectF:
        """Where a bar (or one of its segments) is drawn; for tests and keyboard-free checks."""
        for hit in self.hits():
            if hit.bar == bar and hit.segment == segment:
                return hit.rect
        raise KeyError((bar, segment))

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0)
        return min(widest + 12, max(90, self.width() // 3))

    def _value_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(b.value_text) for b in self.bars), default=0) + 12

    def _layout_horizontal(self) -> list[Hit]:
        hits: list[Hit] = []
        left = self._label_width()
        plot_w = max(10, self.width() - left - self._value_width() - 4)
        peak = max((b.total for b in self.bars), default=0) or 1
        for i, bar in enumerate(self.bars):
            y = 4 + i * self.ROW_H
            x = float(left)
            for seg in bar.segments:
                w = plot_w * seg.value / peak
                if seg.value > 0:
                    rect = QRectF(x, y + 4, max(w, 2.0), self.ROW_H - 8)
                    hits.append(Hit(rect, seg.drill, _segment_tip(bar, seg.key, seg.value), i, seg.key))
                    x += max(w, 2.0)
            hits.append(Hit(QRectF(0, y, self.width(), self.ROW_H), bar.drill, bar.tip or bar.label, i, None))
        return hits

    def _plot_rect(self) -> QRectF:
        return QRectF(40, 16, max(10, self.width() - 48), max(10, self.height() - 16 - 26))

    def _layout_vertical(self) -> list[Hit]:
        hits: list[Hit] = []
        if not self.bars:
            return hits
        plot = self._plot_rect()
        peak = nice_max(max(b.total for b in self.bars))
        slot = plot.width() / len(self.bars)
        bar_w = max(2.0, slot * 0.74)
        for i, bar in enumerate(self.bars):
            x = plot.left() + i * slot + (slot - bar_w) / 2
            y = plot.bottom()
            for seg in bar.segments:
                h = plot.height() * seg.value / peak
                if seg.value > 0:
                    h = max(h, 2.0)
                    y -= h
                    hits.append(
                        Hit(
                            QRectF(x, y, bar_w, h),
                            seg.drill,
                            _segment_tip(bar, seg.key, seg.value),
                            i,
                            seg.key,
                        )
                    )
            column = QRectF(plot.left() + i * slot, plot.top() - 14, slot, plot.height() + 14 + 24)
            hits.append(Hit(column, bar.drill, bar.tip or bar.label, i, None))
        return hits

    # --- painting ------------------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.bars or not any(b.total for b in self.bars):
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        if self.vertical:
            self._paint_vertical(painter, ink)
        else:
            self._paint_horizontal(painter, ink)
        hits = self.hits()
        if self.hasFocus() and 0 <= self.focused < len(hits):
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(hits[self.focused].rect.adjusted(-2, -2, 2, 2))
        painter.end()

    def _paint_segments(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for hit in self.hits():
            if hit.segment is not None:
                painter.setBrush(QColor(COLOURS.get(hit.segment, charts.BRAND)))
                painter.drawRect(hit.rect)

    def _paint_horizontal(self, painter: QPainter, ink: QColor) -> None:
        left = self._label_width()
        metrics = QFontMetrics(self.font())
        self._paint_segments(painter)
        painter.setPen(ink)
        ends: dict[int, float] = {}
        for hit in self.hits():
            if hit.segment is not None:
                ends[hit.bar] = max(ends.get(hit.bar, 0.0), hit.rect.right())
        for i, bar in enumerate(self.bars):
            y = 4 + i * self.ROW_H
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, left - 10)
            painter.drawText(
                QRectF(0, y, left - 8, self.ROW_H),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x = ends.get(i, float(left)) + 6
            painter.drawText(
                QRectF(x, y, self.width() - x, self.ROW_H), Qt.AlignmentFlag.AlignVCenter, bar.value_text
            )

    def _paint_vertical(self, painter: QPainter, ink: QColor) -> None:
        plot = self._plot_rect()
        peak = nice_max(max(b.total for b in self.bars))
        grid = self.palette().color(QPalette.ColorRole.Mid)
        steps = next((n for n in (4, 5, 2) if (peak / n).is_integer()), 4)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        for s in range(steps + 1):
            y = plot.bottom() - plot.height() * s / steps
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, y - 8, plot.left() - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{peak * s / steps:g}",
            )
        self._paint_segments(painter)
        slot = plot.width() / len(self.bars)
        every = max(1, math.ceil(len(self.bars) / max(1, int(plot.width() // 56))))
        tops: dict[int, float] = {}
        for hit in self.hits():
            if hit.segment is not None:
                tops[hit.bar] = min(tops.get(hit.bar, plot.bottom()), hit.rect.top())
        for i, bar in enumerate(self.bars):
            cx = plot.left() + i * slot + slot / 2
            if bar.marked:
                top = tops.get(i, plot.bottom()) - 4
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(charts.SPIKE))
                painter.drawPolygon(
                    QPolygonF([QPointF(cx - 5, top - 8), QPointF(cx + 5, top - 8), QPointF(cx, top)])
                )
            if i % every == 0:
                painter.setPen(ink)
                painter.drawText(
                    QRectF(cx - 30, plot.bottom() + 4, 60, 18), Qt.AlignmentFlag.AlignCenter, bar.label
                )

    # --- mouse ---------------------------------------------------------------------------------------------

    def hit_at(self, pos: QPointF) -> Hit | None:
        if not self.bars or not any(b.total for b in self.bars):
            return None
        return next((h for h in self.hits() if h.rect.contains(pos)), None)

    # --- keyboard: arrows move between elements, Enter or Space clicks -----------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        hits = self.hits() if any(b.total for b in self.bars) else []
        key = Qt.Key(event.key())
        if hits and key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            start = self.focused if self.focused >= 0 else (-1 if step > 0 else 0)
            self.focused = (start + step) % len(hits)
            hit = hits[self.focused]
            self.setAccessibleDescription(hit.tip)
            QToolTip.showText(
                self.mapToGlobal(hit.rect.center().toPoint()), f"{hit.tip}\nEnter: see these mentions", self
            )
            self.update()
        elif (
            hits
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and 0 <= self.focused < len(hits)
        ):
            self.drill.emit(hits[self.focused].drill)
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        if hit is not None:
            QToolTip.showText(
                event.globalPosition().toPoint(), f"{hit.tip}\nClick to see these mentions", self
            )
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.hit_at(event.position())
        if hit is not None:
            self.drill.emit(hit.drill)


def _segment_tip(bar: Bar, key: str, value: int) -> str:
    if len(bar.segments) == 1:
        return bar.tip or f"{bar.label}: {value:,}"
    return f"{bar.label}: {value:,} {key}"

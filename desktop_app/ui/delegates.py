"""Painted cells: the urgency badge, the sentiment chip, and the title with its snippet."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.ui.format import sentiment_chip, urgency_colour
from desktop_app.ui.inbox_model import RowRole

AnyIndex = QModelIndex | QPersistentModelIndex


def _draw_background(
    painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
) -> QStyleOptionViewItem:
    opt = QStyleOptionViewItem(option)
    QStyledItemDelegate().initStyleOption(opt, index)
    opt.text = ""
    widget = option.widget  # type: ignore[attr-defined]
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    return opt


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class UrgencyDelegate(QStyledItemDelegate):
    """A rounded pill with the urgency number: red >= 70, amber >= 40, grey below."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        _draw_background(painter, option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        metrics = QFontMetrics(font)
        rect = option.rect  # type: ignore[attr-defined]
        width = max(metrics.horizontalAdvance("100") + 12, rect.height() - 8)
        height = min(rect.height() - 8, metrics.height() + 4)
        pill = QRectF(rect.center().x() - width / 2 + 1, rect.center().y() - height / 2 + 1, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(urgency_colour(int(text))))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(56, 28)


class SentimentDelegate(QStyledItemDelegate):
    """A soft coloured chip: Negative / Neutral / Positive."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        _draw_background(painter, option, index)
        row = index.data(RowRole)
        if row is None:
            return
        text, colour = sentiment_chip(row["label"])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        metrics = QFontMetrics(font)
        rect = option.rect  # type: ignore[attr-defined]
        width = metrics.horizontalAdvance(text) + 16
        height = min(rect.height() - 8, metrics.height() + 4)
        chip = QRectF(rect.left() + 6, rect.center().y() - height / 2 + 1, width, height)
        base = QColor(colour)
        fill = QColor(base)
        fill.setAlpha(60 if is_dark(option.palette) else 34)  # type: ignore[attr-defined]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(base.lighter(150) if is_dark(option.palette) else base.darker(115))  # type: ignore[attr-defined]
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(92, 28)


class TitleDelegate(QStyledItemDelegate):
    """Title (bold while unread) followed by the start of the text in a muted colour, on one line."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = _draw_background(painter, option, index)
        row = index.data(RowRole)
        if row is None:
            return
        title = (row["title"] or "").strip()
        snippet = " ".join((row["snippet"] or "").split())
        if not title:
            title, snippet = snippet or "(no text)", ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(8, 0, -6, 0)
        painter.save()
        font = QFont(opt.font)
        font.setBold(not row["is_read"])
        painter.setFont(font)
        painter.setPen(palette.color(role))
        metrics = QFontMetrics(font)
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        used = metrics.horizontalAdvance(shown)
        if snippet and used < rect.width() - 40:
            rest = rect.adjusted(used + 10, 0, 0, 0)
            font.setBold(False)
            painter.setFont(font)
            muted = palette.color(role)
            if not selected:
                muted = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
            painter.setPen(muted)
            text = QFontMetrics(font).elidedText(snippet, Qt.TextElideMode.ElideRight, rest.width())
            painter.drawText(rest, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget | None:
        return None

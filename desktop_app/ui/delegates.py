"""Painted cells: the urgency badge, the sentiment chip, the title with its snippet, and plain text cells.

One delegate paints every inbox cell, in Python, from the model's cached row. It never asks the model through
Qt (`index.data(...)`, `initStyleOption`): each such call is a C++ -> Python crossing that must take the GIL,
and while a writer thread is busy every crossing can wait for it (the convoy effect). A repaint used to make
~1,800 crossings (7-8 `data()` roles a cell); now it makes two a cell (`index()` and `paint()`).

A painted cell is kept as a pixmap, keyed by mention id, column, size and look (selected, focused, palette),
and reused while its row reads the same: after a refresh most rows on screen are the same mentions, so a
repaint is mostly blits, a few milliseconds of Python that a busy writer thread can stretch only so far.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.ui.format import sentiment_chip, urgency_colour
from desktop_app.ui.inbox_model import Column
from desktop_app.ui.source_icons import source_mark

if TYPE_CHECKING:
    import sqlite3

    from desktop_app.ui.inbox_model import InboxModel

AnyIndex = QModelIndex | QPersistentModelIndex
URGENCY, SENTIMENT, SOURCE, TITLE, AGE = (
    Column.URGENCY,
    Column.SENTIMENT,
    Column.SOURCE,
    Column.TITLE,
    Column.AGE,
)
MARK_SIZE = 16
TEXT_MARGIN = 4
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ELIDE = Qt.TextElideMode.ElideRight
WHITE = QColor("white")
CACHE_PIXELS = 3_000_000  # ~12 MB of painted cells: about four screens of a 1000x800 table
State = QStyle.StateFlag
LOOK_STATES = State.State_Selected | State.State_HasFocus | State.State_MouseOver | State.State_Active


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class _Fonts:
    """Fonts and metrics derived from the view's font, built once per font (not once per cell)."""

    def __init__(self, base: QFont) -> None:
        self.base = QFont(base)
        self.regular = QFont(base)
        self.regular_metrics = QFontMetrics(self.regular)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.bold_metrics = QFontMetrics(self.bold)
        self.badge = QFont(self.bold)
        self.badge.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        self.badge_metrics = QFontMetrics(self.badge)
        self.chip = QFont(base)
        self.chip.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        self.chip_metrics = QFontMetrics(self.chip)


class InboxDelegate(QStyledItemDelegate):
    """Paints a cell of the inbox from `model.cached_row(row)`; a row not read yet paints an empty cell."""

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._fonts: _Fonts | None = None
        # look key -> (row it was painted from, age text, pixmap); LRU, bounded by pixels
        self._cells: OrderedDict[tuple[object, ...], tuple[sqlite3.Row, str, QPixmap]] = OrderedDict()
        self._cell_pixels = 0

    def _fonts_for(self, font: QFont) -> _Fonts:
        if self._fonts is None or self._fonts.base != font:
            self._fonts = _Fonts(font)
            self.forget_cells()
        return self._fonts

    def forget_cells(self) -> None:
        self._cells.clear()
        self._cell_pixels = 0

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row = self._model.cached_row(index.row())  # never waits on SQL
        widget = option.widget  # type: ignore[attr-defined]
        if row is None:
            style = widget.style() if widget is not None else QApplication.style()
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option, painter, widget
            )  # background only
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        column = index.column()
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        look = option.state & LOOK_STATES  # type: ignore[attr-defined]
        key = (row["id"], column, rect.width(), rect.height(), look, palette.cacheKey(), ratio)
        age = self._model.display(row, column) if column == AGE else ""
        held = self._cells.get(key)
        if held is None or held[0] != row or held[1] != age:
            fonts = self._fonts_for(option.font)  # type: ignore[attr-defined]
            held = (row, age, self._render(option, rect, palette, ratio, row, column, fonts))
            if key not in self._cells:
                self._cell_pixels += rect.width() * rect.height()
            self._cells[key] = held
            while self._cell_pixels > CACHE_PIXELS and len(self._cells) > 1:
                (_id, _col, width, height, *_), _ = self._cells.popitem(last=False)
                self._cell_pixels -= width * height
        self._cells.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), held[2])

    def _render(
        self,
        option: QStyleOptionViewItem,
        rect: QRect,
        palette: QPalette,
        ratio: float,
        row: sqlite3.Row,
        column: int,
        fonts: _Fonts,
    ) -> QPixmap:
        """The cell as the view would paint it, on an opaque pixmap (text keeps its subpixel smoothing)."""
        pixmap = QPixmap(max(1, round(rect.width() * ratio)), max(1, round(rect.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(palette.color(QPalette.ColorRole.Base))
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, rect.width(), rect.height())  # type: ignore[attr-defined]
        painter = QPainter(pixmap)
        try:
            widget = opt.widget  # type: ignore[attr-defined]
            style = widget.style() if widget is not None else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background
            self._paint_cell(painter, opt, row, column, fonts)
        finally:
            painter.end()
        return pixmap

    def _paint_cell(
        self, painter: QPainter, option: QStyleOptionViewItem, row: sqlite3.Row, column: int, fonts: _Fonts
    ) -> None:
        if column == URGENCY:
            self._paint_urgency(painter, option, row, fonts)
        elif column == SENTIMENT:
            self._paint_sentiment(painter, option, row, fonts)
        elif column == TITLE:
            self._paint_title(painter, option, row, fonts)
        elif column == SOURCE:
            self._paint_source(painter, option, row, fonts)
        else:
            self._paint_text(painter, option, self._model.display(row, column), fonts, column == AGE)

    def _pen_role(self, option: QStyleOptionViewItem) -> QPalette.ColorRole:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        return QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text

    def _paint_text(
        self, painter: QPainter, option: QStyleOptionViewItem, text: str, fonts: _Fonts, centred: bool
    ) -> None:
        rect = option.rect.adjusted(TEXT_MARGIN, 0, -TEXT_MARGIN, 0)  # type: ignore[attr-defined]
        shown = fonts.regular_metrics.elidedText(text, ELIDE, rect.width())
        painter.save()
        painter.setFont(fonts.regular)
        painter.setPen(option.palette.color(self._pen_role(option)))  # type: ignore[attr-defined]
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter if centred else LEFT_MIDDLE, shown)
        painter.restore()

    def _paint_source(
        self, painter: QPainter, option: QStyleOptionViewItem, row: sqlite3.Row, fonts: _Fonts
    ) -> None:
        """The site's mark, then its short name."""
        rect: QRect = option.rect  # type: ignore[attr-defined]
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        mark = source_mark(row["source_kind"], MARK_SIZE, ratio, is_dark(option.palette))  # type: ignore[attr-defined]
        top = rect.top() + (rect.height() - MARK_SIZE) // 2
        painter.drawPixmap(rect.left() + TEXT_MARGIN + 2, top, mark)
        text_option = QStyleOptionViewItem(option)
        text_option.rect = rect.adjusted(MARK_SIZE + 6, 0, 0, 0)  # type: ignore[attr-defined]
        self._paint_text(painter, text_option, self._model.display(row, SOURCE), fonts, False)

    def _paint_urgency(
        self, painter: QPainter, option: QStyleOptionViewItem, row: sqlite3.Row, fonts: _Fonts
    ) -> None:
        """A rounded pill with the urgency number: red >= 70, amber >= 40, grey below."""
        urgency = int(row["urgency"])
        text = str(urgency)
        metrics = fonts.badge_metrics
        rect = option.rect  # type: ignore[attr-defined]
        width = max(metrics.horizontalAdvance("100") + 12, rect.height() - 8)
        height = min(rect.height() - 8, metrics.height() + 4)
        pill = QRectF(rect.center().x() - width / 2 + 1, rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(urgency_colour(urgency)))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(fonts.badge)
        painter.setPen(WHITE)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _paint_sentiment(
        self, painter: QPainter, option: QStyleOptionViewItem, row: sqlite3.Row, fonts: _Fonts
    ) -> None:
        """A soft coloured chip: Negative / Neutral / Positive."""
        text, colour = sentiment_chip(row["label"])
        metrics = fonts.chip_metrics
        rect = option.rect  # type: ignore[attr-defined]
        width = metrics.horizontalAdvance(text) + 16
        height = min(rect.height() - 8, metrics.height() + 4)
        chip = QRectF(rect.left() + 6, rect.center().y() - height / 2 + 1, width, height)
        dark = is_dark(option.palette)  # type: ignore[attr-defined]
        base = QColor(colour)
        fill = QColor(base)
        fill.setAlpha(60 if dark else 34)
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            # on the selection colour a see-through chip loses its text: sit it on the window's base colour
            fill = option.palette.color(QPalette.ColorRole.Base)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setFont(fonts.chip)
        painter.setPen(base.lighter(150) if dark else base.darker(115))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _paint_title(
        self, painter: QPainter, option: QStyleOptionViewItem, row: sqlite3.Row, fonts: _Fonts
    ) -> None:
        """Title (bold while unread) followed by the start of the text in a muted colour, on one line."""
        title = (row["title"] or "").strip()
        snippet = " ".join((row["snippet"] or "").split())
        if not title:
            title, snippet = snippet or "(no text)", ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(8, 0, -6, 0)  # type: ignore[attr-defined]
        unread = not row["is_read"]
        font, metrics = (fonts.bold, fonts.bold_metrics) if unread else (fonts.regular, fonts.regular_metrics)
        painter.save()
        painter.setFont(font)
        painter.setPen(palette.color(role))
        shown = metrics.elidedText(title, ELIDE, rect.width())
        painter.drawText(rect, LEFT_MIDDLE, shown)
        used = metrics.horizontalAdvance(shown)
        if snippet and used < rect.width() - 40:
            rest = rect.adjusted(used + 10, 0, 0, 0)
            painter.setFont(fonts.regular)
            muted = palette.color(role)
            if not selected:
                muted = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
            painter.setPen(muted)
            painter.drawText(
                rest, LEFT_MIDDLE, fonts.regular_metrics.elidedText(snippet, ELIDE, rest.width())
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        column = index.column()
        if column == URGENCY:
            return QSize(56, 28)
        if column == SENTIMENT:
            return QSize(92, 28)
        return QSize(80, 28)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget | None:
        return None

"""The left sidebar: workspace switcher, views with counts, saved searches, sources with health."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.storage.queries import VIEW_TITLES, View
from desktop_app.ui.format import compact_count, plural
from desktop_app.ui.sidebar_data import (
    HEALTH_COLOURS,
    PROBLEM_HEALTH,
    SIDEBAR_VIEWS,
    SidebarData,
    SourceInfo,
    health_summary,
)

KindRole = Qt.ItemDataRole.UserRole + 1
ValueRole = Qt.ItemDataRole.UserRole + 2
ColourRole = Qt.ItemDataRole.UserRole + 3
NEW_WORKSPACE = "\x00new"


@lru_cache(maxsize=32)
def dot_icon(colour: str, size: int = 10) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class Sidebar(QWidget):
    view_selected = Signal(object)  # View
    source_selected = Signal(int)
    saved_search_selected = Signal(str)
    rename_saved_requested = Signal(str)  # the saved search's name
    delete_saved_requested = Signal(str)
    workspace_selected = Signal(str)
    new_workspace_requested = Signal()
    add_source_requested = Signal()
    manage_source_requested = Signal(int)  # a source's health badge clicked, or the source double-clicked
    dashboard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(6)
        caption = QLabel("WORKSPACE")
        caption.setObjectName("sidebarCaption")
        self.workspaces = QComboBox()
        self.workspaces.setToolTip("Switch workspace (one per brand or client)")
        self.workspaces.activated.connect(self._workspace_activated)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.setIconSize(QSize(10, 10))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._press_pos = QPoint(-1, -1)
        self.tree.viewport().installEventFilter(self)
        self.tree.currentItemChanged.connect(lambda item, _prev: self._item_clicked(item))
        layout.addWidget(caption)
        layout.addWidget(self.workspaces)
        layout.addWidget(self.tree, 1)
        self.dashboard_button = QPushButton("Dashboard")
        self.dashboard_button.setObjectName("sidebarDashboard")
        self.dashboard_button.setFlat(True)
        self.dashboard_button.setToolTip(
            "Charts of this workspace; click any of them to see the mentions (Ctrl+D)"
        )
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        layout.addWidget(self.dashboard_button)
        self._views_root = self._section("Views")
        self._saved_root = self._section("Saved searches")
        self._sources_root = self._section("Sources")
        self._view_items: dict[View, QTreeWidgetItem] = {}
        for view in SIDEBAR_VIEWS:
            item = self._child(self._views_root, VIEW_TITLES[view], "view", view.value)
            self._view_items[view] = item
        self._muting = False
        self._has_sources = True

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title.upper(), ""])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        item.setFont(0, font)
        item.setExpanded(True)
        item.setFirstColumnSpanned(False)
        return item

    def _child(
        self, parent: QTreeWidgetItem, text: str, kind: str, value: object, count: str = ""
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, count])
        item.setData(0, KindRole, kind)
        item.setData(0, ValueRole, value)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    # --- filling -------------------------------------------------------------------------------------------

    def set_workspaces(self, names: list[str], current: str | None) -> None:
        self.workspaces.blockSignals(True)
        self.workspaces.clear()
        for name in names:
            self.workspaces.addItem(name, name)
        self.workspaces.insertSeparator(self.workspaces.count())
        self.workspaces.addItem("New workspace…", NEW_WORKSPACE)
        if current in names:
            self.workspaces.setCurrentIndex(names.index(current))
        self.workspaces.blockSignals(False)

    def set_data(self, data: SidebarData) -> None:
        for view, item in self._view_items.items():
            count = data.counts.get(view)
            item.setText(1, compact_count(count) if count else "")
            item.setToolTip(0, f"{VIEW_TITLES[view]}: {plural(count or 0, 'mention')}")
        self._muting = True
        try:
            self._fill_saved(data)
            self._fill_sources(data)
        finally:
            self._muting = False

    def _fill_saved(self, data: SidebarData) -> None:
        current = self._current_key()
        self._saved_root.takeChildren()
        for name, query in data.saved:
            item = self._child(self._saved_root, name, "saved", query)
            item.setData(1, ValueRole, name)
            item.setToolTip(0, f"Search: {query}\nRight-click to rename or delete")
        self._saved_root.setHidden(not data.saved)
        self._reselect(self._saved_root, current)

    def _fill_sources(self, data: SidebarData) -> None:
        """The sources with their health and unread counts. While the list of sources stays the same (every
        refresh during a poll), the rows are updated in place: rebuilding hundreds of rows and their icons
        after each batch of new mentions held the UI thread for tens of milliseconds."""
        self._has_sources = bool(data.sources)
        rows = [self._source_row(s) for s in data.sources]
        summary = self._summary_row(data)
        if not rows or [(r[0], r[1]) for r in rows] != self._source_keys():
            self._rebuild_sources(data, rows)
        else:
            for i, (_kind, _id, name, unread, colour, tip) in enumerate(rows):
                self._update_item(self._sources_root.child(i), name, unread, colour, tip)
        self._set_summary(summary)

    def _source_keys(self) -> list[tuple[str, object]]:
        root = self._sources_root
        keys = [
            (root.child(i).data(0, KindRole), root.child(i).data(0, ValueRole))
            for i in range(root.childCount())
        ]
        return [k for k in keys if k[0] == "source"]

    def _set_summary(self, summary: tuple[str, int, str] | None) -> None:
        """The words under the sources when some are in trouble (the last row), added, changed or removed."""
        root = self._sources_root
        last = root.child(root.childCount() - 1) if root.childCount() else None
        item = last if last is not None and last.data(0, KindRole) == "health" else None
        if summary is None:
            if item is not None:
                root.removeChild(item)
            return
        if item is None:
            item = self._child(root, summary[0], "health", summary[1])
            item.setToolTip(0, "Click to see what went wrong and how to fix it (Sources → Manage sources)")
        item.setText(0, summary[0])
        item.setData(0, ValueRole, summary[1])
        item.setForeground(0, QColor(summary[2]))

    @staticmethod
    def _source_row(source: SourceInfo) -> tuple[str, int, str, str, str, str]:
        unread = compact_count(source.unread) if source.unread else ""
        tip = f"{source.name} ({source.kind}) — {source.health}"
        if source.last_error and source.health not in ("ok", "demo"):
            tip += f"\n{source.last_error}"
        return "source", source.id, source.name, unread, HEALTH_COLOURS.get(source.health, "#80868b"), tip

    @staticmethod
    def _summary_row(data: SidebarData) -> tuple[str, int, str] | None:
        summary = health_summary(data.sources)
        if not summary:
            return None
        worst = next(h for h in PROBLEM_HEALTH if any(s.health == h for s in data.sources))
        first = next(s.id for s in data.sources if s.health == worst)
        return f"⚠ {summary}", first, HEALTH_COLOURS[worst]

    def _update_item(self, item: QTreeWidgetItem, name: str, unread: str, colour: str, tip: str) -> None:
        if item.text(0) != name:
            item.setText(0, name)
        if item.text(1) != unread:
            item.setText(1, unread)
        if item.data(1, ColourRole) != colour:
            item.setIcon(0, dot_icon(colour))
            item.setData(1, ColourRole, colour)
        if item.toolTip(0) != tip:
            item.setToolTip(0, tip)

    def _rebuild_sources(self, data: SidebarData, rows: list[tuple[str, int, str, str, str, str]]) -> None:
        current = self._current_key()
        self._sources_root.takeChildren()
        if not data.sources:
            item = self._child(self._sources_root, "No sources yet — add one", "add_source", None)
            item.setForeground(0, self.palette().placeholderText())
        for kind, source_id, name, unread, colour, tip in rows:
            item = self._child(self._sources_root, name, kind, source_id, unread)
            item.setIcon(0, dot_icon(colour))
            item.setData(1, ColourRole, colour)
            item.setToolTip(0, tip)
        self._reselect(self._sources_root, current)

    def has_sources(self) -> bool:
        return self._has_sources

    def current_source_id(self) -> int | None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, KindRole) == "source":
            return int(item.data(0, ValueRole))
        return None

    def _current_key(self) -> tuple[str, object] | None:
        item = self.tree.currentItem()
        return (item.data(0, KindRole), item.data(0, ValueRole)) if item else None

    def _reselect(self, root: QTreeWidgetItem, key: tuple[str, object] | None) -> None:
        if key is None:
            return
        for i in range(root.childCount()):
            child = root.child(i)
            if (child.data(0, KindRole), child.data(0, ValueRole)) == key:
                self.tree.setCurrentItem(child)

    def select_view(self, view: View) -> None:
        item = self._view_items.get(view)
        if item is not None:
            self._muting = True
            self.tree.setCurrentItem(item)
            self._muting = False

    # --- reacting -------------------------------------------------------------------------------------------

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if item.data(0, KindRole) == "add_source":
            self.add_source_requested.emit()
        elif item.data(0, KindRole) == "health" or (
            item.data(0, KindRole) == "source" and column == 0 and self._on_badge(item)
        ):  # the Sources dialog opens on the first source in trouble
            self.manage_source_requested.emit(int(item.data(0, ValueRole)))

    def _on_badge(self, item: QTreeWidgetItem) -> bool:
        """Whether the click that is being handled landed on the health dot at the start of the row."""
        pos = self._press_pos
        rect = self.tree.visualItemRect(item)
        return rect.contains(pos) and pos.x() < rect.left() + self.tree.iconSize().width() + 8

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._press_pos = event.position().toPoint()  # where the click that follows began
        return super().eventFilter(watched, event)

    def saved_menu(self, item: QTreeWidgetItem) -> QMenu | None:
        """The context menu of a saved search (None for other rows)."""
        if item.data(0, KindRole) != "saved":
            return None
        name = str(item.data(1, ValueRole))
        menu = QMenu(self)
        menu.addAction("Rename…", lambda: self.rename_saved_requested.emit(name))
        menu.addAction("Delete", lambda: self.delete_saved_requested.emit(name))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        menu = self.saved_menu(item) if item is not None else None
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KindRole) == "source":
            self.manage_source_requested.emit(int(item.data(0, ValueRole)))

    def _item_clicked(self, item: QTreeWidgetItem | None) -> None:
        if item is None or self._muting:
            return
        kind, value = item.data(0, KindRole), item.data(0, ValueRole)
        if kind == "view":
            self.view_selected.emit(View(value))
        elif kind == "source":
            self.source_selected.emit(int(value))
        elif kind == "saved":
            self.saved_search_selected.emit(str(value))

    def _workspace_activated(self, index: int) -> None:
        value = self.workspaces.itemData(index)
        if value == NEW_WORKSPACE:
            self.new_workspace_requested.emit()
        elif value:
            self.workspace_selected.emit(str(value))

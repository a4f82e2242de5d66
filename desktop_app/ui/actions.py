"""Every command of the window as a QAction: menus, toolbar and the shortcut list come from one table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

from desktop_app.ui.toolbar_icons import line_icon


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    menu: str
    shortcut: str = ""
    tip: str = ""
    toolbar: bool = False
    icon: QStyle.StandardPixmap | None = None


SP = QStyle.StandardPixmap
MENUS = ("File", "Edit", "View", "Mention", "Sources", "Help")
SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("new_workspace", "&New workspace…", "File", "Ctrl+N", "Create a workspace for a brand or client"),
    ActionSpec("open_demo", "Open the &demo workspace", "File", "", "A fictional café chain with sample mentions"),
    ActionSpec("export_report", "&Export report…", "File", "", "The audit report for a period: HTML, PDF, CSV or JSON"),
    ActionSpec("export_workspace", "Export &workspace…", "File", "",
               "One file with this workspace's sources, mentions and settings (no secrets)"),
    ActionSpec("import_workspace", "&Import workspace…", "File", "", "Open a workspace exported from Earshot"),
    ActionSpec("archive_workspace", "Arc&hive workspace…", "File", "",
               "Close this workspace and move it out of the list (kept in the archive folder)"),
    ActionSpec("unarchive_workspace", "Restore archi&ved workspace…", "File", "",
               "Bring an archived workspace back into the list and open it"),
    ActionSpec("settings", "&Settings…", "File", "Ctrl+,", "Polling, notifications, proxy and theme"),
    ActionSpec("quit", "&Quit", "File", "Ctrl+Q"),
    ActionSpec("undo", "&Undo", "Edit", "Ctrl+Z", "Undo the last triage action", True, SP.SP_ArrowBack),
    ActionSpec("find", "&Search", "Edit", "/", "Search the mentions (words, \"phrases\", -exclude)"),
    ActionSpec("save_search", "Sa&ve this search…", "Edit", "",
               "Keep the current search in the sidebar, under Saved searches"),
    ActionSpec("clear", "&Clear search or selection", "Edit", "Esc"),
    ActionSpec("select_all", "Select &all", "Edit", "Ctrl+A"),
    ActionSpec("next", "&Next mention", "View", "J", "Move down the list"),
    ActionSpec("previous", "&Previous mention", "View", "K", "Move up the list"),
    ActionSpec("refresh", "&Reload the list", "View", "Ctrl+R"),
    ActionSpec("dashboard", "&Dashboard", "View", "Ctrl+D",
               "Charts of volume, tone, sources, themes and people; click any of them to see the mentions"),
    ActionSpec("response_tracking", "Response &tracking…", "View", "",
               "Median time to first response, response rate per source and per week"),
    ActionSpec("rescore", "Re-&score all mentions", "View", "",
               "Score every mention again with this version's rules (runs in the background)"),
    ActionSpec("reply", "&Reply", "Mention", "R", "Write a reply to this mention", True, SP.SP_FileDialogDetailedView),
    ActionSpec("respond", "Mark &responded", "Mention", "Ctrl+Return", "Record the reply; done", True,
               SP.SP_DialogApplyButton),
    ActionSpec("archive", "&Archive", "Mention", "E", "Nothing to do: archive it", True, SP.SP_DialogDiscardButton),
    ActionSpec("snooze", "&Snooze…", "Mention", "S", "Bring it back later", True, SP.SP_BrowserReload),
    ActionSpec("reopen", "Re&open", "Mention", "Shift+E", "Back to the inbox"),
    ActionSpec("toggle_read", "Mark un&read / read", "Mention", "U", "Toggle the read mark"),
    ActionSpec("open_original", "Open the &original", "Mention", "O", "Open the post in your browser", True,
               SP.SP_DirLinkIcon),
    ActionSpec("draft_model", "Draft with mo&del", "Mention", "Ctrl+Shift+D",
               "Ask the model set up in Reply settings for a draft (optional; shows what is sent first)"),
    ActionSpec("reply_templates", "Reply t&emplates…", "Mention", "", "Add, edit and restore this workspace's reply templates"),
    ActionSpec("reply_settings", "Reply setti&ngs…", "Mention", "",
               "Signature, support channel, product name; optional model-backed drafts"),
    ActionSpec("poll_now", "&Poll now", "Sources", "F5", "Fetch new mentions from every source", True,
               SP.SP_BrowserReload),
    ActionSpec("cancel_poll", "S&top polling", "Sources", "", "Cancel the poll in progress", False, SP.SP_BrowserStop),
    ActionSpec("manage_sources", "&Manage sources…", "Sources", "Ctrl+Shift+S",
               "Every source with its health: add, change, remove, poll"),
    ActionSpec("add_source", "&Add source…", "Sources", "", "Add a feed, a search or a review source"),
    ActionSpec("suggested_sources", "Add &suggested searches…", "Sources", "",
               "\"I hate <brand>\"-style searches on Google News and Hacker News (phrases editable)"),
    ActionSpec("remove_source", "&Remove the selected source", "Sources"),
    ActionSpec("accounts_keys", "Accounts && &keys…", "Sources", "",
               "API keys and tokens of the sources: add, replace, remove, test connection"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "Help", "?", "Every shortcut on one page"),
    ActionSpec("about", "&About Earshot", "Help"),
)  # fmt: skip


def tinted(icon: QIcon, colour: QColor, size: int = 36) -> QIcon:
    """A one-colour version of a style icon, so the toolbar reads well on light and dark themes."""
    source = icon.pixmap(size, size)
    pixmap = QPixmap(source.size())
    pixmap.setDevicePixelRatio(source.devicePixelRatio())
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.drawPixmap(0, 0, source)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return QIcon(pixmap)


class Actions(QObject):
    """Holds the window's QActions by name."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.by_name: dict[str, QAction] = {}
        style = window.style()
        for spec in SPECS:
            action = QAction(spec.text, window)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = spec.tip or spec.text.replace("&", "").rstrip("…")
            if spec.shortcut:
                tip += f"  ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            action.setToolTip(tip)
            action.setStatusTip(spec.tip)
            colour = window.palette().color(QPalette.ColorRole.ButtonText)
            drawn = line_icon(spec.name, colour)
            if drawn is not None:
                action.setIcon(drawn)
            elif spec.icon is not None:
                action.setIcon(tinted(style.standardIcon(spec.icon), colour))
            window.addAction(action)
            self.by_name[spec.name] = action
        self.by_name["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.by_name["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.by_name["about"].setMenuRole(QAction.MenuRole.AboutRole)

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def specs_for(self, menu: str) -> list[ActionSpec]:
        return [s for s in SPECS if s.menu == menu]

    def set_enabled(self, names: tuple[str, ...], enabled: bool) -> None:
        for name in names:
            self.by_name[name].setEnabled(enabled)


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what it does) for the shortcuts dialog."""
    rows = []
    for spec in SPECS:
        if spec.shortcut:
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((keys, spec.text.replace("&", "").rstrip("…")))
    rows.append(("Shift+click / Ctrl+click", "Select several mentions"))
    return rows

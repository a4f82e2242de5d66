"""The main window: sidebar | inbox | detail, menus and toolbar, polling and triage wired together."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop_app.core.errors import DamagedWorkspace
from desktop_app.core.html import is_safe_link
from desktop_app.core.models import Changes
from desktop_app.services import saved_searches
from desktop_app.services.insights.dashboard import Drill
from desktop_app.services.insights.spike_alert import SpikeAlert
from desktop_app.services.rescore import needs_rescore
from desktop_app.services.triage import TriageService
from desktop_app.storage.queries import MentionQuery, View
from desktop_app.storage.workspace import Workspace
from desktop_app.ui import collector, empty_states
from desktop_app.ui.actions import Actions
from desktop_app.ui.chrome import build_menus, build_toolbar
from desktop_app.ui.context import AppContext
from desktop_app.ui.damaged_prompt import (
    damaged_in_use,
    file_is_damaged,
    is_damage,
    may_be_damage,
    offer_restore,
)
from desktop_app.ui.dashboard import DashboardWindow
from desktop_app.ui.detail_pane import DetailPane
from desktop_app.ui.dialogs import ShortcutsDialog, SuggestedSearchesDialog, show_about
from desktop_app.ui.format import compact_count, plural
from desktop_app.ui.icons import app_icon
from desktop_app.ui.inbox_banner import inbox_column
from desktop_app.ui.inbox_model import InboxModel
from desktop_app.ui.inbox_view import InboxView
from desktop_app.ui.key_file_dialogs import ask_password_if_needed
from desktop_app.ui.polling import PollController, PollResult
from desktop_app.ui.report_dialog import OpenFileNotice, ReportDialog
from desktop_app.ui.rescore import RescoreController
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.sidebar import Sidebar
from desktop_app.ui.sidebar_data import load_sidebar
from desktop_app.ui.snooze import build_snooze_menu
from desktop_app.ui.source_form import SourceFormDialog
from desktop_app.ui.source_removal_prompt import RemovalOffer
from desktop_app.ui.sources_dialog import SourcesDialog
from desktop_app.ui.spike_watch import SpikeWatcher
from desktop_app.ui.status_bar import StatusBar
from desktop_app.ui.tasks import Dispatcher, TaskRunner
from desktop_app.ui.template_editor import ReplySetupDialog
from desktop_app.ui.theme import apply_theme
from desktop_app.ui.tracking_view import ComplaintClock, ResponseTrackingDialog
from desktop_app.ui.tray import Tray
from desktop_app.ui.triage_controller import TriageController
from desktop_app.ui.welcome import WelcomePage
from desktop_app.ui.workspace_files import WorkspaceFiles
from desktop_app.ui.workspace_manager import WorkspaceManager, friendly_error
from desktop_app.ui.workspace_wizard import WorkspaceWizard

log = logging.getLogger(__name__)
SEARCH_DELAY_MS = 250
SIDEBAR_DELAY_MS = 700
# While a re-score rewrites the whole workspace, the inbox, sidebar and charts catch up this often: reloading
# them after each of its batches took ~half the CPU the scoring needs (1M mentions: 331 s instead of 168)
BULK_REFRESH_MS = 10_000
UI_SWITCH_INTERVAL_S = 0.001
WAKE_CHECK_MS = 30_000  # snoozed mentions come back within half a minute of their time
BACKUP_CHECK_MS = 30 * 60_000  # a window left open for days still makes each day's backup
WORKSPACE_ACTIONS = ("undo", "save_search", "reply", "respond", "archive", "snooze", "reopen", "toggle_read", "open_original",
                     "poll_now", "export_report", "export_workspace", "archive_workspace", "manage_sources", "add_source", "suggested_sources", "remove_source", "accounts_keys", "refresh", "dashboard", "find", "reply_templates", "reply_settings", "response_tracking", "draft_model", "rescore")  # fmt: skip


class MainWindow(QMainWindow):
    workspace_ready = Signal(object)  # Workspace

    def __init__(self, context: AppContext, qsettings: QSettings) -> None:
        super().__init__()
        # The UI thread waits for the GIL behind every busy worker thread each time it needs Python (a paint, a
        # signal): a 1 ms switch interval (5 ms by default) roughly halved the longest stall while a poll stored
        # 10k mentions (benchmarks/inbox_poll.py), at no measurable cost to the poll.
        sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
        self.context = context
        self.qsettings = qsettings
        self.dispatcher = Dispatcher()
        self.tasks = TaskRunner(self.dispatcher, self.show_error)
        self.workspaces = WorkspaceManager(context.services, self.tasks, self._default_interval)
        self.workspace: Workspace | None = None
        self._listener: Any = None
        self.sources_dialog: SourcesDialog | None = None
        self._base_query = MentionQuery(view=View.NEEDS_REPLY)
        self._triage_service: TriageService | None = None  # the open workspace's, for the timers' writes
        self._splitter_pending: Any = None  # the panes' saved widths, applied once the window is shown
        self.setWindowTitle("Earshot")
        self.setWindowIcon(app_icon())
        self._build()
        for child in (self.workspaces, self.model, self.triage, self.poller):
            child.setParent(self)
        # The dispatcher outlives the window (the application owns it): a worker thread that finishes late
        # posts to a live object, and its callback meets a deleted widget as a RuntimeError, never a crash.
        self.dispatcher.setParent(QCoreApplication.instance())
        self._connect()
        self._restore_geometry()
        self._set_workspace_actions(False)

    # --- building ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.actions_ = Actions(self)
        self.model = InboxModel(lambda: self._require_ws().reader(), self.tasks)
        self.view = InboxView(self.model)
        self.triage = TriageController(self.view, self.model, self.tasks)
        self.snooze_menu = build_snooze_menu(self, self.triage.snooze)
        self.sidebar = Sidebar()
        self.detail = DetailPane(self.tasks, fetch_image=self.context.services.fetch_image)
        self.empty_label = QLabel("")
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.inbox_stack = QStackedWidget()
        self.inbox_stack.addWidget(self.view)
        self.inbox_stack.addWidget(self.empty_label)
        self.inbox_column, self.spike_banner, self.filter_banner = inbox_column(self.inbox_stack)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.sidebar, self.inbox_column, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 760, 420])
        self.splitter.setChildrenCollapsible(False)
        self.welcome = WelcomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        build_menus(self, self.actions_, self.snooze_menu)
        self.search = build_toolbar(self, self.actions_)
        self.toolbar = self.search.parentWidget()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.complaint_clock = ComplaintClock(self.tasks, self.status.clock_label, parent=self)
        self.complaint_clock.open_requested.connect(self.open_mention)
        self.poller = PollController(
            self.dispatcher,
            self.context.services.make_poller,
            lambda: int(self.context.settings.get("notify.urgency_threshold")),
        )
        self.rescorer = RescoreController(self.dispatcher)
        self.rescorer.setParent(self)
        self.tray = Tray(self, app_icon())
        self.open_notice = OpenFileNotice(self.status)
        self.files = WorkspaceFiles(self)
        self.spikes = SpikeWatcher(self.tasks, self.context.settings, self)
        self.dashboard: DashboardWindow | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._sidebar_timer = QTimer(self, singleShot=True, interval=SIDEBAR_DELAY_MS)
        self._bulk_timer = QTimer(self, singleShot=True, interval=BULK_REFRESH_MS)
        self._wake_timer = QTimer(self, interval=WAKE_CHECK_MS)
        self._backup_timer = QTimer(self, interval=BACKUP_CHECK_MS)
        self._backup_after_poll = False

    def _connect(self) -> None:
        a = self.actions_
        handlers = {
            "new_workspace": self.new_workspace, "open_demo": self.workspaces.open_demo,
            "export_report": self.export_report, "export_workspace": self.files.export_current,
            "import_workspace": self.files.import_archive, "archive_workspace": self.files.archive_current,
            "unarchive_workspace": self.files.unarchive,
            "settings": self.open_settings, "quit": self.close, "undo": self.triage.undo,
            "find": self.focus_search, "save_search": self.save_search, "clear": self.clear_search_or_selection,
            "select_all": self.view.selectAll, "next": lambda: self.view.move(1),
            "previous": lambda: self.view.move(-1), "refresh": self.model.refresh, "rescore": self.rescore_all,
            "reply": self.detail.focus_draft, "respond": self.mark_responded, "archive": self.triage.archive,
            "snooze": self.show_snooze_menu, "reopen": self.triage.reopen, "toggle_read": self.triage.toggle_read,
            "open_original": self.open_original, "poll_now": self.poller.poll_now, "cancel_poll": self.poller.cancel,
            "manage_sources": self.manage_sources, "add_source": self.add_feed, "suggested_sources": self.add_suggested, "remove_source": self.remove_source,
            "reply_templates": lambda: self.open_reply_setup(ReplySetupDialog.TEMPLATES),
            "reply_settings": lambda: self.open_reply_setup(ReplySetupDialog.SETTINGS),
            "response_tracking": self.show_response_tracking, "draft_model": self.detail.draft_with_model,
            "dashboard": self.open_dashboard,
            "accounts_keys": self.open_accounts,
            "shortcuts": lambda: ShortcutsDialog(self).open(), "about": lambda: show_about(self),
        }  # fmt: skip
        for name, handler in handlers.items():
            a[name].triggered.connect(lambda _=False, h=handler: h())
        self.view.current_mention_changed.connect(self.detail.show_mention)
        self.view.selection_size_changed.connect(self._selection_size)
        self.view.doubleClicked.connect(lambda _i: self.detail.focus_draft())
        self.model.loading_changed.connect(self._update_empty_state)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.detail.status_message.connect(self.status.say)
        self.detail.open_mention.connect(self.open_mention)
        self.detail.read_due.connect(self.triage.mark_read_quietly)
        self.detail.responded.connect(lambda _id: self._after_triage("Marked responded — Ctrl+Z to undo"))
        self.triage.message.connect(self.status.say)
        self.triage.done.connect(self.model.refresh)
        self.sidebar.view_selected.connect(self.select_view)
        self.sidebar.source_selected.connect(
            lambda sid: self._set_base(MentionQuery(view=View.ALL, source_id=sid))
        )
        self.sidebar.saved_search_selected.connect(self._saved_search)
        self.sidebar.rename_saved_requested.connect(self.rename_saved_search)
        self.sidebar.delete_saved_requested.connect(self.delete_saved_search)
        self.sidebar.workspace_selected.connect(self.open_workspace)
        self.sidebar.new_workspace_requested.connect(self.new_workspace)
        self.sidebar.add_source_requested.connect(self.add_feed)
        self.sidebar.manage_source_requested.connect(self.manage_sources)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self._apply_query)
        self._sidebar_timer.timeout.connect(self.refresh_sidebar)
        self._bulk_timer.timeout.connect(self._catch_up)
        self._wake_timer.timeout.connect(self.wake_snoozed)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self.welcome.create_requested.connect(self.new_workspace)
        self.welcome.demo_requested.connect(self.workspaces.open_demo)
        self.workspaces.opened.connect(self._attach)
        self.workspaces.failed.connect(self._workspace_failed)
        self.workspaces.damaged.connect(self._workspace_damaged)
        self.workspaces.busy.connect(self._busy)
        self.workspaces.sources_added.connect(self._sources_added)
        self.poller.started.connect(self._poll_started)
        self.poller.progress.connect(self.status.poll_progress)
        self.poller.finished.connect(self._poll_finished)
        self.poller.failed.connect(self._poll_failed)
        self.poller.online_changed.connect(lambda online: self.status.set_offline(not online))
        self.status.cancel_button.clicked.connect(self.poller.cancel)
        self.spikes.spike.connect(self._on_spike)
        self.sidebar.dashboard_requested.connect(self.open_dashboard)
        self.rescorer.started.connect(self.status.job_started)
        self.rescorer.progress.connect(self.status.job_progress)
        self.rescorer.finished.connect(self._rescored)
        self.rescorer.failed.connect(self._rescore_failed)
        self.rescorer.busy.connect(lambda text: self.status.say(text, 8000))
        self.status.job_cancel.clicked.connect(self.rescorer.cancel)
        self.status.set_offline(not self.poller.online)

    # --- workspaces --------------------------------------------------------------------------------------------

    def _default_interval(self) -> int | None:
        """Settings → "Poll new sources every": the pace of a new free source (keyed APIs keep their own)."""
        value = self.context.settings.get("poll.default_interval_minutes")
        return int(value) if value else None

    def _require_ws(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("No workspace is open.")
        return self.workspace

    def start(self, last: str | None) -> None:
        """Open the last workspace, or show the welcome screen."""
        names = self.workspaces.names()
        if last and last in names:
            self.open_workspace(last)
        elif len(names) == 1:
            self.open_workspace(names[0])
        else:
            self.show_welcome()

    def show_welcome(self) -> None:
        self.pages.setCurrentWidget(self.welcome)
        self.toolbar.hide()
        self.welcome.set_busy(None)

    def open_workspace(self, name: str) -> None:
        if self.workspace is not None and self.workspace.name == name:
            return
        self.workspaces.open(name)

    def new_workspace(self) -> None:
        wizard = WorkspaceWizard(self)
        wizard.accepted.connect(lambda: self.workspaces.create(wizard.result_value()))
        wizard.rejected.connect(self._sync_workspace_list)
        self.wizard = wizard
        wizard.open()

    def _attach(self, ws: Workspace) -> None:
        self._detach()
        self.workspace = ws
        self._listener = lambda changes: self.dispatcher.post(lambda: self._on_changes(changes))
        ws.writer.add_listener(self._listener)
        triage = self.context.services.make_triage(ws)
        self._triage_service = triage
        self.triage.set_service(ws, triage)
        self.detail.set_session(ws.reader, triage)
        self.complaint_clock.set_reader(ws.reader)
        self.model.set_reader(ws.reader)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.select_view(View.NEEDS_REPLY)
        self.sidebar.select_view(View.NEEDS_REPLY)
        self._sync_workspace_list()
        self.pages.setCurrentWidget(self.splitter)
        self.toolbar.show()
        self.welcome.set_busy(None)
        self._set_workspace_actions(True)
        title = ws.setting("title") or ws.profile().brand
        self.setWindowTitle(f"{title} — Earshot")
        self.refresh_sidebar()
        self.wake_snoozed()
        self._wake_timer.start()
        self._backup_timer.start()
        self.poller.set_workspace(ws, auto=self.context.auto_poll)
        # a window killed later still leaves the day's backup; with polling on, after the first poll
        self._backup_after_poll = self.context.auto_poll
        if not self._backup_after_poll:
            self.backup_if_due()
        if self.context.auto_rescore:
            self.tasks.run(lambda: needs_rescore(ws), lambda due: self._rescore_if(ws, due))
        self.context.settings.set("ui.last_workspace", ws.name)
        self.status.say(f"Opened {ws.name}")
        self.view.setFocus()
        poll_due = self.poller.poll_due if self.context.auto_poll else None  # the key file, if chosen:
        ask_password_if_needed(self, self.tasks, ws, self.status.say, poll_due=poll_due)
        self.workspace_ready.emit(ws)
        QTimer.singleShot(0, collector.settle)  # once the window has painted the workspace

    def _detach(self) -> None:
        self.detail.save_draft_now()
        self.detail.set_session(None, None)  # no late read mark or model draft for a closed workspace
        if self.sources_dialog is not None:
            self.sources_dialog.close()
            self.sources_dialog.deleteLater()
            self.sources_dialog = None
        if self.workspace is not None and self._listener is not None:
            self.workspace.writer.remove_listener(self._listener)
        self.poller.set_workspace(None)
        self._wake_timer.stop()
        self._backup_timer.stop()
        self._triage_service = None
        self.spike_banner.hide()
        self.filter_banner.hide()
        if self.dashboard is not None:
            self.dashboard.set_workspace(None)
        self.complaint_clock.set_reader(None)
        self.rescorer.cancel()
        self.workspace, self._listener = None, None

    def close_workspace(self) -> None:
        """Stop using the open workspace (the caller closes its file, in a worker) and show the welcome page."""
        self._detach()
        self.workspaces.current = None
        self._set_workspace_actions(False)
        self.setWindowTitle("Earshot")
        self.show_welcome()

    def show_next_workspace(self) -> None:
        """After a workspace went away: open the first one left, or show the welcome page."""
        names = self.workspaces.names()
        self.sidebar.set_workspaces(names, None)
        if names:
            self.open_workspace(names[0])
        else:
            self.show_welcome()

    def _sync_workspace_list(self) -> None:
        self.sidebar.set_workspaces(self.workspaces.names(), self.workspace.name if self.workspace else None)

    def _workspace_damaged(self, exc: DamagedWorkspace) -> None:
        """A damaged file with a backup: offer it (the restore runs in a worker, then the workspace opens)."""
        self.damaged_prompt = offer_restore(self, exc, self.workspaces.restore, self._workspace_failed)

    def _workspace_failed(self, text: str) -> None:
        if self.pages.currentWidget() is self.welcome:
            self.welcome.show_error(text)
        self.status.say(text, 15000)
        self._sync_workspace_list()

    def _busy(self, text: str) -> None:
        if self.pages.currentWidget() is self.welcome:
            self.welcome.set_busy(text)
        self.status.say(text)

    def _set_workspace_actions(self, enabled: bool) -> None:
        self.actions_.set_enabled(WORKSPACE_ACTIONS, enabled)
        self.search.setEnabled(enabled)

    # --- queries -----------------------------------------------------------------------------------------------

    def select_view(self, view: View) -> None:
        self._set_base(MentionQuery(view=view))

    def _set_base(self, base: MentionQuery) -> None:
        self.filter_banner.hide()
        self._base_query = base
        self._apply_query()

    def _saved_search(self, text: str) -> None:
        self.filter_banner.hide()
        self._base_query = MentionQuery(view=View.ALL)
        self.search.setText(text)
        self._apply_query()

    def _apply_query(self) -> None:
        if self.workspace is None:
            return
        self._search_timer.stop()
        query = self._base_query.with_(search=self.search.text().strip(), sort=self.model.query.sort)
        if query != self.model.query or not self.model.rowCount():
            self.model.set_query(query)
            self.view.sync_sort_indicator()

    # --- saved searches ------------------------------------------------------------------------------------------

    def save_search(self) -> None:
        text = self.search.text().strip()
        if self.workspace is None or not text:
            self.status.say("Type a search first (/), then save it.")
            return
        dialog = self._name_dialog("Save search", f"A name for the search “{text}”:", text[:40])
        dialog.textValueSelected.connect(lambda name: self._write_saved(
            saved_searches.save(self._require_ws(), name, text), "Saved search “{}” — it is in the sidebar."))  # fmt: skip
        dialog.open()

    def rename_saved_search(self, old: str) -> None:
        if self.workspace is None:
            return
        dialog = self._name_dialog("Rename saved search", "New name:", old)
        dialog.textValueSelected.connect(lambda name: self._write_saved(
            saved_searches.rename(self._require_ws(), old, name), "Renamed the saved search to “{}”."))  # fmt: skip
        dialog.open()

    def delete_saved_search(self, name: str) -> None:
        if self.workspace is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Delete saved search",
                          f"Delete the saved search “{name}”? The mentions stay.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._write_saved(
            saved_searches.delete(self._require_ws(), name), f"Deleted the saved search “{name}”."))  # fmt: skip
        self._saved_prompt = box
        box.open()

    def _name_dialog(self, title: str, label: str, value: str) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.setOkButtonText("Save")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._saved_prompt = dialog
        return dialog

    def _write_saved(self, future: Any, message: str) -> None:
        def done(result: object) -> None:
            self.status.say(message.format(result), 8000)
            self.refresh_sidebar()

        self.tasks.watch(future, done)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search_or_selection(self) -> None:
        if self.search.text():
            self.search.clear()
            self._apply_query()
            self.view.setFocus()
        else:
            self.view.clear_selection()

    def open_mention(self, mention_id: int) -> None:
        if not self.view.select_id(mention_id):
            self.detail.show_mention(mention_id)

    # --- changes, counts, empty states -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if self.workspace is None:
            return
        if self.detail.mention_id is not None and self.detail.mention_id in changes.updated:
            self.detail.reload()
        if changes.bulk:  # a re-score's batch: the screens catch up every BULK_REFRESH_MS
            self.model.schedule_refresh(changes, at_least_ms=BULK_REFRESH_MS)
            if not self._bulk_timer.isActive():
                self._bulk_timer.start()
            return
        if changes.added or changes.updated:
            self.model.schedule_refresh(changes)  # only these rows are re-read
        self._catch_up()
        if self.sources_dialog is not None and changes.sources_updated:
            self.sources_dialog.on_changes(changes)

    def _catch_up(self) -> None:
        """The views that summarise the whole workspace: sidebar counts, charts, the complaint clock."""
        self._sidebar_timer.start()
        if self.dashboard is not None:
            self.dashboard.schedule_refresh()
        self.complaint_clock.schedule()

    def refresh_sidebar(self) -> None:
        ws = self.workspace
        if ws is not None:
            self.tasks.run_single("sidebar", lambda: load_sidebar(ws.reader()), self.sidebar.set_data)

    def wake_snoozed(self) -> None:
        """Snoozes whose time has come go back to the inbox (unread); the writer's changes refresh the views."""
        service = self._triage_service
        if service is not None:
            self.tasks.watch(service.wake_snoozed())

    def backup_if_due(self) -> None:
        """Today's automatic backup, when the open workspace has none yet (cheap otherwise), on the poll's
        thread so that it never runs beside a poll; asked for during a poll, it waits for the poll's end."""
        ws = self.workspace
        if ws is None:
            return
        if self.poller.running:
            self._backup_after_poll = True
            return
        self._backup_after_poll = False
        self.poller.run_between_polls(ws.backup_if_due, self.tasks.on_error)

    def _poll_ended(self) -> None:
        if self._backup_after_poll:
            self.backup_if_due()

    def _update_empty_state(self, *_: object) -> None:
        rows = self.model.rowCount()
        loading = self.model.loading
        if rows or loading:
            self.inbox_stack.setCurrentWidget(self.view)
        else:
            self.empty_label.setText(empty_states.message(self.model.query, self.sidebar.has_sources()))
            self.inbox_stack.setCurrentWidget(self.empty_label)
        more = "" if self.model.complete else "+"
        self.status.count_label.setText(
            f"{compact_count(rows)}{more} {'mention' if rows == 1 else 'mentions'}"
        )

    def _selection_size(self, n: int) -> None:
        if n > 1:
            self.status.say(f"{plural(n, 'mention')} selected", 3000)

    # --- triage extras -------------------------------------------------------------------------------------------

    def mark_responded(self) -> None:
        ids = self.view.selected_ids()
        if len(ids) <= 1 and self.detail.mention_id is not None:
            self.detail.mark_responded()
        else:
            self.triage.mark_responded()

    def _after_triage(self, text: str) -> None:
        self.status.say(text)
        self.model.refresh()

    def show_snooze_menu(self) -> None:
        index = self.view.currentIndex()
        rect = self.view.visualRect(index) if index.isValid() else self.view.rect()
        self.snooze_menu.popup(self.view.viewport().mapToGlobal(rect.bottomLeft()))

    def open_original(self) -> None:
        row = (
            self.model.row_data(self.view.currentIndex().row())
            if self.view.currentIndex().isValid()
            else None
        )
        url = (row["url"] if row is not None else None) or ""
        if is_safe_link(url):
            QDesktopServices.openUrl(QUrl(url))
        else:
            self.status.say("This mention has no web link to open.")

    # --- sources and polling --------------------------------------------------------------------------------------

    def manage_sources(self, source_id: int | None = None) -> None:
        ws = self.workspace
        if ws is None:
            return
        dialog = self.sources_dialog
        if dialog is None or dialog.ws is not ws:
            if dialog is not None:
                dialog.close()
            dialog = SourcesDialog(
                ws, self.tasks, self.poller.poll_sources, self, default_interval=self._default_interval
            )
            dialog.finished.connect(lambda _r: self.refresh_sidebar())
            self.sources_dialog = dialog
        if source_id is not None:
            dialog.select_source(source_id)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def export_report(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        dialog = ReportDialog(ws, self.tasks, self)
        dialog.exported.connect(self.open_notice.show)
        self.report_dialog = dialog
        dialog.open()

    def open_accounts(self) -> None:
        """Sources → Accounts & keys…: the keys of the sources, in the keyring only."""
        from desktop_app.ui.accounts_dialog import AccountsDialog

        if self.workspace is not None:
            self.accounts_dialog = AccountsDialog(self.workspace, self.tasks, self)
            self.accounts_dialog.open()

    def add_feed(self) -> None:
        """Sources → Add source…: the form generated from the chosen kind's fields."""
        ws = self.workspace
        if ws is None:
            return
        form = SourceFormDialog(ws, self.tasks, self, default_interval=self._default_interval())
        form.added.connect(self._source_added)
        self.source_form = form
        form.open()

    def add_suggested(self) -> None:
        if self.workspace is None:
            return
        dialog = SuggestedSearchesDialog(self.workspace.profile(), self)
        dialog.accepted.connect(lambda: self.workspaces.add_sources(dialog.chosen()))
        dialog.open()

    def remove_source(self) -> None:
        source_id = self.sidebar.current_source_id()
        if source_id is None:
            self.status.say("Select a source in the sidebar first.")
            return
        remove, ws = self.workspaces.remove_source, self.workspace  # its own key goes too, unless kept
        if ws is not None:  # asked only when it has a key no other source uses
            self.removal_offer = RemovalOffer(self, self.tasks, ws, [source_id], "Remove the selected source?",
                                              lambda keys: remove(source_id, keys), lambda: remove(source_id, True))  # fmt: skip

    def _source_added(self, _source_id: int, name: str) -> None:
        self.status.say(f"Added {name}.", 12000)
        self.refresh_sidebar()
        if self.sources_dialog is not None:
            self.sources_dialog.refresh()
        if self.context.auto_poll:  # off in tests and with --no-poll
            self.poller.poll_due()

    def _sources_added(self, added: int, errors: list[str]) -> None:
        text = f"Added {plural(added, 'source')}." if added else ""
        self.status.say(" ".join([text, *errors]).strip() or "Done.", 12000)
        self.refresh_sidebar()
        if added:
            self.poller.poll_due()

    # --- re-scoring --------------------------------------------------------------------------------------------

    def rescore_all(self) -> None:
        if self.workspace is not None:
            self.rescorer.start(self.workspace)

    def _rescore_if(self, ws: Workspace, due: bool) -> None:
        if due and ws is self.workspace and not self.rescorer.running:
            self.rescorer.start(ws, "Scoring rules changed: re-scoring")

    def _rescored(self, done: int, cancelled: bool) -> None:
        self.status.job_stopped()
        if cancelled:
            self.status.say(
                f"Re-scoring stopped after {plural(done, 'mention')}; run it again from the View menu."
            )
        else:
            self.status.say(f"Re-scored {plural(done, 'mention')}.")
        self.model.refresh()
        self._bulk_timer.stop()
        self._catch_up()

    def _rescore_failed(self, message: str) -> None:
        self.status.job_stopped()
        self.status.say(message, 15000)

    def _poll_started(self) -> None:
        self.status.poll_started()
        self.actions_["cancel_poll"].setEnabled(True)

    def _poll_finished(self, result: PollResult) -> None:
        self.status.poll_stopped()
        self.actions_["cancel_poll"].setEnabled(False)
        parts = [
            "Poll cancelled." if result.cancelled else f"Poll done: {plural(result.added, 'new mention')}."
        ]
        if result.network_down:
            parts.append(
                "No site could be reached: is the network down? Polling rests for five minutes"
                " (Poll now, F5, tries at once)."
            )
        elif result.failed:
            parts.append(f"{plural(len(result.failed), 'source')} failed — {result.failed[0]}")
        self.status.say(" ".join(parts), 12000)
        self.refresh_sidebar()
        if self.sources_dialog is not None:
            self.sources_dialog.refresh()
        if result.added:
            self.spikes.check(self.workspace)
        if result.urgent and self.context.settings.get("notify.enabled"):
            text = self.tray.notify_urgent(result.urgent)
            if text and self.tray.icon is None:
                self.status.say(text, 15000)
        self._poll_ended()

    def _poll_failed(self, text: str) -> None:
        self.status.poll_stopped()
        self.actions_["cancel_poll"].setEnabled(False)
        self.status.say(text, 15000)
        self._poll_ended()

    # --- replies: templates, settings, tracking -------------------------------------------------------------------

    def open_reply_setup(self, tab: int) -> None:
        ws = self.workspace
        if ws is None:
            return
        dialog = ReplySetupDialog(ws, self.tasks, self.detail.current_mention(), self)
        dialog.saved.connect(self.detail.composer_changed)
        dialog.saved.connect(lambda: self.status.say("Reply templates and settings saved."))
        dialog.show_tab(tab)
        self.reply_setup = dialog
        dialog.open()

    def show_response_tracking(self) -> None:
        ws = self.workspace
        if ws is not None:
            self.tracking_dialog = ResponseTrackingDialog(ws.reader, self.tasks, ws.name, self)
            self.tracking_dialog.open()

    # --- dashboard and spikes ---------------------------------------------------------------------------------

    def open_dashboard(self) -> None:
        if self.workspace is None:
            return
        if self.dashboard is None:  # a window of its own (no parent), so the inbox can come in front of it
            self.dashboard = DashboardWindow(
                self.tasks, lambda: float(self.context.settings.get("notify.spike_threshold")), self.qsettings
            )
            self.dashboard.setWindowIcon(app_icon())
            self.dashboard.drill.connect(self.show_drill)
            self.workspace_ready.connect(self.dashboard.set_workspace)
        if self.dashboard.ws is not self.workspace:
            self.dashboard.set_workspace(self.workspace)
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()

    def show_drill(self, drill: Drill, origin: str = "dashboard") -> None:
        """The inbox shows exactly the mentions behind a dashboard element, with a banner saying so."""
        if self.workspace is None:
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.sidebar.tree.setCurrentItem(None)  # so that clicking a view goes back to it
        self._set_base(drill.query)
        if origin == "dashboard" and self.dashboard is not None:
            text = f"From the dashboard ({self.dashboard.period_text()}): {drill.title}"
            actions = (("Back to dashboard", self.open_dashboard),)
        else:
            text, actions = drill.title, ()
        self.filter_banner.show_message(text, actions, on_dismiss=self._clear_drill)
        self.pages.setCurrentWidget(self.splitter)
        self.raise_()
        self.activateWindow()
        self.view.setFocus()

    def _clear_drill(self) -> None:
        self.select_view(View.NEEDS_REPLY)
        self.sidebar.select_view(View.NEEDS_REPLY)

    def _on_spike(self, alert: SpikeAlert) -> None:
        if self.workspace is None or alert.workspace != self.workspace.name:
            return
        drill = Drill(MentionQuery(view=View.EVERYTHING, ids=alert.mention_ids), alert.text)

        def show() -> None:
            self.spike_banner.hide()
            self.show_drill(drill, "spike")

        top = f" Most urgent: “{alert.top_title[:90]}”" if alert.top_title else ""
        self.spike_banner.show_message(f"⚠ {alert.text}{top}", (("Show them", show),))
        if not self.tray.notify_spike(alert.text, alert.top_title):
            self.status.say(alert.text, 15000)

    # --- settings, errors, closing -----------------------------------------------------------------------------

    def open_settings(self) -> None:
        dialog = SettingsDialog(
            self.context.settings, self.context.root, self, forced_by=self.context.data_dir_forced
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._settings_changed)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_changed(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.context.settings.get("ui.theme"))
        self.status.say("Settings saved. The proxy applies from the next poll.")

    def show_error(self, exc: BaseException) -> None:
        ws = self.workspace
        if ws is not None and is_damage(exc):
            self._damage_found(ws)
            return
        if ws is not None and may_be_damage(exc):  # e.g. "vtable constructor failed": check the file itself
            self.tasks.run(
                lambda: file_is_damaged(ws.path),
                lambda damaged: self._damage_found(ws) if damaged and ws is self.workspace else None,
            )
        self.status.say(friendly_error(exc), 15000)

    def _damage_found(self, ws: Workspace) -> None:
        """A damaged page met while working: close the workspace, then offer its latest backup (once)."""
        if getattr(self, "_damage_offered", None) == ws.name:
            return
        self._damage_offered = ws.name
        self.close_workspace()
        self.workspaces.current = None
        damaged = damaged_in_use(ws)

        def closed(_: object = None) -> None:
            self._damage_offered = None
            if damaged.backup is not None:
                self._workspace_damaged(damaged)
            else:
                self._workspace_failed(str(damaged))

        self.tasks.run(ws.close, closed, lambda _exc: closed())

    def _restore_geometry(self) -> None:
        geometry = self.qsettings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = self.qsettings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self._splitter_pending = self.qsettings.value("window/splitter")
        header = self.qsettings.value("inbox/header")
        if header is not None:
            self.view.horizontalHeader().restoreState(header)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The panes' widths once the window has its restored size: restored earlier, a resize from the
        # default size would share the difference out by stretch factors and the panes would drift each start.
        pending, self._splitter_pending = self._splitter_pending, None
        if pending is not None:
            self.splitter.restoreState(pending)

    def save_geometry(self) -> None:
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.setValue("window/state", self.saveState())
        self.qsettings.setValue("window/splitter", self.splitter.saveState())
        self.qsettings.setValue("inbox/header", self.view.horizontalHeader().saveState())
        self.qsettings.sync()

    def shutdown(self) -> None:
        """Save what the user typed, stop background work, close the workspace. The window goes first: the
        close refreshes the day's backup, a whole-file copy that takes seconds on a big workspace, and a
        window that stays painted but deaf meanwhile looks hung."""
        self.save_geometry()
        self.hide()
        self.detail.save_draft_now()
        self.detail.shutdown()
        self.poller.shutdown()
        if self.dashboard is not None:
            self.dashboard.close()
            self.dashboard.deleteLater()
            self.dashboard = None
        self.rescorer.shutdown()
        self._detach()
        self.tasks.shutdown()
        self.model.shutdown()
        try:
            self.workspaces.close_now()
        except Exception as exc:  # closing must not crash the exit
            log.warning("closing the workspace: %s", exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        if self.tray.icon is not None:
            self.tray.icon.hide()
        super().closeEvent(event)

    def centre_widget(self) -> QWidget:
        return self.pages

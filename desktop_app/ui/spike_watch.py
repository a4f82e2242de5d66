"""After each poll that added mentions: look for a spike in complaints in a worker, report a new one.

The settings (on/off, threshold) are read on the UI thread when the check starts; the worker gets only those.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from desktop_app.config.settings import Settings
from desktop_app.services.insights.spike_alert import SpikeAlert, check_for_spike
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.dashboard import utc_offset
from desktop_app.ui.tasks import TaskRunner


class SpikeWatcher(QObject):
    spike = Signal(object)  # SpikeAlert

    def __init__(self, tasks: TaskRunner, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._settings = settings

    @property
    def enabled(self) -> bool:
        return bool(self._settings.get("notify.spikes"))

    def check(self, ws: Workspace | None) -> bool:
        """Start a check; False when spike alerts are off (or no workspace is open)."""
        if ws is None or not self.enabled:
            return False
        sigmas = float(self._settings.get("notify.spike_threshold"))
        now = int(time.time())
        offset = utc_offset(now)
        self._tasks.run(lambda: check_for_spike(ws, now, sigmas=sigmas, offset=offset), self._found)
        return True

    def _found(self, alert: SpikeAlert | None) -> None:
        if alert is not None:
            self.spike.emit(alert)

"""The status bar: messages, the mention count, poll progress with cancel, and the offline badge."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

MESSAGE_MS = 8000


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        self.poll_label = QLabel("")
        self.poll_bar = QProgressBar()
        self.poll_bar.setMaximumWidth(160)
        self.poll_bar.setMaximumHeight(14)
        self.poll_bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAutoRaise(True)
        self.offline_label = QLabel("Offline")
        self.offline_label.setObjectName("offline")
        self.offline_label.setToolTip("No network: polling is paused and resumes when you are back online.")
        self.clock_label = QLabel("")  # the unanswered-complaint clock (ui.tracking_view.ComplaintClock)
        self.clock_label.setObjectName("complaintClock")
        self.clock_label.hide()
        self.job_label = QLabel("")
        self.job_bar = QProgressBar()
        self.job_bar.setMaximumWidth(160)
        self.job_bar.setMaximumHeight(14)
        self.job_bar.setTextVisible(False)
        self.job_cancel = QToolButton()
        self.job_cancel.setText("Stop")
        self.job_cancel.setAutoRaise(True)
        self.job_cancel.setToolTip("Stop re-scoring; what is done is kept")
        for widget in (self.job_label, self.job_bar, self.job_cancel):
            widget.hide()
            self.addPermanentWidget(widget)
        for widget in (self.poll_label, self.poll_bar, self.cancel_button, self.offline_label):
            widget.hide()
        self.addPermanentWidget(self.poll_label)
        self.addPermanentWidget(self.poll_bar)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.offline_label)
        self.addPermanentWidget(self.clock_label)
        self.addPermanentWidget(self.count_label)

    def say(self, text: str, ms: int = MESSAGE_MS) -> None:
        self.showMessage(text, ms)

    def job_started(self, text: str) -> None:
        self.job_label.setText(f"{text}…")
        self.job_bar.setRange(0, 0)
        for widget in (self.job_label, self.job_bar, self.job_cancel):
            widget.show()

    def job_progress(self, done: int, total: int) -> None:
        self.job_bar.setRange(0, max(total, 1))
        self.job_bar.setValue(done)
        self.job_label.setToolTip(f"{done:,} of {total:,}")
        text = self.job_label.text().split(" (")[0].removesuffix("…")
        self.job_label.setText(f"{text} ({done * 100 // max(total, 1)}%)…")

    def job_stopped(self) -> None:
        for widget in (self.job_label, self.job_bar, self.job_cancel):
            widget.hide()

    def poll_started(self) -> None:
        self.poll_label.setText("Polling…")
        self.poll_bar.setRange(0, 0)
        for widget in (self.poll_label, self.poll_bar, self.cancel_button):
            widget.show()

    def poll_progress(self, done: int, total: int, name: str) -> None:
        self.poll_bar.setRange(0, max(total, 1))
        self.poll_bar.setValue(done)
        self.poll_label.setText(f"Polling {done}/{total}…")
        self.poll_label.setToolTip(f"Last: {name}")

    def poll_stopped(self) -> None:
        for widget in (self.poll_label, self.poll_bar, self.cancel_button):
            widget.hide()

    def set_offline(self, offline: bool) -> None:
        self.offline_label.setVisible(offline)

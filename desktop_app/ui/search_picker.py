"""Choose suggested searches: which keyless sites, which phrases (editable), and a live count of what is added."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.core.models import BrandProfile
from desktop_app.services.search_sources import KEYLESS_SITES, PlannedSearch, plan_searches, search_terms
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES
from desktop_app.ui.format import plural

SITE_TIPS = {
    "google_news": "News sites, blogs and forums indexed by Google News (RSS search)",
    "hackernews": "Stories and comments on Hacker News (Algolia search)",
}


class SearchPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = BrandProfile("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        sites = QHBoxLayout()
        sites.addWidget(QLabel("Search on:"))
        self.sites: dict[str, QCheckBox] = {}
        for kind, label in KEYLESS_SITES.items():
            box = QCheckBox(label)
            box.setChecked(kind == "google_news")
            box.setToolTip(SITE_TIPS.get(kind, ""))
            box.toggled.connect(self._update)
            sites.addWidget(box)
            self.sites[kind] = box
        sites.addStretch(1)
        layout.addLayout(sites)
        self.include_brand = QCheckBox("Every story that names the brand")
        self.include_brand.setChecked(True)
        self.include_brand.toggled.connect(self._update)
        layout.addWidget(self.include_brand)
        hint = QLabel(
            "Phrases unhappy people type, one per line; {brand} becomes the brand and each other name:"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.phrases = QPlainTextEdit("\n".join(DEFAULT_TEMPLATES))
        self.phrases.setTabChangesFocus(True)
        self.phrases.setAccessibleName("Search phrases")
        self.phrases.textChanged.connect(self._update)
        lines = len(DEFAULT_TEMPLATES) + 1
        self.phrases.setMinimumHeight(self.phrases.fontMetrics().lineSpacing() * lines + 12)
        layout.addWidget(self.phrases, 1)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def set_profile(self, profile: BrandProfile) -> None:
        self._profile = profile
        self._update()

    def kinds(self) -> list[str]:
        return [kind for kind, box in self.sites.items() if box.isChecked()]

    def templates(self) -> list[str]:
        return self.phrases.toPlainText().splitlines()

    def chosen(self) -> list[PlannedSearch]:
        return plan_searches(self._profile, self.templates(), self.kinds(), self.include_brand.isChecked())

    def _update(self) -> None:
        searches = self.chosen()
        names = search_terms(self._profile)
        if not self.kinds():
            text = "Choose at least one site, or skip: you can add sources later (Sources → Add source…)."
        elif not searches:
            text = "No searches: add a phrase, or skip and add sources later."
        else:
            text = (
                f"{plural(len(searches), 'search', 'searches')} for {', '.join(names)}, "
                "checked every 30 minutes while Earshot runs (F5 polls now)."
            )
        self.summary.setText(text)
        self.changed.emit()

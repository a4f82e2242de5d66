"""Choose hate searches: which search sites (keyless ones ready, keyed ones when the workspace holds a key),
which phrases (editable), and a preview of the searches that will be added."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models import BrandProfile
from desktop_app.services.search_sources import (
    PlannedSearch,
    SiteOffer,
    keyless_offers,
    plan_searches,
    search_terms,
    site_notes,
)
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES
from desktop_app.ui.format import plural

PREVIEW_ROWS = 300  # the preview lists at most this many searches (the count is always the full one)


def _every(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return f" (every {minutes // 60} h)" if minutes >= 120 else f" (every {minutes} min)"


class SearchPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, offers: Sequence[SiteOffer] | None = None) -> None:
        super().__init__(parent)
        self._profile = BrandProfile("")
        self._offers: dict[str, SiteOffer] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Search on:"))
        self._grid = QGridLayout()
        layout.addLayout(self._grid)
        self.sites: dict[str, QCheckBox] = {}
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
        row = QHBoxLayout()
        self.reset = QPushButton("Default phrases")
        self.reset.setToolTip("Put back the phrases Earshot suggests")
        self.reset.clicked.connect(lambda: self.set_templates(DEFAULT_TEMPLATES))
        row.addWidget(self.reset)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.preview = QListWidget()
        self.preview.setAccessibleName("Searches to add")
        self.preview.setMinimumHeight(self.preview.fontMetrics().lineSpacing() * 6)
        layout.addWidget(self.preview, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.set_offers(offers if offers is not None else keyless_offers())

    # ---- what the picker offers --------------------------------------------------------------------------

    def set_offers(self, offers: Sequence[SiteOffer]) -> None:
        """Show these sites; a keyed site without a key is listed, unchecked and disabled, with its note."""
        chosen = set(self.kinds()) or {"google_news"}
        for box in self.sites.values():
            self._grid.removeWidget(box)
            box.deleteLater()
        self.sites = {}
        self._offers = {o.kind: o for o in offers}
        for index, offer in enumerate(offers):
            box = QCheckBox(offer.label if offer.ready else f"{offer.label} (needs a key)")
            box.setToolTip("\n".join(t for t in (offer.tip, offer.note) if t))
            box.setEnabled(offer.ready)
            box.setChecked(offer.ready and offer.kind in chosen)
            box.toggled.connect(self._update)
            self._grid.addWidget(box, index // 4, index % 4)
            self.sites[offer.kind] = box
        self._update()

    def set_kinds(self, kinds: Sequence[str]) -> None:
        for kind, box in self.sites.items():
            box.setChecked(box.isEnabled() and kind in kinds)

    def set_templates(self, templates: Sequence[str]) -> None:
        self.phrases.setPlainText("\n".join(templates))

    def set_profile(self, profile: BrandProfile) -> None:
        self._profile = profile
        self._update()

    # ---- what the user chose -------------------------------------------------------------------------------

    def kinds(self) -> list[str]:
        return [kind for kind, box in self.sites.items() if box.isChecked()]

    def templates(self) -> list[str]:
        return self.phrases.toPlainText().splitlines()

    def chosen(self) -> list[PlannedSearch]:
        return plan_searches(
            self._profile,
            self.templates(),
            self.kinds(),
            self.include_brand.isChecked(),
            offers=list(self._offers.values()),
        )

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
                "each checked on its site's schedule while Earshot runs (F5 polls now)."
            )
        self.summary.setText(text)
        self.preview.clear()
        self.preview.addItems([s.name + _every(s.interval_minutes) for s in searches[:PREVIEW_ROWS]])
        if len(searches) > PREVIEW_ROWS:
            self.preview.addItem(f"… and {len(searches) - PREVIEW_ROWS} more")
        waiting = [o for o in self._offers.values() if not o.ready]
        notes = site_notes(self._offers, self.kinds())
        if waiting:
            labels = ", ".join(o.label for o in waiting)
            notes.append(
                f"Need a key: {labels}. Add one source of the kind with its key (Sources → Add source…) "
                "and it can be chosen here; its searches share that key."
            )
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.changed.emit()

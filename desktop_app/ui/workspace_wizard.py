"""The "Create a workspace" wizard: the brand, then suggested Google News searches to listen to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.core.models import BrandProfile

GOOGLE_NEWS = "https://news.google.com/rss/search?q={q}&hl=en-US&gl=US&ceid=US:en"
SEARCH_PATTERNS = ("{brand}", "I hate {brand}", "{brand} sucks", "{brand} scam", "{brand} refund")


def google_news_url(query: str) -> str:
    return GOOGLE_NEWS.format(q=quote_plus(query))


def suggested_searches(brand: str) -> list[tuple[str, str]]:
    """(source name, feed URL) for the plain brand and the complaint phrases."""
    brand = " ".join(brand.split())
    out = []
    for pattern in SEARCH_PATTERNS:
        phrase = pattern.format(brand=brand)
        out.append((f"Google News: {phrase}", google_news_url(f'"{phrase}"')))
    return out


def split_terms(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


def workspace_name_for(brand: str) -> str:
    name = re.sub(r"[^\w .-]+", "", brand).strip(" .")[:64]
    return name or "workspace"


@dataclass(slots=True)
class NewWorkspace:
    name: str
    profile: BrandProfile
    sources: list[tuple[str, str]] = field(default_factory=list)


class BrandPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("What should Earshot listen for?")
        self.setSubTitle("One workspace per brand or client. Separate several terms with commas.")
        form = QFormLayout(self)
        self.brand = QLineEdit()
        self.brand.setPlaceholderText("e.g. Bluebird Coffee")
        self.name = QLineEdit()
        self.name.setPlaceholderText("defaults to the brand")
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("e.g. Bluebird, @bluebirdcoffee")
        self.competitors = QLineEdit()
        self.competitors.setPlaceholderText("e.g. Starbucks, Blue Bottle")
        self.excluded = QLineEdit()
        self.excluded.setPlaceholderText("e.g. bluebird bird, bluebird bus")
        form.addRow("Brand:", self.brand)
        form.addRow("Workspace name:", self.name)
        form.addRow("Other names:", self.aliases)
        form.addRow("Competitors:", self.competitors)
        form.addRow("Exclude:", self.excluded)
        self.registerField("brand*", self.brand)

    def workspace_name(self) -> str:
        return self.name.text().strip() or workspace_name_for(self.brand.text())


class SourcesPage(QWizardPage):
    def __init__(self, brand_page: BrandPage) -> None:
        super().__init__()
        self._brand_page = brand_page
        self.setTitle("Where to listen")
        self.setSubTitle("Google News searches that catch complaints early. You can add feeds later.")
        self._layout = QVBoxLayout(self)
        self.checks: list[tuple[QCheckBox, str, str]] = []

    def initializePage(self) -> None:
        for box, _, _ in self.checks:
            box.deleteLater()
        self.checks = []
        for name, url in suggested_searches(self._brand_page.brand.text()):
            box = QCheckBox(name.removeprefix("Google News: "))
            box.setChecked(True)
            box.setToolTip(url)
            self._layout.addWidget(box)
            self.checks.append((box, name, url))
        note = QLabel("Sources are checked every 30 minutes while Earshot runs (F5 polls now).")
        note.setWordWrap(True)
        note.setObjectName("muted")
        self._layout.addWidget(note)
        self.checks_note = note

    def chosen(self) -> list[tuple[str, str]]:
        return [(name, url) for box, name, url in self.checks if box.isChecked()]


class WorkspaceWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create a workspace")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.brand_page = BrandPage()
        self.sources_page = SourcesPage(self.brand_page)
        self.addPage(self.brand_page)
        self.addPage(self.sources_page)
        self.setMinimumWidth(560)

    def result_value(self) -> NewWorkspace:
        page = self.brand_page
        profile = BrandProfile(
            brand=" ".join(page.brand.text().split()),
            aliases=split_terms(page.aliases.text()),
            competitors=split_terms(page.competitors.text()),
            excluded=split_terms(page.excluded.text()),
        )
        return NewWorkspace(page.workspace_name(), profile, self.sources_page.chosen())

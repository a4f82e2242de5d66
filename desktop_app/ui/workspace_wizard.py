"""The "Create a workspace" wizard: the brand, then suggested searches ("I hate <brand>", …) to listen to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.core.models import BrandProfile
from desktop_app.services.search_sources import PlannedSearch
from desktop_app.ui.search_picker import SearchPicker


def split_terms(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


def workspace_name_for(brand: str) -> str:
    name = re.sub(r"[^\w .-]+", "", brand).strip(" .")[:64]
    return name or "workspace"


@dataclass(slots=True)
class NewWorkspace:
    name: str
    profile: BrandProfile
    sources: list[PlannedSearch] = field(default_factory=list)


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

    def profile(self) -> BrandProfile:
        return BrandProfile(
            brand=" ".join(self.brand.text().split()),
            aliases=split_terms(self.aliases.text()),
            competitors=split_terms(self.competitors.text()),
            excluded=split_terms(self.excluded.text()),
        )


class SourcesPage(QWizardPage):
    def __init__(self, brand_page: BrandPage) -> None:
        super().__init__()
        self._brand_page = brand_page
        self.setTitle("Where to listen")
        self.setSubTitle(
            "Keyless searches that catch complaints early. Feeds, reviews and social sources can be added later."
        )
        layout = QVBoxLayout(self)
        self.picker = SearchPicker(self)
        layout.addWidget(self.picker)

    def initializePage(self) -> None:
        self.picker.set_profile(self._brand_page.profile())

    def chosen(self) -> list[PlannedSearch]:
        return self.picker.chosen()


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
        self.resize(660, 620)  # room for the phrases and the list of searches they make

    def result_value(self) -> NewWorkspace:
        page = self.brand_page
        return NewWorkspace(page.workspace_name(), page.profile(), self.sources_page.chosen())

"""Light and dark palettes (Fusion when forced), the system look otherwise, and a light stylesheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_ORIGINAL: dict[str, object] = {}
R = QPalette.ColorRole

DARK = {
    R.Window: "#202124", R.WindowText: "#e8eaed", R.Base: "#17181a", R.AlternateBase: "#26272a",
    R.ToolTipBase: "#303134", R.ToolTipText: "#e8eaed", R.Text: "#e8eaed", R.Button: "#2d2e31",
    R.ButtonText: "#e8eaed", R.BrightText: "#ffffff", R.Highlight: "#2f5fa7", R.HighlightedText: "#ffffff",
    R.Link: "#8ab4f8", R.LinkVisited: "#c58af9", R.PlaceholderText: "#9aa0a6", R.Mid: "#3c4043",
    R.Midlight: "#35363a", R.Dark: "#111213", R.Shadow: "#000000", R.Light: "#3c4043",
}  # fmt: skip
LIGHT = {
    R.Window: "#f6f7f9", R.WindowText: "#202124", R.Base: "#ffffff", R.AlternateBase: "#f4f5f7",
    R.ToolTipBase: "#ffffff", R.ToolTipText: "#202124", R.Text: "#202124", R.Button: "#f1f3f4",
    R.ButtonText: "#202124", R.BrightText: "#ffffff", R.Highlight: "#d2e3fc", R.HighlightedText: "#174ea6",
    R.Link: "#1a73e8", R.LinkVisited: "#8430ce", R.PlaceholderText: "#6f7479", R.Mid: "#c8cbd0",
    R.Midlight: "#e8eaed", R.Dark: "#9aa0a6", R.Shadow: "#5f6368", R.Light: "#ffffff",
}  # fmt: skip


def _palette(colours: dict[QPalette.ColorRole, str], dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#6f7378") if dark else QColor("#a0a4a8")
    for role in (R.Text, R.WindowText, R.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def stylesheet(dark: bool) -> str:
    border = "#3c4043" if dark else "#dadce0"
    side = "#1b1c1e" if dark else "#eef0f3"
    muted = "#9aa0a6" if dark else "#5f6368"
    banner = "#1f2d44" if dark else "#e8f0fe"
    spike = "#4a2f12" if dark else "#fdecd2"
    return f"""
QWidget#sidebar, QWidget#sidebar QTreeWidget {{ background: {side}; }}
QLabel#sidebarCaption {{ color: {muted}; font-size: 8pt; font-weight: 600; padding-left: 4px; }}
QLabel#muted {{ color: {muted}; }}
QLabel#sectionHeading {{ font-weight: 600; }}
QLabel#emptyState {{ color: {muted}; font-size: 12pt; padding: 24px; }}
QTreeWidget::item {{ padding: 3px 2px; }}
QTableView {{ border: none; }}
QHeaderView::section {{ padding: 4px 6px; border: none; border-bottom: 1px solid {border}; font-weight: 600; }}
QSplitter::handle {{ background: {border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QToolBar {{ spacing: 4px; padding: 3px; border-bottom: 1px solid {border}; }}
QLineEdit#search {{ padding: 4px 8px; border: 1px solid {border}; border-radius: 6px; min-width: 260px; }}
QPlainTextEdit#draft {{ border: 1px solid {border}; border-radius: 6px; padding: 4px; }}
QPlainTextEdit#draft:focus {{ border: 1px solid palette(highlight); }}
QPushButton#primaryButton {{ font-weight: 600; }}
QStatusBar QLabel#offline {{ color: #ffffff; background: #d93025; border-radius: 8px; padding: 1px 8px; }}
QFrame#dashCard, QFrame#dashTile {{ background: palette(base); border: 1px solid {border}; border-radius: 8px; }}
QFrame#dashCard QLabel, QFrame#dashTile QLabel {{ border: none; background: transparent; }}
QFrame#dashTile:hover, QFrame#dashTile:focus {{ border: 1px solid palette(highlight); }}
QLabel#dashValue {{ font-size: 18pt; font-weight: 600; }}
QPushButton#sidebarDashboard {{ text-align: left; padding: 5px 8px; border: 1px solid {border}; border-radius: 6px; }}
QPushButton#sidebarDashboard:hover {{ border: 1px solid palette(highlight); }}
QFrame#filterBanner {{ background: {banner}; border-bottom: 1px solid {border}; }}
QFrame#spikeBanner {{ background: {spike}; border-bottom: 1px solid {border}; }}
"""


def is_dark_palette(palette: QPalette) -> bool:
    return palette.color(R.Window).lightness() < 128


def apply_theme(app: QApplication, mode: str) -> bool:
    """Apply 'system', 'light' or 'dark'; return True when the result is dark."""
    if not _ORIGINAL:
        _ORIGINAL["style"] = app.style().name()
        _ORIGINAL["palette"] = QPalette(app.palette())
    if mode in ("light", "dark"):
        app.setStyle(QStyleFactory.create("Fusion"))
        dark = mode == "dark"
        app.setPalette(_palette(DARK if dark else LIGHT, dark))
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    else:
        app.setStyle(QStyleFactory.create(str(_ORIGINAL["style"])) or app.style())
        app.setPalette(_ORIGINAL["palette"])  # type: ignore[arg-type]
        dark = is_dark_palette(app.palette())
    app.setStyleSheet(stylesheet(dark))
    return dark

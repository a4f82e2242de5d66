"""The audit report as a PDF, printed by Qt from the report's HTML (no extra dependency)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter


def _ensure_app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1] or ["earshot"])
    assert isinstance(app, QGuiApplication)
    return app


def write_pdf(html: str, output: Path) -> None:
    """Print HTML (charts as SVG data images: QTextDocument draws those, not inline <svg>) to an A4 PDF."""
    _ensure_app()
    tmp = output.with_name(f".{output.name}.part")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # CSS pixels map to print pixels as on screen
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    document = QTextDocument()
    document.setDefaultFont(QFont("Sans Serif", 10))
    document.setHtml(html)
    document.setPageSize(printer.pageRect(QPrinter.Unit.DevicePixel).size())  # wrap to the page width
    document.print_(printer)
    tmp.replace(output)

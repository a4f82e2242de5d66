"""The house's import rule, read from the source: only desktop_app/ui imports Qt; layers point downward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"

# What each layer may import from desktop_app (config may be imported anywhere; app.py sees everything).
ALLOWED: dict[str, set[str]] = {
    "core": {"core", "config"},
    "config": {"config"},
    "secrets": {"secrets", "core", "config"},
    "sources": {"sources", "core", "config"},
    "scoring": {"scoring", "core", "config"},
    "drafting": {"drafting", "scoring", "core", "config"},
    "storage": {"storage", "core", "config"},
    "services": {"services", "sources", "scoring", "drafting", "storage", "secrets", "core", "config"},
    "ui": {"ui", "services", "sources", "scoring", "drafting", "storage", "secrets", "core", "config"},
    "selftest": {"config", "core", "secrets"},  # secrets: the encrypted key file's round trip
    # the CLI prints PDFs through desktop_app.ui.report_pdf (Qt), lazily, in that one command
    "cli": {
        "services",
        "sources",
        "scoring",
        "drafting",
        "storage",
        "secrets",
        "core",
        "config",
        "cli",
        "ui",
    },
}
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    if len(rel.parts) == 1:
        stem = rel.stem
        return "cli" if stem.startswith("cli") else stem
    return rel.parts[0]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_is_there() -> None:
    assert len(MODULES) > 20


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layering(path: Path) -> None:
    layer = _layer(path)
    for name in _imports(path):
        if name.split(".")[0] in QT_MODULES:
            assert layer == "ui" or path.name == "app.py", f"{path.relative_to(PACKAGE)} imports Qt ({name})"
        if not name.startswith("desktop_app.") or layer in ("app", "__init__"):
            continue
        target = name.split(".")[1]
        if target in ("__init__",) or name == "desktop_app":
            continue
        allowed = ALLOWED.get(layer)
        assert allowed is not None, f"unknown layer {layer!r} for {path}"
        assert target in allowed, f"{path.relative_to(PACKAGE)} ({layer}) must not import {name}"


def test_rule_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport desktop_app.ui.main_window\n")
    assert "PySide6.QtCore" in _imports(bad)
    assert "desktop_app.ui.main_window" in _imports(bad)

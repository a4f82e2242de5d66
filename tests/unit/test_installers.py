"""The installer inputs for every platform, checked here on any OS: files they name exist, versions agree,
icons hold the sizes each platform asks for, the Linux metadata is well formed, the macOS Info.plist is valid.

The Linux bundle itself is built and started by .ci/run (benchmarks/bundle.sh); Windows and macOS builds
need their own machines, so this is what can be proven about them from here.
"""

from __future__ import annotations

import ast
import configparser
import plistlib
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_app import __version__

REPO = Path(__file__).resolve().parents[2]
APP_ID = "app.earshot.Earshot"
LINUX = REPO / "resources" / "linux"
ICONS = REPO / "resources" / "icons"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_desktop_entry_is_complete_and_names_the_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "Earshot"
    assert entry["Icon"] == APP_ID and entry["Exec"].split()[0] == "earshot"
    assert entry["Terminal"] == "false" and entry["Categories"].endswith(";")


def test_appstream_metadata_matches_the_desktop_file_and_version() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("name") == "Earshot" and (root.findtext("summary") or "").strip()
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == __version__, "newest <release> must be the app's version"


def test_linux_icons_come_in_the_usual_sizes() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert png_size(ICONS / "png" / f"earshot-{size}.png") == (size, size)
    assert "<svg" in (ICONS / "earshot.svg").read_text(encoding="utf-8")


def test_windows_icon_holds_the_sizes_explorer_uses() -> None:
    data = (ICONS / "earshot.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = {(data[6 + 16 * i] or 256) for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_macos_icon_is_an_icns_with_retina_sizes() -> None:
    data = (ICONS / "earshot.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = set(), 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        kinds.add(kind.decode("ascii"))
        offset += length
    assert {"ic10"} & kinds or {"ic09"} & kinds, f"no 512/1024 px image in {sorted(kinds)}"


def test_inno_setup_script_points_at_real_files_and_the_app_version() -> None:
    script = REPO / "installers" / "windows" / "earshot.iss"
    text = script.read_text(encoding="utf-8")
    default_version = re.search(r'#define AppVersion "([^"]+)"', text)
    assert default_version and default_version.group(1) == __version__
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.M)
    assert icon and (script.parent / icon.group(1).strip().replace("\\", "/")).resolve().is_file()
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.M), "AppId must stay a fixed GUID"
    for needed in ("[Icons]", "{autoprograms}", "UninstallDisplayIcon=", "PrivilegesRequired=lowest"):
        assert needed in text


def test_macos_info_plist_from_the_spec_is_valid() -> None:
    spec = (REPO / "installers" / "earshot.spec").read_text(encoding="utf-8")
    call = re.search(r"info_plist=(\{.*?\n\s*\}),\n", spec, re.S)
    assert call, "the spec's BUNDLE has an info_plist"
    names = {"APP_NAME": "Earshot", "VERSION": __version__}
    tree = ast.parse(call.group(1), mode="eval")
    values = eval(compile(tree, "info_plist", "eval"), {"__builtins__": {}}, names)
    plist = plistlib.loads(plistlib.dumps(values))  # serialisable as a real Info.plist
    assert plist["CFBundleShortVersionString"] == __version__ and plist["CFBundlePackageType"] == "APPL"
    assert plist["NSHighResolutionCapable"] is True
    assert f'BUNDLE_ID = "{APP_ID}"' in spec


def test_build_scripts_exist_and_are_executable() -> None:
    for script in (
        "installers/linux/build.sh",
        "installers/linux/install.sh",
        "installers/macos/build_dmg.sh",
    ):
        path = REPO / script
        assert path.is_file() and path.stat().st_mode & 0o111, f"{script} must be executable"
        assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash")

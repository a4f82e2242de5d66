#!/usr/bin/env bash
# Build Earshot.app and a drag-to-Applications disk image on macOS:
#     installers/macos/build_dmg.sh            (PYTHON=... to use another interpreter)
# Produces dist/Earshot.app (Info.plist comes from installers/earshot.spec's BUNDLE section) and
# dist/Earshot-<version>-macos-<arch>.dmg. Build on each architecture you ship (arm64, x86_64): PyInstaller does
# not cross-compile, and the PySide6 wheels decide the minimum macOS version.
#
# Optional signing and notarization (needs an Apple Developer ID):
#     EARSHOT_CODESIGN_IDENTITY="Developer ID Application: ..."   signs the app (read by the spec) and the dmg
#     EARSHOT_NOTARY_PROFILE=<profile>   from `xcrun notarytool store-credentials`; submits and staples the dmg
# Without them PyInstaller signs ad hoc: the app runs on the build Mac; elsewhere Gatekeeper asks the user to
# allow it (right-click > Open).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop_app/__init__.py)"
ARCH="$(uname -m)"
APP="dist/Earshot.app"
DMG="dist/Earshot-${VERSION}-macos-${ARCH}.dmg"

"$PYTHON" -m PyInstaller installers/earshot.spec --noconfirm --distpath dist --workpath build

# A quick check that the bundle starts and finds its data before it is packed.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/Earshot" --self-test || echo "warning: the self-test reported failures (see above)" >&2

STAGE="build/dmg"
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Earshot $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${EARSHOT_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$EARSHOT_CODESIGN_IDENTITY" "$DMG"
fi
if [ -n "${EARSHOT_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$EARSHOT_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi
echo "built $DMG"

#!/usr/bin/env bash
# Build the Linux bundle and a tarball that installs per user:
#     installers/linux/build.sh            (from anywhere; PYTHON=... to use another interpreter)
# Produces dist/Earshot/ (the PyInstaller onedir bundle) and dist/Earshot-<version>-linux-<arch>.tar.gz with the
# bundle, the .desktop file, AppStream metainfo, hicolor icons and install.sh (copies into ~/.local).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
APP_ID="app.earshot.Earshot"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop_app/__init__.py)"
ARCH="$(uname -m)"
NAME="Earshot-${VERSION}-linux-${ARCH}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is missing: $PYTHON -m pip install 'pyinstaller>=6.10'" >&2
    exit 1
fi

"$PYTHON" -m PyInstaller installers/earshot.spec --noconfirm --distpath dist --workpath build

STAGE="build/linux-package/$NAME"
rm -rf "build/linux-package"
mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo" "$STAGE/share/icons/hicolor/scalable/apps"
cp -a dist/Earshot "$STAGE/Earshot"
cp resources/linux/$APP_ID.desktop "$STAGE/share/applications/"
cp resources/linux/$APP_ID.metainfo.xml "$STAGE/share/metainfo/"
cp resources/icons/earshot.svg "$STAGE/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in resources/icons/png/earshot-*.png; do
    size="$(basename "$png" .png)"
    size="${size#earshot-}"
    mkdir -p "$STAGE/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$STAGE/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
cp installers/linux/install.sh "$STAGE/install.sh"
chmod 755 "$STAGE/install.sh" "$STAGE/Earshot/Earshot"

TARBALL="dist/$NAME.tar.gz"
tar -C "build/linux-package" --owner=0 --group=0 -czf "$TARBALL" "$NAME"
echo "built $TARBALL ($(du -h "$TARBALL" | cut -f1)); unpack it and run ./install.sh"

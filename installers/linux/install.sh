#!/usr/bin/env bash
# Install Earshot for the current user (no root):   ./install.sh
# Remove it again:                                   ./install.sh --uninstall
# PREFIX defaults to ~/.local: the app goes to $PREFIX/lib/earshot, a launcher to $PREFIX/bin/earshot, the menu
# entry, metainfo and icons to $PREFIX/share. Your data folder (~/.local/share/earshot) is never touched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
APP_ID="app.earshot.Earshot"
APP_DIR="$PREFIX/lib/earshot"
BIN="$PREFIX/bin/earshot"
DESKTOP="$PREFIX/share/applications/$APP_ID.desktop"
METAINFO="$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
ICONS="$PREFIX/share/icons/hicolor"

refresh_caches() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN" "$DESKTOP" "$METAINFO"
    find "$ICONS" -name "$APP_ID.*" -path "*/apps/*" -delete 2>/dev/null || true
    refresh_caches
    echo "Earshot removed (your workspaces in ~/.local/share/earshot are kept)."
    exit 0
fi

rm -rf "$APP_DIR"
mkdir -p "$APP_DIR" "$(dirname "$BIN")" "$(dirname "$DESKTOP")" "$(dirname "$METAINFO")" "$ICONS"
cp -a "$HERE/Earshot/." "$APP_DIR/"
ln -sf "$APP_DIR/Earshot" "$BIN"
# Absolute paths: ~/.local/bin is not on every desktop session's PATH.
sed -e "s|^Exec=earshot|Exec=$APP_DIR/Earshot|" -e "s|^TryExec=earshot|TryExec=$APP_DIR/Earshot|" \
    "$HERE/share/applications/$APP_ID.desktop" >"$DESKTOP"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$METAINFO"
cp -r "$HERE/share/icons/hicolor/." "$ICONS/"
refresh_caches

echo "Earshot installed in $APP_DIR; start it from the applications menu or with: $BIN"
echo "Check the install with: $BIN --self-test"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "(add $PREFIX/bin to PATH to type 'earshot')" ;; esac

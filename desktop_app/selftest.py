"""`earshot --self-test`: check, one line each, that this install (from source or frozen) has what it needs.

    ok   sqlite with FTS5 (3.40.1)
    FAIL keyring backend: keyring.backends.fail.Keyring: no OS keyring found. Install ...

Exit code 0 when every check passes, 1 otherwise. Nothing here writes to the user's keyring or data folder.

Qt is the one check this module cannot run itself: only desktop_app/ui may import PySide6 (see
tests/unit/test_import_rules.py). desktop_app.launch passes a `qt_probe` (desktop_app.ui.qt_probe): it starts a
QApplication and imports desktop_app.ui.main_window. The probe
runs in a child process (`<same program> --self-test --qt-probe`) because a missing platform plugin makes
Qt abort the whole process (qFatal), which would leave no FAIL line and no advice.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.config.paths import resources_dir

QT_PROBE_FLAG = "--qt-probe"
QT_PROBE_PREFIX = "qt-platform: "
QT_PROBE_TIMEOUT_S = 60.0

REQUIRED_ICONS = ("earshot.svg", "png/earshot-256.png")
# Backends that keep no secret, refuse every call, or keep it in a file anyone with the disk can read.
INSECURE_BACKENDS = {
    "keyring.backends.fail.Keyring": "refuses every call",
    "keyring.backends.null.Keyring": "silently forgets every secret",
    "keyrings.alt.file.PlaintextKeyring": "stores secrets unencrypted in a file",
    "keyrings.alt.file.EncryptedKeyring": "is a file, not an OS keyring (Earshot's own encrypted key file is used "
    "only when chosen in Accounts & keys)",
}
KEY_FILE_OPTION = "; or choose the encrypted key file in Sources → Accounts & keys"
KEYRING_ADVICE = {
    "linux": (
        "install and unlock a Secret Service keyring (GNOME Keyring: `gnome-keyring`, or KeePassXC with "
        "Secret Service on) or KWallet, make sure a D-Bus session is running, then restart Earshot"
    ),
    "darwin": "the macOS Keychain should always be there; check that Earshot may use it (Keychain Access)",
    "win32": "Windows Credential Manager should always be there; check that the Credential Manager service runs",
}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    skipped: bool = False

    def line(self) -> str:
        status = "skip" if self.skipped else "ok  " if self.ok else "FAIL"
        return f"{status} {self.name}: {self.detail}"


def check_sqlite() -> Check:
    name = "sqlite with FTS5"
    try:
        con = sqlite3.connect(":memory:")
        try:
            con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
            con.execute("INSERT INTO t(body) VALUES ('they ignored my refund request')")
            hits = con.execute("SELECT count(*) FROM t WHERE t MATCH 'refund'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return Check(
            name, False, f"{exc} (SQLite {sqlite3.sqlite_version}); search needs an SQLite built with FTS5"
        )
    if hits != 1:
        return Check(
            name, False, f"FTS5 query found {hits} rows instead of 1 (SQLite {sqlite3.sqlite_version})"
        )
    return Check(name, True, sqlite3.sqlite_version)


def _backend_names(backend: object) -> list[str]:
    """The concrete backends behind `backend` (a ChainerBackend wraps several)."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        return [f"{type(b).__module__}.{type(b).__name__}" for b in backend.backends]
    return [f"{type(backend).__module__}.{type(backend).__name__}"]


def check_keyring(backend: object | None = None) -> Check:
    """Names the backend keyring chose. Read-only: it neither stores nor reads a secret."""
    name = "keyring backend"
    advice = KEYRING_ADVICE.get(sys.platform, KEYRING_ADVICE["linux"]) + KEY_FILE_OPTION
    forced = os.environ.get("PYTHON_KEYRING_BACKEND")
    if forced:
        advice += f"; PYTHON_KEYRING_BACKEND={forced} is set and overrides the choice: unset it"
    try:
        if backend is None:
            import keyring

            backend = keyring.get_keyring()
    except Exception as exc:
        return Check(name, False, f"keyring could not load a backend ({type(exc).__name__}: {exc}); {advice}")
    names = _backend_names(backend)
    if not names:
        return Check(name, False, f"no usable keyring backend; {advice}")
    bad = [n for n in names if n in INSECURE_BACKENDS]
    if bad:
        why = "; ".join(f"{n} {INSECURE_BACKENDS[n]}" for n in bad)
        return Check(name, False, f"{why}; Earshot keeps secrets only in an OS keyring: {advice}")
    return Check(name, True, ", ".join(names))


def check_key_file() -> Check:
    """The opt-in encrypted key file works in this install (keyrings.alt and its crypto are there): a round
    trip in a temporary folder, a wrong password refused, nothing in clear text, and the plaintext file backend
    still refused. Never the user's data folder."""
    import secrets
    import tempfile

    name = "encrypted key file"
    value = f"self-test-{secrets.token_hex(8)}"
    password = secrets.token_urlsafe(12)
    try:
        from keyrings.alt.file import PlaintextKeyring

        from desktop_app.secrets.backend import is_os_keyring
        from desktop_app.secrets.encrypted import WrongPassword, open_key_file

        with tempfile.TemporaryDirectory(prefix="earshot-selftest-") as tmp:
            path = Path(tmp) / "keys.cfg"
            ring = open_key_file(path, password, create=True)
            ring.set_password("earshot-selftest", "probe", value)
            if value.encode() in path.read_bytes():
                return Check(name, False, "a value was written in clear text")
            try:
                open_key_file(path, password + "x")
                return Check(name, False, "a wrong password was accepted")
            except WrongPassword:
                pass
            if open_key_file(path, password).get_password("earshot-selftest", "probe") != value:
                return Check(name, False, "a stored value did not read back")
            plaintext = PlaintextKeyring()
            plaintext.file_path = str(Path(tmp) / "plain.cfg")
            if is_os_keyring(plaintext) or is_os_keyring(ring):
                return Check(name, False, "a file backend would be taken for an OS keyring")
            scheme = ring.scheme
    except Exception as exc:
        return Check(
            name, False, f"{type(exc).__name__}: {exc}; it needs the keyrings.alt and pycryptodomex packages"
        )
    return Check(name, True, f"keyrings.alt EncryptedKeyring ({scheme}); plaintext refused")


def check_sentiment() -> Check:
    name = "sentiment data"
    try:
        from textblob import TextBlob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer().polarity_scores("I love it")["compound"]
        blob = TextBlob("I love it").sentiment.polarity
    except (ImportError, OSError, LookupError, TypeError) as exc:
        return Check(name, False, f"{type(exc).__name__}: {exc}; the VADER/TextBlob data files are missing")
    if vader <= 0 or blob <= 0:
        return Check(
            name, False, f"'I love it' scored VADER {vader:+.2f}, TextBlob {blob:+.2f}; expected > 0"
        )
    return Check(name, True, f"VADER {vader:+.2f}, TextBlob {blob:+.2f}")


def check_resources(root: Path | None = None) -> Check:
    name = "resources"
    root = resources_dir() if root is None else root
    demo = root / "demo" / "demo_workspace.json"
    try:
        json.loads(demo.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Check(name, False, f"{demo} is missing; the install is incomplete, reinstall Earshot")
    except (OSError, ValueError) as exc:
        return Check(name, False, f"{demo} does not parse ({exc}); reinstall Earshot")
    missing = [icon for icon in REQUIRED_ICONS if not (root / "icons" / icon).is_file()]
    if missing:
        return Check(
            name, False, f"icons missing under {root / 'icons'}: {', '.join(missing)}; reinstall Earshot"
        )
    return Check(name, True, str(root))


def _qt_probe_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "--self-test", QT_PROBE_FLAG]
    return [sys.executable, os.path.abspath(sys.argv[0]), "--self-test", QT_PROBE_FLAG]


def check_qt(command: Sequence[str] | None = None) -> Check:
    """Runs the probe in a child so that a Qt abort becomes a FAIL line."""
    platform = os.environ.get("QT_QPA_PLATFORM") or "default"
    name = f"Qt platform plugin ({platform})"
    try:
        done = subprocess.run(
            list(command or _qt_probe_command()),
            capture_output=True,
            text=True,
            timeout=QT_PROBE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check(name, False, f"could not run the Qt probe ({exc})")
    found = [ln[len(QT_PROBE_PREFIX) :] for ln in done.stdout.splitlines() if ln.startswith(QT_PROBE_PREFIX)]
    if done.returncode == 0 and found:
        return Check(name, True, found[-1])
    if done.returncode == 0:
        return Check(name, True, "started (the probe could not report the platform's name)")
    return Check(name, False, f"the Qt probe failed (exit {done.returncode}): {_qt_failure(done.stderr)}")


def _qt_failure(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    qt_lines = [ln for ln in lines if ln.startswith("qt.qpa") or "platform plugin" in ln]
    said = " | ".join(qt_lines or lines[-3:])[:600] or "no message"
    if not qt_lines:
        return f"{said}; the bundle may lack a Qt module the GUI imports (see installers/earshot.spec QT_MODULES)"
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return f"{said}; no display here (DISPLAY/WAYLAND_DISPLAY unset): set QT_QPA_PLATFORM=offscreen to test headless"
    return (
        f"{said}; on Linux install what Qt's xcb plugin needs (Debian/Ubuntu: libxcb-cursor0 libxkbcommon-x11-0 "
        "libegl1; Fedora: xcb-util-cursor), or try QT_QPA_PLATFORM=wayland"
    )


def _attach_windows_console() -> None:
    """A windowed Windows build has no stdout; borrow the console of the shell that started it, if any."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # -1: ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stderr = sys.stdout


def run_checks(qt_probe: Callable[[], str] | None = None, resources: Path | None = None) -> list[Check]:
    checks = [
        check_sqlite(),
        check_keyring(),
        check_key_file(),
        check_sentiment(),
        check_resources(resources),
    ]
    if qt_probe is None:
        checks.append(Check("Qt platform plugin", True, "not checked here (run `earshot --self-test`)", True))
    else:
        checks.append(check_qt())
    return checks


def main(
    argv: Sequence[str] | None = None,
    qt_probe: Callable[[], str] | None = None,
    resources: Path | None = None,
) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if QT_PROBE_FLAG in args:
        if qt_probe is None:
            print("no Qt probe was given", file=sys.stderr)
            return 1
        print(f"{QT_PROBE_PREFIX}{qt_probe()}", flush=True)
        return 0
    _attach_windows_console()
    from desktop_app import APP_NAME, __version__

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"{APP_NAME} {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    failed = 0
    for check in run_checks(qt_probe, resources):
        print(check.line(), flush=True)
        failed += not check.ok
    print("all checks passed" if not failed else f"{failed} check(s) failed")
    return 1 if failed else 0

"""Test-wide set-up: Qt offscreen, no user keyring, no user data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test touch the developer's own keyring or data folder.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("EARSHOT_HOME", None)

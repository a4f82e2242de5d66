"""Test-wide set-up: Qt offscreen, no user keyring, no user data folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The platform folders (where a chosen data folder is remembered, and the default data folder) point at a
# scratch folder, for this process and every subprocess a test starts.
_SCRATCH = tempfile.mkdtemp(prefix="earshot-tests-")
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)  # one run leaves no folder behind
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SCRATCH, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SCRATCH, "data")
# Never let a test touch the developer's own keyring or data folder.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("EARSHOT_HOME", None)

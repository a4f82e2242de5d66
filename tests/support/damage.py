"""Ways a workspace file gets damaged on disk, and the check that opening one behaves.

Shared by tests/storage/test_backups.py and benchmarks/reliability.py: plain Python, no pytest.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.errors import DamagedWorkspace
from desktop_app.storage.backups import list_backups, restore_backup
from desktop_app.storage.workspace import open_workspace, workspace_path
from tests.support.factories import add_source, make_workspace, mention, score, store

Damage = Callable[[bytes], bytes]
PAGE = 4096


def _scramble(data: bytes, start: int, length: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    out[start : start + length] = bytes(rng.randrange(256) for _ in range(min(length, len(data) - start)))
    return bytes(out)


DAMAGES: dict[str, Damage] = {
    "emptied (0 bytes)": lambda d: b"",
    "truncated inside the header": lambda d: d[:50],
    "truncated inside page 1": lambda d: d[:3000],
    "truncated to 10%": lambda d: d[: len(d) // 10],
    "truncated to half": lambda d: d[: len(d) // 2],
    "truncated to 90%": lambda d: d[: len(d) * 9 // 10],
    "last page cut short": lambda d: d[: len(d) - 100],
    "header zeroed": lambda d: bytes(100) + d[100:],
    "page 1 scrambled": lambda d: _scramble(d, 100, PAGE - 100),
    "a middle page scrambled": lambda d: _scramble(d, (len(d) // PAGE // 2) * PAGE, PAGE),
    "the last page scrambled": lambda d: _scramble(d, len(d) - PAGE, PAGE),
    "overwritten by a web page": lambda d: b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
    "random bytes": lambda d: _scramble(d, 0, len(d), seed=11),
}


def build_workspace(root: Path, mentions: int = 300) -> Path:
    """A closed workspace of `mentions` mentions with its automatic backup; returns its file."""
    with make_workspace(root) as ws:
        sid = add_source(ws)
        text = "Acme lost my parcel and nobody answers the phone. " * 20
        store(ws, [(mention(sid, i, text=text), score()) for i in range(mentions)])
    assert list_backups(root, "acme"), "closing the workspace made no backup"
    return workspace_path(root, "acme")


def damaged_open_problems(root: Path, damage: Damage, mentions: int = 300) -> list[str]:
    """Damage a workspace, open it, restore the offered backup: what went wrong (empty when all is well)."""
    path = build_workspace(root, mentions)
    path.write_bytes(damage(path.read_bytes()))
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    problems: list[str] = []
    try:
        open_workspace(root, "acme").close()
        return ["the damaged file opened as if nothing were wrong"]
    except DamagedWorkspace as exc:
        message = str(exc)
        if "Traceback" in message or "damaged" not in message or "backup" not in message:
            problems.append(f"unclear message: {message!r}")
        if exc.backup is None or exc.path != path or exc.name != "acme":
            problems.append("the error does not say which backup could replace the file")
        backup = exc.backup
    except Exception as exc:  # anything else would reach the user as a traceback
        return [f"{type(exc).__name__}: {exc}"]
    restore_backup(root, "acme", path, backup)
    with open_workspace(root, "acme") as ws:
        count = ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0]
        if count != mentions:
            problems.append(f"the restored workspace holds {count} mentions, not {mentions}")
    if not list(path.parent.glob("acme.damaged-*.earshot")):
        problems.append("the damaged file was not kept")
    return problems

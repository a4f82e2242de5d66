"""A known key in use, then a scan of every place it must never reach.

Shared by tests/cli/test_secrets_never_leak.py and benchmarks/reliability.py: plain Python, no pytest.
Two Mastodon sources use the key (one server accepts it, one rejects it); then mentions are exported,
a report written, the workspace packed; every file, archive member, failure message and log record is read.
"""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.store import MemorySecretStore, entry_name
from desktop_app.services import sources as source_service
from desktop_app.services.insights.portable import export_workspace
from desktop_app.services.insights.report import write_report
from desktop_app.services.mention_io import export_mentions
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage.workspace import create_workspace
from tests.support.http_server import make_server

KEY = "sk-test-9f8e7d6c5b4a-DO-NOT-LEAK"
PATH = "/api/v1/timelines/tag/acme"


def _statuses() -> bytes:
    status = {
        "id": "1001", "url": "https://social.example/@amy/1001", "created_at": "2026-11-20T10:00:00Z",
        "content": "<p>Acme lost my order again</p>", "spoiler_text": "", "favourites_count": 3,
        "reblogs_count": 1, "account": {"acct": "amy", "display_name": "Amy", "url": "https://social.example/@amy"},
    }  # fmt: skip
    return json.dumps([status]).encode()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))


def scan(root: Path, hosts: tuple[str, str] = ("127.0.0.41", "127.0.0.42")) -> dict[str, bool]:
    """Use the key, then look everywhere: {place: leaked}. Raises if the key was never really used."""
    records = _Records()
    records.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger()
    old_level = logger.level
    logger.addHandler(records)
    logger.setLevel(logging.DEBUG)
    good, bad = make_server(hosts[0]), make_server(hosts[1])
    good.route(PATH, _statuses(), headers={"Content-Type": "application/json"})
    bad.route(PATH, b'{"error": "The access token is invalid"}', status=401)
    secrets = MemorySecretStore()
    places: dict[str, bool] = {}
    needle = KEY.encode()
    try:
        ws = create_workspace(root, "acme", BrandProfile("Acme"))
        for name, server in (("Good", good), ("Bad", bad)):
            ref = entry_name("acme", name, "access_token")
            secrets.set(ref, KEY)
            source_service.add_source(
                ws, kind="mastodon", name=name,
                config={"server": server.url(""), "hashtag": "acme", "access_token": ref},
            )  # fmt: skip
        poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), secrets=secrets)
        report = poller.poll_due()
        poller.close()
        if report.added != 1 or len(report.failed) != 1:
            raise AssertionError(f"the scenario did not run as planned: {report}")
        if good.headers_of(PATH)[0].get("authorization") != f"Bearer {KEY}":
            raise AssertionError("the key was never sent: the scan would prove nothing")
        outputs = {"CSV export": root / "m.csv", "JSON export": root / "m.json", "HTML report": root / "r.html",
                   "workspace pack": root / "ws.pack"}  # fmt: skip
        export_mentions(ws, "csv", outputs["CSV export"])
        export_mentions(ws, "json", outputs["JSON export"])
        write_report(ws, None, None, "html", outputs["HTML report"])
        export_workspace(ws, outputs["workspace pack"])
        wal = ws.path.with_name(ws.path.name + "-wal")
        places["database WAL (while open)"] = not wal.exists() or needle in wal.read_bytes()
        places["database (while open)"] = needle in ws.path.read_bytes()
        ws.close()
        places["failure messages"] = any(KEY in (o.error or "") for o in report.failed)
        for label, path in outputs.items():
            places[label] = needle in path.read_bytes()
        with zipfile.ZipFile(outputs["workspace pack"]) as archive:
            for member in archive.namelist():
                places[f"workspace pack member {member}"] = needle in archive.read(member)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            places[f"file {path.relative_to(root)}"] = needle in path.read_bytes()
    finally:
        good.stop()
        bad.stop()
        logger.removeHandler(records)
        logger.setLevel(old_level)
    places["log records"] = any(KEY in text for text in records.texts)
    return places


def typed_key_problems(data_dir: Path) -> list[str]:
    """`main.py source add --field access_token=KEY`: refused in plain words, and stored nowhere."""
    from tests.support.crash import cli, prepare_data_dir

    prepare_data_dir(data_dir)
    if cli(data_dir, "init", "acme", "--brand", "Acme").returncode != 0:
        return ["init failed"]
    typed = cli(data_dir, "source", "add", "acme", "--kind", "mastodon", "--field", "server=https://social.example",
                "--field", "hashtag=acme", "--field", f"access_token={KEY}")  # fmt: skip
    problems = []
    if typed.returncode == 0 or "command line" not in typed.stderr:
        problems.append(f"not refused: exit {typed.returncode}, {typed.stderr[-200:]!r}")
    if KEY in typed.stdout + typed.stderr:
        problems.append("the key was echoed back")
    problems += [
        f"the key is in {p.name}"
        for p in data_dir.rglob("*")
        if p.is_file() and KEY.encode() in p.read_bytes()
    ]
    return problems

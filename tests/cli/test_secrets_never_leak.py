"""A known key in use: its value appears nowhere — database, WAL, exports, reports, workspace files, logs."""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

import pytest

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


def _statuses() -> bytes:
    status = {
        "id": "1001", "url": "https://social.example/@amy/1001", "created_at": "2026-11-20T10:00:00Z",
        "content": "<p>Acme lost my order again</p>", "spoiler_text": "", "favourites_count": 3,
        "reblogs_count": 1, "account": {"acct": "amy", "display_name": "Amy", "url": "https://social.example/@amy"},
    }  # fmt: skip
    return json.dumps([status]).encode()


def test_a_key_in_use_never_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    good, bad = make_server("127.0.0.41"), make_server("127.0.0.42")
    good.route("/api/v1/timelines/tag/acme", _statuses(), headers={"Content-Type": "application/json"})
    bad.route("/api/v1/timelines/tag/acme", b'{"error": "The access token is invalid"}', status=401)
    secrets = MemorySecretStore()
    try:
        ws = create_workspace(tmp_path, "acme", BrandProfile("Acme"))
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
        assert report.added == 1 and len(report.failed) == 1
        assert (
            good.headers_of("/api/v1/timelines/tag/acme")[0]["authorization"] == f"Bearer {KEY}"
        )  # it was used

        outputs = [tmp_path / "m.csv", tmp_path / "m.json", tmp_path / "r.html", tmp_path / "ws.pack"]
        export_mentions(ws, "csv", outputs[0])
        export_mentions(ws, "json", outputs[1])
        write_report(ws, None, None, "html", outputs[2])
        export_workspace(ws, outputs[3])
        failures = [o.error or "" for o in report.failed]
        wal = ws.path.with_name(ws.path.name + "-wal")
        assert wal.exists()  # checked while the workspace is open, before a checkpoint folds it away
        assert KEY.encode() not in wal.read_bytes() + ws.path.read_bytes()
        ws.close()
    finally:
        good.stop()
        bad.stop()

    needle = KEY.encode()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".earshot" for p in files)
    for path in files:
        assert needle not in path.read_bytes(), f"the key leaked into {path.name}"
    with zipfile.ZipFile(outputs[3]) as archive:
        for member in archive.namelist():
            assert needle not in archive.read(member), f"the key leaked into {member} of the workspace file"
    assert all(KEY not in text for text in failures)
    assert KEY not in caplog.text

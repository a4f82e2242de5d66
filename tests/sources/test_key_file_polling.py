"""Polling with the encrypted key file: while it is locked a keyed source fails with plain words (and the
Accounts & keys rows say "Key file locked"); once unlocked, those sources are due again and poll with the key."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.encrypted import EncryptedFileSession, EncryptedFileStore
from desktop_app.services import accounts
from desktop_app.services import sources as source_service
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage.queries import get_source
from desktop_app.storage.workspace import Workspace, create_workspace
from tests.sources.keyed_support import serve_api
from tests.support.api_server import ApiServer, answer

api_server = pytest.fixture(serve_api, name="api_server")
KEY = "yelp-key-in-the-file-77aa"
PASSWORD = "poll master password"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path, "acme", BrandProfile("Acme"))
    yield workspace
    workspace.close()


def test_locked_then_unlocked(ws: Workspace, api_server: ApiServer, tmp_path: Path) -> None:
    session = EncryptedFileSession()
    session.configure(tmp_path)
    session.create(PASSWORD)
    store = EncryptedFileStore(session)
    config = {"business_id": "acme", "api_base": api_server.url("")}
    yelp, _ = source_service.add_source(ws, kind="yelp", config=config, name="Yelp")
    accounts.set_key(ws, store, yelp, "api_key", KEY)
    review = {"id": "r1", "url": "https://www.yelp.com/biz/acme?hrid=r1", "text": "Acme lost my order",
              "rating": 1, "time_created": "2026-11-20 09:00:00", "user": {"id": "u", "name": "Sam"}}  # fmt: skip
    reviews = answer(200, {"reviews": [review], "total": 1})
    api_server.route("/businesses/acme/reviews", handler=reviews)

    session.lock()  # the next start of the app, before the password was given
    assert [r.state for r in accounts.key_rows(ws, store)] == [accounts.LOCKED]
    poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), secrets=store)
    try:
        report = poller.poll_due()
        assert report.failed and report.failed[0].error_kind == "keys_locked"
        assert "locked" in (report.failed[0].error or "") and not reviews.calls
        row = get_source(ws.reader(), source_id=yelp)
        assert row is not None and row["next_poll_at"] > time.time()

        session.unlock(PASSWORD)
        assert accounts.retry_locked_sources(ws) == 1
        row = get_source(ws.reader(), source_id=yelp)
        assert row is not None and row["next_poll_at"] <= time.time()
        again = poller.poll_due()
    finally:
        poller.close()
    assert again.added == 1, again.failed
    assert reviews.calls[0].headers["authorization"] == f"Bearer {KEY}"
    assert accounts.retry_locked_sources(ws) == 0

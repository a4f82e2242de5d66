"""Removing sources takes along the keys no other source uses (unless asked to keep them); a key shared by
several sources of a kind stays until the last one goes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.secrets.encrypted import EncryptedFileSession, EncryptedFileStore
from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services.accounts import set_key
from desktop_app.services.source_removal import keys_only_theirs, remove_sources, remove_with_keys
from desktop_app.services.sources import add_source, source_records
from desktop_app.storage.workspace import Workspace
from tests.support.factories import make_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


def brave(ws: Workspace, n: int) -> int:
    source_id, _name = add_source(ws, kind="brave", config={"query": f"acme sucks {n}"}, name=f"Brave {n}")
    return source_id


def test_a_key_only_this_source_uses_is_removed_with_it(ws: Workspace) -> None:
    store = MemorySecretStore()
    yelp, _ = add_source(ws, kind="yelp", config={"business_id": "acme-cafe"}, name="Yelp")
    entry = set_key(ws, store, yelp, "api_key", "yelp-key")
    assert [k.entry for k in keys_only_theirs(ws, [yelp])] == [entry]
    removal = remove_sources(ws, store, [yelp])
    assert removal.names == ["Yelp"] and store.get(entry) is None
    assert removal.key_lines() == ["Removed the API key of Yelp from the keyring."]
    assert "yelp-key" not in removal.sentence()


def test_keep_the_key_when_asked(ws: Workspace) -> None:
    store = MemorySecretStore()
    yelp, _ = add_source(ws, kind="yelp", config={"business_id": "acme-cafe"}, name="Yelp")
    entry = set_key(ws, store, yelp, "api_key", "yelp-key")
    removal = remove_sources(ws, store, [yelp], remove_keys=False)
    assert store.get(entry) == "yelp-key"
    assert removal.key_lines() == ["Kept the API key of Yelp in the keyring (as asked)."]


def test_a_shared_key_stays_until_the_last_source_goes(ws: Workspace) -> None:
    store = MemorySecretStore()
    ids = [brave(ws, n) for n in range(3)]
    entry = set_key(ws, store, ids[0], "api_key", "brave-shared", same_kind=True)
    assert keys_only_theirs(ws, [ids[0]]) == []
    first = remove_sources(ws, store, [ids[0]])
    assert store.get(entry) == "brave-shared"
    assert first.key_lines() == ["Kept the API key of Brave 0 in the keyring (another source uses it)."]
    assert keys_only_theirs(ws, [ids[1]]) == []
    both = [k.entry for k in keys_only_theirs(ws, ids[1:])]
    assert both == [entry]  # removing the last two together frees it
    remove_sources(ws, store, [ids[1]])
    assert store.get(entry) == "brave-shared"
    last = remove_sources(ws, store, [ids[2]])
    assert store.get(entry) is None and last.keys_removed and not last.keys_kept


def test_a_source_without_a_key_opens_no_keyring(ws: Workspace) -> None:
    feed, _ = add_source(ws, kind="rss", config={"url": "https://feed.example/rss"}, name="Feed")

    def no_keyring() -> MemorySecretStore:
        raise AssertionError("no key to remove: the keyring must not be opened")

    removal = remove_with_keys(ws, no_keyring, [feed])
    assert removal.names == ["Feed"] and removal.key_lines() == []
    assert source_records(ws) == []


def test_a_locked_key_file_keeps_the_key_and_says_why(ws: Workspace, tmp_path: Path) -> None:
    session = EncryptedFileSession()
    session.configure(tmp_path / "data")
    session.create("master password 1")
    store = EncryptedFileStore(session)
    yelp, _ = add_source(ws, kind="yelp", config={"business_id": "acme-cafe"}, name="Yelp")
    entry = set_key(ws, store, yelp, "api_key", "yelp-key")
    session.lock()
    removal = remove_sources(ws, store, [yelp])
    assert removal.names == ["Yelp"] and not removal.keys_removed
    assert "locked" in removal.key_lines()[0]
    session.unlock("master password 1")
    assert store.get(entry) == "yelp-key"

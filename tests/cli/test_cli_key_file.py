"""The CLI with the encrypted key file chosen in the app: EARSHOT_KEYRING_PASSWORD unlocks it for scripts,
`source add --secret` stores into it (never in clear), `poll` reads from it, and a wrong or missing password
is said plainly. The file is keyrings.alt's real EncryptedKeyring in the test's data folder."""

from __future__ import annotations

import pytest

from desktop_app.secrets.encrypted import EncryptedFileSession, EncryptedFileStore, key_file_path
from tests.cli.conftest import Cli, Result
from tests.support.api_server import ApiServer, answer

KEY = "yelp-cli-key-b41c-ONLY-ENCRYPTED"
PASSWORD = "script master password"


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> ApiServer:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = ApiServer("127.0.0.1")
    yield server  # type: ignore[misc]
    server.stop()


@pytest.fixture
def key_file(cli: Cli) -> EncryptedFileSession:
    session = EncryptedFileSession()
    session.configure(cli.data_dir)
    session.create(PASSWORD)  # what "Use an encrypted file instead…" does in the app
    session.lock()
    return session


def add_yelp(cli: Cli, api: ApiServer) -> Result:
    return cli("source", "add", "acme", "--kind", "yelp", "--label", "Yelp", "--field", "business_id=acme-cafe",
               "--field", f"api_base={api.url('')}", "--secret", "api_key", stdin=KEY + "\n")  # fmt: skip


def test_the_password_from_the_environment_unlocks_the_key_file(
    cli: Cli, api: ApiServer, key_file: EncryptedFileSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    monkeypatch.setenv("EARSHOT_KEYRING_PASSWORD", PASSWORD)
    added = add_yelp(cli, api)
    assert added.code == 0, added.err
    assert KEY not in added.out + added.err
    key_file.unlock(PASSWORD)
    assert EncryptedFileStore(key_file).get("acme/Yelp/api_key") == KEY
    assert KEY.encode() not in key_file_path(cli.data_dir).read_bytes()

    review = {"id": "r1", "url": "https://www.yelp.com/biz/acme-cafe?hrid=r1", "text": "Acme lost my order",
              "rating": 1, "time_created": "2026-11-20 09:00:00", "user": {"id": "u", "name": "Sam"}}  # fmt: skip
    reviews = answer(200, {"reviews": [review], "total": 1})
    api.route("/businesses/acme-cafe/reviews", handler=reviews)
    polled = cli("poll", "acme", "--once")
    assert polled.code == 0, polled.err
    assert reviews.calls and reviews.calls[0].headers["authorization"] == f"Bearer {KEY}"
    everything = b"".join(p.read_bytes() for p in cli.data_dir.rglob("*") if p.is_file())
    assert KEY.encode() not in everything and PASSWORD.encode() not in everything


def test_a_wrong_or_missing_password_is_refused_plainly(
    cli: Cli, api: ApiServer, key_file: EncryptedFileSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    monkeypatch.delenv("EARSHOT_KEYRING_PASSWORD", raising=False)
    missing = add_yelp(cli, api)  # standard input is a pipe: no terminal to ask on
    assert missing.code != 0 and "EARSHOT_KEYRING_PASSWORD" in missing.err and "Traceback" not in missing.err
    monkeypatch.setenv("EARSHOT_KEYRING_PASSWORD", "not the password")
    wrong = add_yelp(cli, api)
    assert wrong.code != 0 and "Wrong password" in wrong.err and "not the password" not in wrong.err
    assert cli("source", "list", "acme", "--json").json() == []  # nothing half-added


def test_source_remove_says_whether_the_key_went_or_stayed(
    cli: Cli, api: ApiServer, key_file: EncryptedFileSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    monkeypatch.setenv("EARSHOT_KEYRING_PASSWORD", PASSWORD)
    assert add_yelp(cli, api).code == 0
    kept = cli("source", "remove", "acme", "Yelp", "--keep-key")
    assert kept.code == 0, kept.err
    assert (
        "Removed source 'Yelp'" in kept.out
        and "Kept the API key of Yelp in the keyring (as asked)" in kept.out
    )
    key_file.unlock(PASSWORD)
    assert EncryptedFileStore(key_file).get("acme/Yelp/api_key") == KEY

    assert add_yelp(cli, api).code == 0  # the same name: the same entry, stored again
    monkeypatch.delenv("EARSHOT_KEYRING_PASSWORD")
    locked = cli("source", "remove", "acme", "Yelp")
    assert locked.code != 0 and "--keep-key" in locked.err
    assert [s["name"] for s in cli("source", "list", "acme", "--json").json()] == ["Yelp"]  # not removed
    monkeypatch.setenv("EARSHOT_KEYRING_PASSWORD", PASSWORD)
    removed = cli("source", "remove", "acme", "Yelp")
    assert removed.code == 0, removed.err
    assert "Removed the API key of Yelp from the keyring." in removed.out and KEY not in removed.out
    assert EncryptedFileStore(key_file).get("acme/Yelp/api_key") is None

"""`source add ... --secret NAME`: the value comes from standard input, lands only in the keyring
(a keyrings.alt file backend in a temporary folder here), and `poll` sends it to the API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.secrets.backend import TEST_BACKEND_ENV
from tests.cli.conftest import Cli, Result
from tests.support.api_server import ApiServer, answer

KEY = "yelp-cli-key-7f3e9a1b-NEVER-ON-ARGV"


@pytest.fixture
def keyring_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tests' keyring hook: a keyrings.alt file backend under tmp (never the real keyring). Named through
    PYTHON_KEYRING_BACKEND it would be refused, as a user's plaintext backend is."""
    home = tmp_path / "xdg"
    home.mkdir()
    monkeypatch.setenv(TEST_BACKEND_ENV, "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def api() -> ApiServer:
    server = ApiServer("127.0.0.1")
    yield server  # type: ignore[misc]
    server.stop()


def stored(home: Path, entry: str) -> str | None:
    from keyrings.alt.file import PlaintextKeyring

    ring = PlaintextKeyring()
    assert str(ring.file_path).startswith(str(home))
    value: str | None = ring.get_password("earshot-desktop", entry)
    return value


def everything_written(cli: Cli) -> bytes:
    return b"".join(p.read_bytes() for p in cli.data_dir.rglob("*") if p.is_file())


def add_yelp(cli: Cli, api: ApiServer, *extra: str, stdin: str | None = KEY + "\n") -> Result:
    return cli("source", "add", "acme", "--kind", "yelp", "--label", "Yelp", "--field", "business_id=acme-cafe",
               "--field", f"api_base={api.url('')}", *extra, stdin=stdin)  # fmt: skip


def test_secret_from_stdin_goes_to_the_keyring_and_is_used_by_poll(
    cli: Cli, api: ApiServer, keyring_home: Path
) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    added = add_yelp(cli, api, "--secret", "api_key")
    assert added.code == 0, added.err
    assert "Added source 'Yelp'" in added.out and KEY not in added.out + added.err
    assert stored(keyring_home, "acme/Yelp/api_key") == KEY
    conn = sqlite3.connect(cli.data_dir / "workspaces" / "acme.earshot")
    (config,) = conn.execute("SELECT config FROM sources WHERE name = 'Yelp'").fetchone()
    conn.close()
    assert '"api_key": "acme/Yelp/api_key"' in config

    review = {"id": "r1", "url": "https://www.yelp.com/biz/acme-cafe?hrid=r1", "text": "Acme lost my order",
              "rating": 1, "time_created": "2026-11-20 09:00:00", "user": {"id": "u", "name": "Sam"}}  # fmt: skip
    reviews = answer(200, {"reviews": [review], "total": 1})
    api.route("/businesses/acme-cafe/reviews", handler=reviews)
    polled = cli("poll", "acme", "--once")
    assert polled.code == 0, polled.err
    assert reviews.calls and reviews.calls[0].headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in polled.out + polled.err
    assert KEY.encode() not in everything_written(cli)


def test_secret_must_come_from_stdin_and_be_a_secret_field(
    cli: Cli, api: ApiServer, keyring_home: Path
) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    nothing = add_yelp(cli, api, "--secret", "api_key", stdin="")
    assert nothing.code != 0 and "standard input" in nothing.err
    wrong = add_yelp(cli, api, "--secret", "business_id")
    assert wrong.code != 0 and "no secret business_id" in wrong.err
    on_argv = add_yelp(cli, api, "--field", "api_key=oops", "--secret", "api_key")
    assert on_argv.code != 0 and "--secret api_key" in on_argv.err and "oops" not in on_argv.err
    listed = cli("source", "list", "acme", "--json").json()
    assert listed == []  # nothing half-added


def test_without_a_keyring_the_source_is_not_added(
    cli: Cli, api: ApiServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert cli("init", "acme", "--brand", "Acme").code == 0
    refused = add_yelp(cli, api, "--secret", "api_key")
    assert refused.code != 0 and KEY not in refused.out + refused.err
    assert "The key was not saved" in refused.err and "Traceback" not in refused.err
    assert cli("source", "list", "acme", "--json").json() == []
    assert KEY.encode() not in everything_written(cli)


def test_an_explicit_plaintext_backend_is_refused(
    cli: Cli, api: ApiServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "xdg"
    home.mkdir()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert cli("init", "acme", "--brand", "Acme").code == 0
    refused = add_yelp(cli, api, "--secret", "api_key")
    assert refused.code != 0 and "The key was not saved" in refused.err
    assert "not an OS keyring" in refused.err and "PYTHON_KEYRING_BACKEND" in refused.err
    assert not list(home.rglob("*.cfg")) and cli("source", "list", "acme", "--json").json() == []


def test_kinds_lists_the_keyed_sources_with_secret_fields(cli: Cli) -> None:
    kinds = {k["kind"]: k for k in cli("source", "kinds", "--json").json()}
    for kind in ("reddit", "bluesky", "youtube", "google_places", "yelp", "trustpilot", "brave", "x_search"):
        assert any(f["kind"] == "secret" for f in kinds[kind]["fields"]), kind
        assert kinds[kind]["required_secrets"], kind  # what --secret must give
    assert kinds["reddit"]["required_secrets"] == ["client_id", "client_secret"]
    assert kinds["rss"]["required_secrets"] == [] and "$" in kinds["x_search"]["cost_notice"]


def test_adding_a_paid_source_says_what_it_costs(cli: Cli, keyring_home: Path) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    paid = cli("source", "add", "acme", "--kind", "x_search", "--field", "query=Acme", "--secret", "bearer_token",
               stdin="x-token-for-a-test\n")  # fmt: skip
    assert paid.code == 0, paid.err
    assert "$" in paid.err and "Added source" in paid.out  # the cost on stderr, where a script's log keeps it
    free = cli("source", "add", "acme", "--kind", "rss", "--url", "https://feed.example/rss")
    assert free.code == 0 and "$" not in free.err

"""`inbox --status new|responded|archived|snoozed|all` and `--search`, end to end on a real workspace."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from desktop_app.core.models import Status
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import open_workspace
from tests.cli.conftest import Cli

ROWS = {
    "a": "Acme billed me twice, I want a refund",
    "b": "Acme refund arrived, thanks",
    "c": "Acme latte was cold",
    "d": "Acme opened a new shop",
    "e": "Acme's app crashes on login",
}


def _setup(cli: Cli, tmp_path: Path) -> dict[str, int]:
    cli("init", "acme", "--brand", "Acme")
    f = tmp_path / "rows.csv"
    with f.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("uid", "text"), *ROWS.items()])
    assert cli("import", "acme", str(f)).code == 0
    with open_workspace(cli.data_dir, "acme") as ws:
        ids = {r["text"]: r["id"] for r in ws.reader().execute("SELECT id, text FROM mentions")}
        by_key = {k: ids[t] for k, t in ROWS.items()}
        triage = TriageService(ws)
        triage.set_status([by_key["b"]], Status.RESPONDED).result()
        triage.set_status([by_key["c"]], Status.ARCHIVED).result()
        triage.set_status([by_key["d"]], Status.SNOOZED, snoozed_until=int(time.time()) + 86_400).result()
    return by_key


def _texts(cli: Cli, *args: str) -> set[str]:
    r = cli("inbox", "acme", "--json", *args)
    assert r.code == 0, r.err
    return {m["text"] for m in r.json()}


def test_status_filters(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    assert _texts(cli) == {ROWS["a"], ROWS["e"]}  # new is the default
    assert _texts(cli, "--status", "new") == {ROWS["a"], ROWS["e"]}
    assert _texts(cli, "--status", "responded") == {ROWS["b"]}
    assert _texts(cli, "--status", "archived") == {ROWS["c"]}
    assert _texts(cli, "--status", "snoozed") == {ROWS["d"]}
    assert _texts(cli, "--status", "all") == set(ROWS.values())
    statuses = {m["text"]: m["status"] for m in cli("inbox", "acme", "--json", "--status", "all").json()}
    assert statuses[ROWS["b"]] == "responded" and statuses[ROWS["d"]] == "snoozed"
    bad = cli("inbox", "acme", "--status", "deleted")
    assert bad.code != 0 and "invalid choice" in bad.err and "Traceback" not in bad.err


def test_search_words_within_a_status(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    assert _texts(cli, "--search", "refund") == {ROWS["a"]}  # b is responded
    assert _texts(cli, "--search", "refund", "--status", "all") == {ROWS["a"], ROWS["b"]}
    assert _texts(cli, "--search", "REFUND twice", "--status", "all") == {ROWS["a"]}  # every word, any case
    assert _texts(cli, "--search", "crash", "--status", "all") == {ROWS["e"]}  # a word's start matches
    assert _texts(cli, "--search", "pizza", "--status", "all") == set()
    for odd in ('"unbalanced', "AND OR NOT", "*", "acme's", "-", "NEAR(", "col:on"):
        r = cli("inbox", "acme", "--json", "--status", "all", "--search", odd)
        assert r.code == 0 and "Traceback" not in r.err, (odd, r.err)


def test_limit_and_plain_output(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    assert len(cli("inbox", "acme", "--json", "--status", "all", "--limit", "2").json()) == 2
    plain = cli("inbox", "acme", "--status", "archived")
    assert plain.code == 0 and "latte was cold" in plain.out
    assert "Nothing here." in cli("inbox", "acme", "--search", "pizza").out

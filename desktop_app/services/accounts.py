"""Accounts & keys: every source field that holds a secret, its state, and add / replace / remove / test.

Values go only to the SecretStore (the OS keyring); the source's config keeps the entry name. Nothing here
logs, returns or raises a secret value. Every function may block (keyring, network): callers run them in a
worker thread.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from desktop_app.core.errors import AuthError, EarshotError, UserError
from desktop_app.secrets.store import SecretStore, entry_name
from desktop_app.sources.connection import ConnectionResult, test_connection
from desktop_app.sources.http import HttpClient
from desktop_app.sources.keyed import METERS_SETTING, usage_text
from desktop_app.sources.registry import CONNECTORS, get_connector
from desktop_app.storage import source_writes
from desktop_app.storage.queries import get_source, list_sources
from desktop_app.storage.workspace import Workspace

STORED, MISSING, REJECTED, OPTIONAL, NO_KEYRING = "stored", "missing", "rejected", "not set", "no keyring"
LOCKED = "locked"
STATE_WORDS = {
    STORED: "Key stored",
    MISSING: "Key missing",
    REJECTED: "Key rejected",
    OPTIONAL: "Not set (optional)",
    NO_KEYRING: "No OS keyring",
    LOCKED: "Key file locked",
}


@dataclass(frozen=True, slots=True)
class KeyRow:
    source_id: int
    source_name: str
    kind: str
    kind_label: str
    field: str
    field_label: str
    help: str
    required: bool
    state: str  # one of STATE_WORDS
    detail: str = ""  # the last auth error
    usage: str = ""  # the quota or usage meter (YouTube, X), in words

    @property
    def state_text(self) -> str:
        return STATE_WORDS.get(self.state, self.state)


def _secret_fields(kind: str) -> list[Any]:
    connector = CONNECTORS.get(kind)
    return [f for f in getattr(connector, "fields", ()) if f.kind == "secret"]


def _number(value: Any) -> float:
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 0.0


def key_rows(ws: Workspace, store: SecretStore | None) -> list[KeyRow]:
    """One row per secret field of every source that has one, in the sources' order."""
    rows: list[KeyRow] = []
    locked = bool(getattr(store, "locked", False))  # the encrypted key file, before its password is given
    meters = ws.setting(METERS_SETTING) or {}  # one usage meter per keyring entry (YouTube, X)
    for source in list_sources(ws.reader()):
        fields = _secret_fields(source["kind"])
        if not fields:
            continue
        connector = CONNECTORS[source["kind"]]
        needed = set(getattr(connector, "required_secrets", ()))
        config = json.loads(source["config"] or "{}")
        rejected = source["last_error_kind"] == AuthError.kind
        for spec in fields:
            entry = config.get(spec.name)
            has = bool(entry) and store is not None and not locked and store.get(str(entry)) is not None
            if store is None:
                state = NO_KEYRING
            elif locked:
                state = LOCKED
            elif not has:
                state = MISSING if spec.name in needed else OPTIONAL
            else:
                state = REJECTED if rejected else STORED
            rows.append(
                KeyRow(
                    source_id=int(source["id"]),
                    source_name=str(source["name"]),
                    kind=str(source["kind"]),
                    kind_label=connector.label,
                    field=spec.name,
                    field_label=spec.label,
                    help=spec.help,
                    required=spec.name in needed,
                    state=state,
                    detail=str(source["last_error"] or "") if rejected else "",
                    usage=usage_text(
                        source["cursor"],
                        _number(config.get("cost_per_read")),
                        shared=meters.get(str(config.get(getattr(connector, "meter_secret", "")) or "")),
                    ),
                )
            )
    return rows


def has_key_entries(ws: Workspace) -> bool:
    """Whether any source keeps a keyring entry name in one of its secret fields."""
    for source in list_sources(ws.reader()):
        config = json.loads(source["config"] or "{}")
        if any(config.get(f.name) for f in _secret_fields(source["kind"])):
            return True
    return False


def _source(ws: Workspace, source_id: int) -> sqlite3.Row:
    row = get_source(ws.reader(), source_id=source_id)
    if row is None:
        raise UserError(f"No source with id {source_id} in workspace {ws.name!r}.")
    return row


def _field(row: sqlite3.Row, field: str) -> None:
    if field not in {f.name for f in _secret_fields(row["kind"])}:
        raise UserError(f"A {row['kind']} source has no key field {field!r}.")


def _need_store(store: SecretStore | None) -> SecretStore:
    if store is None:
        from desktop_app.secrets.backend import choose_keyring

        raise UserError(
            f"The key was not saved: {choose_keyring().message} Or choose an encrypted key file in "
            "Sources → Accounts & keys."
        )
    return store


def _put(keyring: SecretStore, entry: str, value: str) -> None:
    """Store a value; a keyring that fails says so in plain words (never with the value)."""
    try:
        keyring.set(entry, value)
    except EarshotError:
        raise  # e.g. the encrypted key file is locked: its own words
    except Exception as exc:
        from desktop_app.secrets.backend import install_hint

        raise UserError(
            f"The key was not saved: the system keyring refused it ({type(exc).__name__}). {install_hint()}"
        ) from None


def _check_value(value: str) -> str:
    clean = value.strip()
    if not clean:
        raise UserError("The key is empty; paste the key itself.")
    if any(ch in clean for ch in "\r\n\0"):
        raise UserError("The key has a line break or control character in it; paste it again on one line.")
    return clean


def set_key(
    ws: Workspace,
    store: SecretStore | None,
    source_id: int,
    field: str,
    value: str,
    *,
    same_kind: bool = False,
) -> str:
    """Add or replace a key; returns its keyring entry name. With `same_kind`, every other source of the
    same kind without a stored key for this field uses the same entry (one Brave key for all the
    suggested searches). The sources are polled again soon."""
    keyring = _need_store(store)
    clean = _check_value(value)
    row = _source(ws, source_id)
    _field(row, field)
    config = json.loads(row["config"] or "{}")
    entry = str(config.get(field) or entry_name(ws.name, row["name"], field))
    _put(keyring, entry, clean)
    updates = {source_id: {**config, field: entry}}
    if same_kind:
        for other in list_sources(ws.reader()):
            other_config = json.loads(other["config"] or "{}")
            if other["kind"] != row["kind"] or other["id"] in updates:
                continue
            current = other_config.get(field)
            if not current or keyring.get(str(current)) is None:
                updates[int(other["id"])] = {**other_config, field: entry}
    now = int(time.time())

    def write(conn: sqlite3.Connection) -> None:
        for sid, new_config in updates.items():
            source_writes.update_source(conn, sid, config=new_config, next_poll_at=now)

    ws.writer.call(write)
    return entry


def sharing(ws: Workspace, field: str, entry: str, but: int) -> list[str]:
    """Names of the other sources whose `field` uses the keyring entry `entry`."""
    names = []
    for other in list_sources(ws.reader()):
        if int(other["id"]) != but and json.loads(other["config"] or "{}").get(field) == entry:
            names.append(str(other["name"]))
    return names


def remove_key(ws: Workspace, store: SecretStore | None, source_id: int, field: str) -> None:
    """Take the key off this source; it leaves the keyring unless another source still uses it."""
    keyring = _need_store(store)
    row = _source(ws, source_id)
    _field(row, field)
    config = json.loads(row["config"] or "{}")
    entry = config.pop(field, None)
    if entry and not sharing(ws, field, str(entry), but=source_id):
        keyring.delete(str(entry))
    ws.writer.call(lambda conn: source_writes.update_source(conn, source_id, config=config))


def retry_locked_sources(ws: Workspace) -> int:
    """Sources that failed because the encrypted key file was locked are due again (it is open now)."""
    from desktop_app.secrets.encrypted import KeyFileLocked

    ids = [int(r["id"]) for r in list_sources(ws.reader()) if r["last_error_kind"] == KeyFileLocked.kind]
    now = int(time.time())

    def write(conn: sqlite3.Connection) -> None:
        for sid in ids:
            source_writes.update_source(conn, sid, next_poll_at=now)

    if ids:
        ws.writer.call(write)
    return len(ids)


def source_secrets(row: sqlite3.Row, store: SecretStore | None) -> dict[str, str]:
    values: dict[str, str] = {}
    if store is None:
        return values
    config = json.loads(row["config"] or "{}")
    for spec in _secret_fields(row["kind"]):
        entry = config.get(spec.name)
        value = store.get(str(entry)) if entry else None
        if value is not None:
            values[spec.name] = value
    return values


def check_source(
    ws: Workspace, store: SecretStore | None, source_id: int, http: HttpClient | None = None
) -> ConnectionResult:
    """Run the source's connection test with its stored keys (nothing is saved)."""
    row = _source(ws, source_id)
    connector = get_connector(row["kind"])
    config = json.loads(row["config"] or "{}")
    secrets = source_secrets(row, store)
    own = http is None
    if http is None:
        from desktop_app.config.settings import settings_for
        from desktop_app.services.factory import build_http

        http = build_http(settings_for(ws.root))
    try:
        return test_connection(connector, config, http, secrets)
    finally:
        if own:
            http.close()


def add_source_with_secrets(
    ws: Workspace,
    store: SecretStore | None,
    *,
    kind: str,
    config: dict[str, Any],
    secrets: dict[str, str],
    name: str | None = None,
    interval_minutes: int | None = None,
) -> tuple[int, str]:
    """Add a source whose secret fields hold keyring entry names, then put the values in the keyring.
    Refused without a keyring; a source whose key could not be stored is removed again."""
    from desktop_app.services.sources import add_source, default_name, remove_source

    names = {f.name for f in _secret_fields(kind)}
    unknown = sorted(set(secrets) - names)
    if unknown:
        known = ", ".join(sorted(names)) or "none"
        raise UserError(f"A {kind} source has no secret {', '.join(unknown)}; its secrets are: {known}.")
    for field_name in secrets:
        if field_name in config:
            raise UserError(f"Give {field_name} as a secret (read from standard input), not as a field.")
    for value in secrets.values():
        _check_value(value)
    keyring = _need_store(store) if secrets else None
    final = " ".join((name or "").split()) or default_name(kind, config)
    entries = {f: entry_name(ws.name, final, f) for f in secrets}
    source_id, final = add_source(
        ws, kind=kind, config={**config, **entries}, name=final, interval_minutes=interval_minutes
    )
    try:
        for field_name, value in secrets.items():
            assert keyring is not None
            _put(keyring, entries[field_name], value.strip())
    except Exception:
        remove_source(ws, str(source_id))
        raise
    return source_id, final

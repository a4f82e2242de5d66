"""Removing sources, and with them (by default) the keys no other source uses.

A key shared by several sources (one Brave key for every hate search) stays in the keyring until the last of
them goes. Nothing here logs, returns or raises a key's value. The calls may block (database, keyring):
callers run them in a worker.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from desktop_app.core.errors import EarshotError
from desktop_app.secrets.store import SecretStore
from desktop_app.services.sources import find_source, remove_source
from desktop_app.sources.registry import CONNECTORS
from desktop_app.storage.queries import list_sources
from desktop_app.storage.workspace import Workspace


@dataclass(frozen=True, slots=True)
class SourceKey:
    source_name: str
    label: str  # e.g. "API key"
    entry: str  # the keyring entry name, never the value

    def words(self) -> str:
        label = self.label
        if len(label) > 1 and label[1].islower():  # "Client secret" -> "client secret"; "API key" stays
            label = label[0].lower() + label[1:]
        return f"the {label} of {self.source_name}"


@dataclass(slots=True)
class Removal:
    names: list[str] = field(default_factory=list)
    keys_removed: list[SourceKey] = field(default_factory=list)
    keys_kept: list[tuple[SourceKey, str]] = field(default_factory=list)  # with the reason

    def key_lines(self) -> list[str]:
        lines = [f"Removed {k.words()} from the keyring." for k in self.keys_removed]
        lines += [f"Kept {k.words()} in the keyring ({why})." for k, why in self.keys_kept]
        return lines

    def sentence(self) -> str:
        return " ".join([f"Removed {', '.join(self.names)}.", *self.key_lines()])


def _keys_of(source: sqlite3.Row) -> list[SourceKey]:
    connector = CONNECTORS.get(str(source["kind"]))
    config = json.loads(source["config"] or "{}")
    keys = []
    for spec in getattr(connector, "fields", ()):
        entry = config.get(spec.name) if spec.kind == "secret" else None
        if entry:
            keys.append(SourceKey(str(source["name"]), spec.label, str(entry)))
    return keys


def _split(ws: Workspace, source_ids: Iterable[int]) -> tuple[list[SourceKey], list[SourceKey]]:
    """(keys only these sources use, keys another source uses too), each entry once."""
    ids = {int(i) for i in source_ids}
    theirs: dict[str, SourceKey] = {}
    elsewhere: set[str] = set()
    for source in list_sources(ws.reader()):
        for key in _keys_of(source):
            if int(source["id"]) in ids:
                theirs.setdefault(key.entry, key)
            else:
                elsewhere.add(key.entry)
    own = [k for e, k in theirs.items() if e not in elsewhere]
    shared = [k for e, k in theirs.items() if e in elsewhere]
    return own, shared


def keys_only_theirs(ws: Workspace, source_ids: Iterable[int]) -> list[SourceKey]:
    """The keyring entries of these sources that no other source uses: offered for removal with them."""
    return _split(ws, source_ids)[0]


def remove_sources(
    ws: Workspace, store: SecretStore | None, source_ids: Iterable[int], *, remove_keys: bool = True
) -> Removal:
    """Remove the sources; with `remove_keys`, also the keys no remaining source uses."""
    ids = [int(i) for i in source_ids]
    for source_id in ids:
        find_source(ws, str(source_id))  # an unknown id fails before anything is removed
    own, shared = _split(ws, ids)
    result = Removal(names=[remove_source(ws, str(i)) for i in ids])
    for key in own:
        if not remove_keys:
            result.keys_kept.append((key, "as asked"))
        elif store is None:
            result.keys_kept.append((key, "no keyring is available"))
        else:
            try:
                store.delete(key.entry)
            except EarshotError as exc:  # e.g. the encrypted key file is locked
                result.keys_kept.append((key, str(exc).rstrip(".")))
            else:
                result.keys_removed.append(key)
    result.keys_kept += [(k, "another source uses it") for k in shared]
    return result


def remove_with_keys(
    ws: Workspace,
    make_store: Callable[[], SecretStore | None],
    source_ids: Iterable[int],
    *,
    remove_keys: bool = True,
) -> Removal:
    """Like remove_sources, opening the keyring only when there is a key to remove."""
    ids = [int(i) for i in source_ids]
    store = make_store() if remove_keys and keys_only_theirs(ws, ids) else None
    return remove_sources(ws, store, ids, remove_keys=remove_keys)

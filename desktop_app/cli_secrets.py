"""`source add ... --secret NAME`: secret values come from standard input, never from the command line.

From a terminal each value is asked for without echo (getpass); from a pipe, one line per secret, in the
order the --secret options were given. Values go to the system keyring only (or to the encrypted key file when
the user chose it in the app: its password comes from EARSHOT_KEYRING_PASSWORD or the terminal); nothing here
prints or logs one.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, TextIO

from desktop_app.core.errors import UserError
from desktop_app.secrets.store import SecretStore
from desktop_app.services.accounts import add_source_with_secrets
from desktop_app.sources.registry import get_connector
from desktop_app.storage.workspace import Workspace


def read_secret(label: str, stream: TextIO | None = None) -> str:
    source = stream if stream is not None else sys.stdin
    if source.isatty():
        return getpass.getpass(f"{label} (typing is not shown): ")
    line = source.readline()
    if not line:
        raise UserError(f"Expected the {label} on standard input (one line per --secret); got nothing.")
    return line.rstrip("\r\n")


def open_store() -> SecretStore | None:
    """The store the app uses; a chosen encrypted key file is unlocked first (env variable or terminal)."""
    from desktop_app.services.factory import secret_store, unlock_from_terminal

    unlock_from_terminal(sys.stdin.isatty())
    return secret_store()


def add_with_secrets(ws: Workspace, args: argparse.Namespace, config: dict[str, Any]) -> tuple[int, str]:
    connector = get_connector(args.kind)
    labels = {f.name: f.label for f in connector.fields if f.kind == "secret"}
    names = [str(n).strip() for n in args.secret]
    unknown = [n for n in names if n not in labels]
    if unknown:
        known = ", ".join(labels) or "none"
        raise UserError(f"A {args.kind} source has no secret {', '.join(unknown)}; its secrets are: {known}.")
    if len(set(names)) != len(names):
        raise UserError("Each --secret may be given once.")
    values = {name: read_secret(labels[name]) for name in names}
    return add_source_with_secrets(
        ws,
        open_store(),
        kind=args.kind,
        config=config,
        secrets=values,
        name=args.source_name,
        interval_minutes=args.interval,
    )


def store_if_needed(ws: Workspace) -> SecretStore | None:
    """The keyring for `poll`, opened only when a source of the workspace names a key entry to read."""
    from desktop_app.services.accounts import has_key_entries

    return open_store() if has_key_entries(ws) else None

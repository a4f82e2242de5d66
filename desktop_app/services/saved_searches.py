"""Saved searches of a workspace: save, rename and delete, through the workspace's single writer."""

from __future__ import annotations

from concurrent.futures import Future

from desktop_app.storage import saved_search_writes
from desktop_app.storage.workspace import Workspace


def save(ws: Workspace, name: str, query: str) -> Future[str]:
    return ws.writer.submit(lambda conn: saved_search_writes.save_search(conn, name, query))


def rename(ws: Workspace, old: str, new: str) -> Future[str]:
    return ws.writer.submit(lambda conn: saved_search_writes.rename_search(conn, old, new))


def delete(ws: Workspace, name: str) -> Future[None]:
    return ws.writer.submit(lambda conn: saved_search_writes.delete_search(conn, name))


def exists(ws: Workspace, name: str) -> bool:
    row = ws.reader().execute("SELECT 1 FROM saved_searches WHERE name = ?", (name.strip(),)).fetchone()
    return row is not None

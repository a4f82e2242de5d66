"""Saved searches: a name for a search the user runs every morning ("refund", "\"cold coffee\" -iced")."""

from __future__ import annotations

import sqlite3

from desktop_app.core.errors import UserError

MAX_NAME = 80


def clean_name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise UserError("A saved search needs a name.")
    return text[:MAX_NAME]


def save_search(conn: sqlite3.Connection, name: str, query: str) -> str:
    """Store (or replace, by name) a saved search; returns the name as stored."""
    text = query.strip()
    if not text:
        raise UserError("There is nothing to save: type a search first.")
    stored = clean_name(name)
    conn.execute(
        "INSERT INTO saved_searches (name, query) VALUES (?, ?)"
        " ON CONFLICT(name) DO UPDATE SET query = excluded.query",
        (stored, text),
    )
    return stored


def rename_search(conn: sqlite3.Connection, old: str, new: str) -> str:
    stored = clean_name(new)
    if stored == old:
        return stored
    taken = conn.execute("SELECT 1 FROM saved_searches WHERE name = ?", (stored,)).fetchone()
    if taken:
        raise UserError(f"A saved search called “{stored}” already exists; choose another name.")
    conn.execute("UPDATE saved_searches SET name = ? WHERE name = ?", (stored, old))
    return stored


def delete_search(conn: sqlite3.Connection, name: str) -> None:
    conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))

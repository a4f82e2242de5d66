"""The single writer: every write to a workspace runs here, one at a time, each in one transaction.

Reads run beside it on their own connections (WAL). A write is a function of a connection that returns a
value; when that value is a `Changes`, listeners hear about it after the commit (from the writer thread:
the UI re-emits it as a signal).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from desktop_app.core.models import Changes
from desktop_app.storage.database import connect

T = TypeVar("T")
log = logging.getLogger(__name__)
ChangeListener = Callable[[Changes], None]


class Writer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="earshot-writer")
        self._conn: sqlite3.Connection | None = None
        self._listeners: list[ChangeListener] = []
        self._lock = threading.Lock()
        self._closed = False

    def add_listener(self, listener: ChangeListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: ChangeListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def submit(self, write: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """Queue a write; it runs inside BEGIN IMMEDIATE ... COMMIT, or is rolled back whole."""
        if self._closed:
            raise RuntimeError("The workspace is closed.")
        return self._executor.submit(self._run, write)

    def call(self, write: Callable[[sqlite3.Connection], T]) -> T:
        """Run a write and wait for it (CLI, tests, and workers that are already off the UI thread)."""
        return self.submit(write).result()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path)
        return self._conn

    def _run(self, write: Callable[[sqlite3.Connection], T]) -> T:
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = write(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if isinstance(result, Changes) and result:
            self._notify(result)
        return result

    def _notify(self, changes: Changes) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a broken screen must not break the writer
                log.exception("change listener failed")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True

        def _close() -> None:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA optimize")
                finally:
                    self._conn.close()
                    self._conn = None

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)


class _Batch:
    def __init__(self) -> None:
        self.units: list[Callable[[sqlite3.Connection], Changes]] = []
        self.results: list[Changes | BaseException] = []
        self.error: BaseException | None = None
        self.done = threading.Event()

    def run(self, conn: sqlite3.Connection) -> Changes:
        """Each unit in its own savepoint: one failing unit never takes the others down with it."""
        for unit in self.units:
            conn.execute("SAVEPOINT unit")
            try:
                self.results.append(unit(conn))
            except Exception as exc:
                conn.execute("ROLLBACK TO unit")
                self.results.append(exc)
            conn.execute("RELEASE unit")
        return merge_changes(r for r in self.results if isinstance(r, Changes))

    def finish(self, future: Future[Changes]) -> None:
        self.error = future.exception()
        self.done.set()


class GroupCommit:
    """Many small writes from many threads, committed together (group commit).

    Each caller's unit stays atomic (a savepoint inside the batch's one transaction); callers still wait for
    their own result. Cuts the per-transaction cost and the thread hand-offs when dozens of poll workers
    finish at once.
    """

    def __init__(self, writer: Writer) -> None:
        self._writer = writer
        self._lock = threading.Lock()
        self._open: _Batch | None = None

    def call(self, unit: Callable[[sqlite3.Connection], Changes]) -> Changes:
        with self._lock:
            batch = self._open
            if batch is None:
                batch = self._open = _Batch()
                future = self._writer.submit(lambda conn: self._flush(batch, conn))
                future.add_done_callback(batch.finish)
            index = len(batch.units)
            batch.units.append(unit)
        batch.done.wait()
        if batch.error is not None:
            raise batch.error
        result = batch.results[index]
        if isinstance(result, BaseException):
            raise result
        return result

    def _flush(self, batch: _Batch, conn: sqlite3.Connection) -> Changes:
        with self._lock:
            if self._open is batch:
                self._open = None  # later units start the next batch
        return batch.run(conn)


def merge_changes(items: Iterable[Changes]) -> Changes:
    added: list[int] = []
    updated: list[int] = []
    sources: list[int] = []
    dropped = duplicates = 0
    bulk = True
    for c in items:
        added.extend(c.added)
        updated.extend(c.updated)
        sources.extend(c.sources_updated)
        dropped += c.dropped
        duplicates += c.duplicates
        bulk = bulk and c.bulk
    return Changes(tuple(added), tuple(updated), tuple(sources), dropped, duplicates, bulk and bool(updated))

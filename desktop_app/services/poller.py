"""Polling: ask storage what is due, fetch in parallel, hand results to the single writer.

A failing source never stops the others; its failure lands on its health. Each source's items and its new
health are written in one transaction, so a poll killed at any moment leaves every source either fully
stored or still due.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop_app.core.errors import FetchError, RateLimited
from desktop_app.core.models import Changes, FetchResult
from desktop_app.secrets.store import SecretStore
from desktop_app.services.ingest import BatchScorer, Ingestor, Prepared
from desktop_app.services.ingest_pool import FeedJob, IngestPool
from desktop_app.sources.base import SourceState, Usage
from desktop_app.sources.connection import scrub
from desktop_app.sources.http import HttpClient
from desktop_app.sources.keyed import METERS_SETTING
from desktop_app.sources.registry import get_connector
from desktop_app.sources.request_profile import request_profile
from desktop_app.sources.rss import parsed
from desktop_app.storage import mention_writes, source_writes
from desktop_app.storage.queries import due_sources, get_source
from desktop_app.storage.workspace import Workspace, read_settings, write_settings
from desktop_app.storage.writer import GroupCommit

log = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 24 * 3600


@dataclass(slots=True)
class SourceOutcome:
    source_id: int
    name: str
    added: int = 0
    fetched: int = 0
    dropped: int = 0
    duplicates: int = 0
    not_modified: bool = False
    error: str | None = None
    error_kind: str | None = None


@dataclass(slots=True)
class PollReport:
    outcomes: list[SourceOutcome] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(o.added for o in self.outcomes)

    @property
    def failed(self) -> list[SourceOutcome]:
        return [o for o in self.outcomes if o.error]


ProgressCallback = Callable[[int, int, SourceOutcome], None]  # done, total, last outcome


class Poller:
    def __init__(
        self,
        workspace: Workspace,
        http: HttpClient,
        *,
        secrets: SecretStore | None = None,
        scorer: BatchScorer | None = None,
        max_workers: int = 16,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.workspace = workspace
        self.http = http
        self.secrets = secrets
        self.ingestor = Ingestor(workspace.profile(), scorer)
        self.max_workers = max_workers
        self.clock = clock
        self._commits = GroupCommit(workspace.writer)
        self._meter_locks: dict[str, threading.Lock] = {}  # one per keyring entry with a usage meter
        self._locks_lock = threading.Lock()

    def close(self) -> None:
        """Release the HTTP connections and any scoring processes this poller was given."""
        self.http.close()
        closer = getattr(self.ingestor.scorer, "close", None)
        if callable(closer):
            closer()

    def refresh_profile(self) -> None:
        self.ingestor = Ingestor(self.workspace.profile(), self.ingestor.scorer)

    def poll_due(
        self, progress: ProgressCallback | None = None, cancel: threading.Event | None = None
    ) -> PollReport:
        rows = due_sources(self.workspace.reader(), int(self.clock()))
        return self._poll_rows(rows, progress, cancel)

    def poll_sources(
        self,
        source_ids: Sequence[int],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> PollReport:
        reader = self.workspace.reader()
        rows = [r for r in (get_source(reader, source_id=i) for i in source_ids) if r is not None]
        return self._poll_rows(rows, progress, cancel)

    def _poll_rows(
        self, rows: Sequence[sqlite3.Row], progress: ProgressCallback | None, cancel: threading.Event | None
    ) -> PollReport:
        report = PollReport()
        if not rows:
            return report
        workers = max(1, min(self.max_workers, len(rows)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="earshot-poll") as pool:
            futures = [pool.submit(self._poll_one, dict(row), cancel) for row in rows]
            for done, future in enumerate(as_completed(futures), start=1):
                outcome, added = future.result()
                report.outcomes.append(outcome)
                report.added_ids.extend(added)
                if progress is not None:
                    progress(done, len(rows), outcome)
        return report

    def _poll_one(
        self, row: dict[str, Any], cancel: threading.Event | None
    ) -> tuple[SourceOutcome, tuple[int, ...]]:
        outcome = SourceOutcome(source_id=row["id"], name=row["name"])
        if cancel is not None and cancel.is_set():
            outcome.error, outcome.error_kind = "Cancelled before it started.", "cancelled"
            return outcome, ()
        now = int(self.clock())
        if row["last_error_kind"] == RateLimited.kind and (row["next_poll_at"] or 0) > now:
            until = time.strftime("%H:%M", time.localtime(row["next_poll_at"]))
            outcome.error, outcome.error_kind = (
                f"Still rate-limited until {until}; skipped.",
                RateLimited.kind,
            )
            return outcome, ()  # even a forced poll waits out the site's Retry-After
        started = datetime.now(UTC)
        secrets: dict[str, str] = {}
        try:
            result = self._fetch(row, secrets)
        except FetchError as exc:
            self._record_failure(row, exc, outcome, secrets)
            return outcome, ()
        except Exception as exc:  # a connector bug must not stop the other sources
            # the message and the trace may quote a key (a URL, a header): both are scrubbed of every value
            log.error("source %s failed unexpectedly:\n%s", row["id"], scrub(traceback.format_exc(), secrets))
            error = FetchError(f"Unexpected error: {type(exc).__name__}: {exc}")
            self._record_failure(row, error, outcome, secrets)
            return outcome, ()
        try:
            changes = self._store(row, result, started, outcome)
        except FetchError as exc:  # the body fetched is not a feed (parsing happens at the store step)
            self._record_failure(row, exc, outcome, secrets)
            return outcome, ()
        except sqlite3.DatabaseError as exc:
            if _damaged(exc):
                raise  # the workspace file itself: every source would fail; the caller offers the backup
            return self._store_failed(row, exc, outcome, secrets), ()
        except Exception as exc:  # scoring or normalizing what one source sent must not stop the others
            return self._store_failed(row, exc, outcome, secrets), ()
        return outcome, changes.added

    def _store_failed(
        self, row: dict[str, Any], exc: Exception, outcome: SourceOutcome, secrets: dict[str, str]
    ) -> SourceOutcome:
        log.error("storing source %s failed:\n%s", row["id"], scrub(traceback.format_exc(), secrets))
        error = FetchError(f"Fetched, but could not be stored: {type(exc).__name__}: {exc}. Will retry.")
        outcome.fetched = outcome.added = 0
        try:
            self._record_failure(row, error, outcome, secrets)
        except Exception:  # the database refuses even that: the outcome still says what happened
            log.exception("recording the failure of source %s", row["id"])
            outcome.error, outcome.error_kind = scrub(str(error), secrets), error.kind
        return outcome

    def _fetch(self, row: dict[str, Any], secrets: dict[str, str]) -> FetchResult:
        """Fetch one source; `secrets` is filled with the values it was given (to scrub any error)."""
        connector = get_connector(row["kind"])
        config = json.loads(row["config"] or "{}")
        http = self.http.with_profile(request_profile(config))  # the source's User-Agent preset and proxy
        secrets.update(self._secrets_for(connector, config))
        entry = config.get(getattr(connector, "meter_secret", "")) if secrets else None
        if not entry:
            state = SourceState(etag=row["etag"], last_modified=row["last_modified"], cursor=row["cursor"])
            fetch = getattr(connector, "fetch_unparsed", connector.fetch)  # a feed is parsed when stored
            return fetch(config, state, http, secrets)
        return self._fetch_metered(connector, row, config, http, secrets, str(entry))

    def _fetch_metered(
        self,
        connector: Any,
        row: dict[str, Any],
        config: dict[str, Any],
        http: HttpClient,
        secrets: dict[str, str],
        entry: str,
    ) -> FetchResult:
        """A source whose quota belongs to its key: one poll at a time per keyring entry, counting on the
        key's shared meter, which is saved whether the fetch succeeds or fails (the calls made were paid)."""
        with self._meter_lock(entry):
            book = self.workspace.setting(METERS_SETTING) or {}
            usage = Usage(saved=book.get(entry) if isinstance(book, dict) else None)
            state = SourceState(
                etag=row["etag"], last_modified=row["last_modified"], cursor=row["cursor"], usage=usage
            )
            try:
                return connector.fetch(config, state, http, secrets)
            finally:
                if usage.meter is not None:
                    self._save_meter(entry, usage.meter.dump())

    def _meter_lock(self, entry: str) -> threading.Lock:
        with self._locks_lock:
            return self._meter_locks.setdefault(entry, threading.Lock())

    def _save_meter(self, entry: str, meter: dict[str, Any]) -> None:
        def write(conn: sqlite3.Connection) -> Changes:
            book = read_settings(conn).get(METERS_SETTING)
            book = dict(book) if isinstance(book, dict) else {}
            book[entry] = meter
            write_settings(conn, {METERS_SETTING: book})
            return Changes()

        self._commits.call(write)

    def _secrets_for(self, connector: Any, config: dict[str, Any]) -> dict[str, str]:
        values: dict[str, str] = {}
        if self.secrets is None:
            return values
        for spec in getattr(connector, "fields", ()):
            if spec.kind == "secret" and config.get(spec.name):
                value = self.secrets.get(str(config[spec.name]))
                if value is not None:
                    values[spec.name] = value
        return values

    def _store(
        self, row: dict[str, Any], result: FetchResult, started: datetime, outcome: SourceOutcome
    ) -> Changes:
        config = json.loads(row["config"] or "{}")
        prepared, fetched = self._prepare(row, result, started, match_brand=not config.get("keep_all"))
        now = int(self.clock())
        next_poll = now + 60 * int(row["interval_minutes"])

        def write(conn: sqlite3.Connection) -> Changes:
            changes = mention_writes.store_mentions(conn, prepared.scored, dropped=prepared.dropped)
            source_writes.record_success(
                conn,
                row["id"],
                now=now,
                next_poll_at=next_poll,
                fetched=fetched,
                dropped=prepared.dropped,
                etag=result.etag,
                last_modified=result.last_modified,
                cursor=result.cursor,
            )
            return Changes(
                added=changes.added,
                sources_updated=(row["id"],),
                dropped=prepared.dropped,
                duplicates=changes.duplicates + prepared.known,
            )

        changes = self._commits.call(write)
        outcome.fetched = fetched
        outcome.added = len(changes.added)
        outcome.dropped = prepared.dropped
        outcome.duplicates = changes.duplicates
        outcome.not_modified = result.not_modified
        return changes

    def _prepare(
        self, row: dict[str, Any], result: FetchResult, started: datetime, *, match_brand: bool
    ) -> tuple[Prepared, int]:
        """Items ready to store, and how many the source sent. A fetched feed body is parsed here, or in a
        worker process when the poller has an IngestPool (raises NotAFeed if it is no feed)."""
        pool = self.ingestor.scorer
        if result.feed is not None and isinstance(pool, IngestPool):
            profile = self.ingestor.profile
            job = FeedJob(
                result.feed, profile, row["id"], row["kind"], started, self.workspace.path, match_brand
            )
            return pool.prepare_feed(job)
        result = parsed(result)
        prepared = self.ingestor.prepare(
            result.items,
            source_id=row["id"],
            source_kind=row["kind"],
            fetched_at=started,
            reader=self.workspace.reader(),
            match_brand=match_brand,
        )
        return prepared, len(result.items)

    def _record_failure(
        self, row: dict[str, Any], exc: FetchError, outcome: SourceOutcome, secrets: dict[str, str]
    ) -> None:
        now = int(self.clock())
        failures = int(row["consecutive_failures"]) + 1
        interval = 60 * int(row["interval_minutes"])
        delay = min(interval * 2 ** min(failures - 1, 6), MAX_BACKOFF_SECONDS)
        if isinstance(exc, RateLimited) and exc.retry_after:
            delay = max(int(exc.retry_after), 60)
        message = scrub(str(exc) or type(exc).__name__, secrets)  # health never shows a key
        outcome.error, outcome.error_kind = message, exc.kind

        def write(conn: sqlite3.Connection) -> Changes:
            source_writes.record_failure(
                conn, row["id"], now=now, next_poll_at=now + delay, kind=exc.kind, message=message
            )
            return Changes(sources_updated=(row["id"],))

        self._commits.call(write)


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """A damaged file (not a busy or full one): polling stops and the damage is reported."""
    text = str(exc).lower()
    return any(w in text for w in ("malformed", "not a database", "file is encrypted", "disk i/o"))

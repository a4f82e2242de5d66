"""Re-scoring a workspace after the rules or the model change (and to refresh recency in urgency).

Reads in id order, scores in batches (in worker processes when given a ScoringPool), writes each batch in a
short transaction through the single writer, so triage keeps working while it runs. Cancellable.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.models import Changes, Score
from desktop_app.scoring import __file__ as scoring_init
from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.ingest import COMPLAINT_TIMES_BY_ID, BatchScorer, complaint_times, earlier
from desktop_app.storage.mention_writes import update_scores
from desktop_app.storage.workspace import Workspace, write_settings

BATCH = 2000
FINGERPRINT_KEY = "scoring.fingerprint"
Progress = Callable[[int, int], None]  # done, total

SELECT_BATCH = """
SELECT id, title, text, reach, reach_label, rating, published_at, status, author_id FROM mentions
WHERE id > ? ORDER BY id LIMIT ?
"""


def rescore_workspace(
    ws: Workspace,
    scorer: BatchScorer | None = None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    batch: int = BATCH,
    now: datetime | None = None,
) -> int:
    """Re-score every mention; returns how many were re-scored (fewer if cancelled)."""
    scorer = scorer or default_scorer()
    terms = ws.profile().terms()
    stamp = now or datetime.now(UTC)
    reader = ws.reader()
    total = int(reader.execute("SELECT count(*) FROM mentions").fetchone()[0])
    done, last_id = 0, 0
    # A pipeline: batch k+1 is read and handed to the scorer (worker processes, when it has them) before the
    # scores of batch k are collected, and batch k is written while k+1 is scored.
    scoring: tuple[list[sqlite3.Row], Callable[[], list[Score]]] | None = None
    writing: Future[Changes] | None = None
    while True:
        stop = cancel is not None and cancel.is_set()
        rows = [] if stop else reader.execute(SELECT_BATCH, (last_id, batch)).fetchall()
        started = None
        if rows:
            last_id = int(rows[-1]["id"])
            history = complaint_times(reader, COMPLAINT_TIMES_BY_ID, (r["author_id"] for r in rows))
            started = (
                rows,
                _start(scorer, [(str(r["text"] or ""), _context(r, terms, stamp, history)) for r in rows]),
            )
        if scoring is not None:
            done_rows, collect = scoring
            pairs = [(int(r["id"]), s) for r, s in zip(done_rows, collect(), strict=True)]
            if writing is not None:
                writing.result()
            writing = ws.writer.submit(partial(update_scores, scores=pairs))
            done += len(done_rows)
            if progress is not None:
                progress(done, total)
        scoring = started
        if scoring is None:
            break
    if writing is not None:
        writing.result()
    if cancel is None or not cancel.is_set():
        mark_scored(ws)
    return done


def _start(scorer: BatchScorer, items: list[tuple[str, ScoreContext]]) -> Callable[[], list[Score]]:
    """Begin scoring; the returned function waits for the scores. A scorer without `start_many` scores now."""
    start = getattr(scorer, "start_many", None)
    if start is not None:
        return start(items)
    scores = scorer.score_many(items)
    return lambda: scores


def _context(
    r: sqlite3.Row, terms: tuple[str, ...], now: datetime, history: dict[object, list[int]]
) -> ScoreContext:
    """The mention's context, with its author's complaints stored before it (as the last scoring filed them)."""
    published = int(r["published_at"])
    return ScoreContext(
        title=str(r["title"] or ""),
        brand_terms=terms,
        reach=r["reach"],
        reach_label=r["reach_label"],
        published_at=datetime.fromtimestamp(published, UTC),
        now=now,
        rating=r["rating"],
        answered=r["status"] == "responded",
        author_prior_complaints=earlier(history.get(r["author_id"]), published),
    )


def scoring_fingerprint() -> str:
    """Changes whenever the scoring rules or model change: a hash of the scoring package's files.

    A frozen build has no .py files beside the package, only the model data; its app version stands in.
    """
    package = Path(scoring_init).parent
    digest = hashlib.sha256()
    files = sorted(p for p in package.iterdir() if p.suffix in (".py", ".json"))
    if not any(p.suffix == ".py" for p in files):
        digest.update(__version__.encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def needs_rescore(ws: Workspace) -> bool:
    """True when the mentions were scored by other rules than these (or by a build that kept no record)."""
    if ws.setting(FINGERPRINT_KEY) == scoring_fingerprint():
        return False
    has_mentions = ws.reader().execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None
    if not has_mentions:
        mark_scored(ws)
    return has_mentions


def mark_scored(ws: Workspace) -> None:
    fingerprint = scoring_fingerprint()
    ws.writer.call(lambda conn: write_settings(conn, {FINGERPRINT_KEY: fingerprint}))

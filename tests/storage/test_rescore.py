from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.services.rescore import rescore_workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store


def test_rescore_replaces_every_score_in_batches(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        texts = ["Acme charged me twice and nobody answers, I want a refund", "I love Acme, best coffee ever"]
        store(
            ws,
            [
                (mention(sid, i, text=texts[i % 2], title=""), score(50, Label.NEUTRAL, Category.OTHER))
                for i in range(9)
            ],
        )
        seen: list[tuple[int, int]] = []
        done = rescore_workspace(ws, progress=lambda d, t: seen.append((d, t)), batch=4, now=NOW)
        assert done == 9 and seen == [(4, 9), (8, 9), (9, 9)]
        rows = (
            ws.reader().execute("SELECT text, label, category, reasons FROM mentions ORDER BY id").fetchall()
        )
        complaint, praise = rows[0], rows[1]
        assert complaint["category"] == "complaint" and praise["label"] == "positive"
        assert all(r["reasons"] != '["test"]' for r in rows)


def test_rescore_can_be_cancelled(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        store(ws, [(mention(sid, i), score()) for i in range(10)])
        cancel = threading.Event()
        done = rescore_workspace(ws, progress=lambda d, t: cancel.set(), cancel=cancel, batch=3)
        assert done == 6  # stopped after the first batch; the one already being scored is still written


def test_workspaces_remember_which_rules_scored_them(tmp_path: Path) -> None:
    from desktop_app.services.rescore import FINGERPRINT_KEY, needs_rescore, scoring_fingerprint

    with make_workspace(tmp_path, "empty") as ws:
        assert not needs_rescore(ws)  # nothing to re-score: marked as scored by these rules
        assert ws.setting(FINGERPRINT_KEY) == scoring_fingerprint()
    with make_workspace(tmp_path, "old") as ws:
        sid = add_source(ws)
        store(ws, [(mention(sid, 1, text="Acme lost my order"), score())])
        assert needs_rescore(ws)  # scored by a build that kept no record
        cancel = threading.Event()
        cancel.set()
        rescore_workspace(ws, cancel=cancel)
        assert needs_rescore(ws)  # a cancelled run leaves it due
        rescore_workspace(ws)
        assert not needs_rescore(ws)
        ws.writer.call(
            lambda conn: conn.execute(
                "UPDATE settings SET value = '\"older\"' WHERE key = ?", (FINGERPRINT_KEY,)
            )
        )
        assert needs_rescore(ws)


def test_the_fingerprint_follows_the_scoring_files() -> None:
    from desktop_app.services.rescore import scoring_fingerprint

    assert scoring_fingerprint() == scoring_fingerprint() and len(scoring_fingerprint()) == 16


def test_rescore_counts_each_authors_earlier_complaints(tmp_path: Path) -> None:
    complaint = score(60, Label.NEGATIVE, Category.COMPLAINT)
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        text = "Acme lost my parcel again and nobody answers, I want a refund"
        store(
            ws,
            [
                (mention(sid, 1, text=text, author="bob", hours_ago=30), complaint),
                (mention(sid, 2, text=text, author="bob", hours_ago=20), complaint),
                (mention(sid, 3, text="Acme is fine", author="bob", hours_ago=15), score()),
                (mention(sid, 4, text=text, author="bob", hours_ago=10), score()),
                (mention(sid, 5, text=text, author="carol", hours_ago=5), score()),
            ],
        )
        rescore_workspace(ws, now=NOW)
        rows = ws.reader().execute("SELECT author, reasons FROM mentions ORDER BY published_at").fetchall()
        reasons = [json.loads(r["reasons"]) for r in rows]
        assert not any("complaint from this person" in r or "before" in " ".join(r) for r in reasons[0])
        assert "2nd complaint from this person" in reasons[1]
        assert "3rd complaint from this person" in reasons[3]  # the earlier two, not the praise in between
        assert not any("from this person" in r for r in reasons[4])  # carol's first


def test_ingest_counts_the_authors_stored_complaints(tmp_path: Path) -> None:
    from desktop_app.services.ingest import Ingestor

    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        complaint = score(60, Label.NEGATIVE, Category.COMPLAINT)
        store(
            ws,
            [
                (mention(sid, 1, author="@Bob", hours_ago=48), complaint),
                (mention(sid, 2, author="bob", hours_ago=30), complaint),
            ],
        )
        fresh = [mention(sid, 10, text="Acme lost my parcel, nobody answers, I want a refund", author="Bob")]
        [(_, scored)] = Ingestor(ws.profile()).score(fresh, now=NOW, reader=ws.reader())
        assert "3rd complaint from this person" in scored.reasons
        [(_, alone)] = Ingestor(ws.profile()).score(fresh, now=NOW)
        assert not any("from this person" in r for r in alone.reasons)


def test_a_frozen_build_rescores_when_the_rules_version_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from desktop_app.scoring import __file__ as scoring_init
    from desktop_app.services import rescore

    package = Path(scoring_init).parent
    frozen = tmp_path / "scoring"  # what a frozen build ships: the package's data files, no .py
    frozen.mkdir()
    for path in package.glob("*.json"):
        shutil.copy(path, frozen / path.name)
    assert (frozen / "rules_version.json").is_file()
    monkeypatch.setattr(rescore, "scoring_init", str(frozen / "__init__.pyc"))
    before = rescore.scoring_fingerprint()
    version = frozen / "rules_version.json"
    version.write_text(version.read_text().replace('"rules": "', '"rules": "next-'), encoding="utf-8")
    assert rescore.scoring_fingerprint() != before


def _figures(ws) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    rows = ws.reader().execute(
        "SELECT id, sentiment, label, complaint, category, urgency, reasons FROM mentions ORDER BY id"
    )
    return [tuple(r) for r in rows]


def _updated_ids(ws) -> list[int]:  # type: ignore[no-untyped-def]
    """Every mention id the writer reports as updated from now on (what the screens hear)."""
    seen: list[int] = []
    ws.writer.add_listener(lambda changes: seen.extend(changes.updated))
    return seen


TEXTS = [
    "Acme charged me twice and nobody answers, I want a refund",
    "I love Acme, best coffee ever",
    "Is Acme open on Sunday?",
    "@acme your app crashes every time I log in. Fix it!",
]


def test_a_second_rescore_by_the_same_rules_writes_nothing(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        store(ws, [(mention(sid, i, text=TEXTS[i % 4], title=""), score()) for i in range(10)])
        updated = _updated_ids(ws)
        assert rescore_workspace(ws, batch=4, now=NOW) == 10
        assert sorted(updated) == sorted(r[0] for r in _figures(ws))  # the made-up figures all changed
        first = _figures(ws)
        updated.clear()
        assert rescore_workspace(ws, batch=4, now=NOW) == 10  # every row scored again...
        assert updated == [] and _figures(ws) == first  # ...none written: nothing changed
        # one row's figures edited behind the scorer's back: only that row is written again
        ws.writer.call(
            lambda conn: conn.execute("UPDATE mentions SET urgency = 1 WHERE id = ?", (first[2][0],))
        )
        rescore_workspace(ws, batch=4, now=NOW)
        assert updated == [first[2][0]] and _figures(ws) == first


class _Seen(list[tuple[int, int]]):
    def add(self, done: int, total: int) -> None:
        self.append((done, total))


def test_workers_read_their_own_rows_and_score_as_this_process_does(tmp_path: Path) -> None:
    from desktop_app.services.scoring_pool import ScoringPool

    complaint = score(60, Label.NEGATIVE, Category.COMPLAINT)
    pool = ScoringPool(2)
    try:
        for name, scorer in (("here", None), ("pool", pool)):
            with make_workspace(tmp_path, name) as ws:
                sid = add_source(ws)
                # authors' history counts complaints as stored when a range is read, and earlier ranges may
                # be written by then: authored rows are complaints before and after, so the count is stable
                pairs = [
                    (mention(sid, i, text=TEXTS[0], author=f"user{i % 3}", hours_ago=40 - i), complaint)
                    if i % 2
                    else (mention(sid, i, text=TEXTS[i % 4], hours_ago=40 - i), complaint)
                    for i in range(23)
                ]
                store(ws, pairs)
                seen = _Seen()
                done = rescore_workspace(ws, scorer, progress=seen.add, batch=5, now=NOW, write_rows=7)
                assert done == 23 and seen[-1] == (23, 23)
                assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # in order, whatever finished first
                assert ws.setting("scoring.fingerprint") is not None
                if name == "here":
                    expected = _figures(ws)
                else:
                    assert _figures(ws) == expected
                    reasons = " ".join(str(r[6]) for r in expected)
                    assert "complaint from this person" in reasons  # authors' history read by the workers
    finally:
        pool.close()


def test_a_rescore_in_workers_can_be_cancelled(tmp_path: Path) -> None:
    from desktop_app.services.scoring_pool import ScoringPool

    pool = ScoringPool(2)
    try:
        with make_workspace(tmp_path) as ws:
            sid = add_source(ws)
            store(ws, [(mention(sid, i, text=TEXTS[i % 4]), score()) for i in range(40)])
            cancel = threading.Event()
            done = rescore_workspace(ws, pool, progress=lambda d, t: cancel.set(), cancel=cancel, batch=4)
            assert 4 <= done < 40
            assert ws.setting("scoring.fingerprint") is None  # a cancelled run leaves the workspace due
            written = [r for r in _figures(ws) if r[6] != '["test"]']
            assert len(written) == done  # what was scored is written, the rest untouched
            assert rescore_workspace(ws, pool) == 40  # the pool is still usable
    finally:
        pool.close()


def test_the_writers_page_cache_is_widened_for_a_rescore_and_restored(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        store(ws, [(mention(sid, i, text=TEXTS[i % 4]), score()) for i in range(5)])
        ws.writer.call(lambda conn: conn.execute("PRAGMA cache_size = -1"))  # 1 KiB: smaller than a fifth
        sizes: list[int] = []
        ws.writer.add_listener(
            lambda _changes: sizes.append(ws.writer._conn.execute("PRAGMA cache_size").fetchone()[0])  # type: ignore[union-attr]
        )
        rescore_workspace(ws, now=NOW)
        assert sizes and all(size < -1 for size in sizes)  # the writes ran with a wider cache
        assert ws.writer.call(lambda conn: conn.execute("PRAGMA cache_size").fetchone()[0]) == -1

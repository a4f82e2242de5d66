"""An author's earlier complaints are read per author on a partial index, at most PRIOR_CAP of them: the cost
of a batch never grows with a prolific author's history (a news outlet with thousands of mentions)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.models import Category, Label
from desktop_app.services.ingest import (
    COMPLAINT_TIMES_BY_ID,
    COMPLAINT_TIMES_BY_KEY,
    PRIOR_CAP,
    complaint_times,
    earlier,
)
from desktop_app.storage.mention_writes import author_key
from tests.support.factories import add_source, make_workspace, mention, score, store


def test_latest_complaints_per_author_capped_and_in_order(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        complaint = score(70, Label.NEGATIVE, Category.COMPLAINT)
        praise = score(10, Label.POSITIVE, Category.PRAISE)
        pairs = [
            (mention(sid, i, author="Outlet", hours_ago=500 - i), complaint) for i in range(PRIOR_CAP + 30)
        ]
        pairs += [(mention(sid, 1000 + i, author="Outlet", hours_ago=i), praise) for i in range(10)]
        pairs += [(mention(sid, 2000, author="carol", hours_ago=3), complaint)]
        store(ws, pairs)
        conn = ws.reader()
        by_key = complaint_times(
            conn, COMPLAINT_TIMES_BY_KEY, [author_key("Outlet"), author_key("carol"), None]
        )
        times = by_key[author_key("Outlet")]
        assert len(times) == PRIOR_CAP and times == sorted(times)  # the latest ones, oldest first
        assert len(by_key[author_key("carol")]) == 1
        outlet_id = conn.execute("SELECT id FROM authors WHERE key = ?", (author_key("Outlet"),)).fetchone()[
            0
        ]
        assert complaint_times(conn, COMPLAINT_TIMES_BY_ID, [outlet_id])[outlet_id] == times
        assert earlier(times, times[-1] + 1) == PRIOR_CAP and earlier(times, times[0]) == 0
        for query in (COMPLAINT_TIMES_BY_KEY, COMPLAINT_TIMES_BY_ID):
            plan = " ".join(str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + query, ("x", 5)))
            assert "mentions_author_complaints" in plan, plan

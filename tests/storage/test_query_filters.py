"""The filters the dashboard clicks through with: label, category, a group of authors, an exact id set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.storage.queries import MentionQuery, Sort, View, count_mentions, mention_ids
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with make_workspace(tmp_path) as workspace:
        yield workspace


def _seed(ws: Workspace) -> dict[str, int]:
    sid = add_source(ws)
    rows = [
        ("a", "alice", 1, score(90, Label.NEGATIVE, Category.COMPLAINT)),
        ("b", "bob", 2, score(70, Label.NEGATIVE, Category.CRISIS)),
        ("c", "alice", 3, score(30, Label.NEUTRAL, Category.QUESTION)),
        ("d", "carol", 30, score(10, Label.POSITIVE, Category.PRAISE)),
        ("e", "bob", 50, score(60, Label.NEGATIVE, Category.COMPLAINT)),
    ]
    ids = store(
        ws, [(mention(sid, i, title=t, author=a, hours_ago=h), s) for i, (t, a, h, s) in enumerate(rows)]
    )
    return dict(zip("abcde", ids, strict=True))


def _titles(ws: Workspace, query: MentionQuery) -> list[str]:
    ids = list(mention_ids(ws.reader(), query.with_(view=View.EVERYTHING, sort=Sort.OLDEST)))
    marks = ",".join("?" * len(ids))
    rows = ws.reader().execute(f"SELECT id, title FROM mentions WHERE id IN ({marks})", ids).fetchall()
    by_id = {r[0]: r[1] for r in rows}
    return [by_id[i] for i in ids]


def test_label_and_category_filters(ws: Workspace) -> None:
    _seed(ws)
    assert _titles(ws, MentionQuery(label="negative")) == ["e", "b", "a"]
    assert _titles(ws, MentionQuery(category="complaint")) == ["e", "a"]
    assert _titles(ws, MentionQuery(label="negative", category="crisis")) == ["b"]
    assert _titles(ws, MentionQuery(label="positive", category="complaint")) == []


def test_author_group_and_exact_ids(ws: Workspace) -> None:
    ids = _seed(ws)
    authors = dict(ws.reader().execute("SELECT name, id FROM authors").fetchall())
    assert _titles(ws, MentionQuery(author_ids=(authors["alice"], authors["carol"]))) == ["d", "c", "a"]
    assert _titles(ws, MentionQuery(author_ids=())) == []  # an empty group matches nothing, not everything
    assert _titles(ws, MentionQuery(ids=(ids["b"], ids["d"], 99_999))) == ["d", "b"]
    assert _titles(ws, MentionQuery(ids=())) == []
    assert (
        count_mentions(ws.reader(), MentionQuery(view=View.EVERYTHING, ids=(ids["a"],), label="neutral")) == 0
    )


def test_filters_combine_with_a_window_and_many_ids(ws: Workspace) -> None:
    ids = _seed(ws)
    now = int(NOW.timestamp())
    query = MentionQuery(view=View.EVERYTHING, label="negative", since=now - 10 * 3600, until=now)
    assert count_mentions(ws.reader(), query) == 2  # e is 50 hours old
    many = (*range(100_000, 140_000), ids["e"])  # more than SQLite's variable limit
    assert count_mentions(ws.reader(), MentionQuery(view=View.EVERYTHING, ids=many)) == 1
    assert _titles(ws, MentionQuery(ids=(ids["a"], ids["d"]), category="praise")) == ["d"]

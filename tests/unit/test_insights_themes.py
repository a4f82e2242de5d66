"""Themes as noun phrases from TextBlob's pattern chunker (no NLTK corpora), grouped by head word; the
fallback when the chunker cannot load; sampling of big windows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nltk
import pytest

from desktop_app.services.demo import create_demo_workspace
from desktop_app.services.insights import themes
from tests.support.factories import add_source, make_workspace, mention, score, store

DOCS = [
    (1, "negative", "The Acme app crashed at the University Ave shop. Acme app support never answered."),
    (2, "negative", "Waited at University Ave for my mobile order; the Acme app lost it."),
    (3, "neutral", "Acme Rewards points vanished from the app after the update."),
    (4, "positive", "Friendly staff at Elm St and the cold brew was smooth."),
    (5, "positive", "Staff were lovely. Best cold brew near Elm St."),
    (6, "negative", "My mobile order was wrong again, and the oat milk surcharge is steep."),
    (7, "neutral", "Is the oat milk surcharge new? Asking for @acmecoffee #AcmeCoffee"),
]


@pytest.fixture
def no_nltk_data(tmp_path: Path) -> Iterator[None]:
    """NLTK finds no corpus at all, as on a user's laptop: only the folder given here, which is empty."""
    saved = list(nltk.data.path)
    nltk.data.path[:] = [str(tmp_path / "nltk_data")]
    themes.noun_phrases_work.cache_clear()
    try:
        with pytest.raises(LookupError):
            nltk.data.find("corpora/brown")
        yield
    finally:
        nltk.data.path[:] = saved
        themes.noun_phrases_work.cache_clear()


def test_noun_phrases_without_nltk_data_group_by_head_and_leave_out_names(no_nltk_data: None) -> None:
    result = themes.themes_of(DOCS, names=("Acme Coffee",), exclude_terms=("Acme app", "Acme Rewards"))
    assert result.method == themes.NP_METHOD
    by_head = {t.head: t for t in result.themes}
    assert by_head["app"].mentions == 3 and by_head["app"].negative == 2  # "Acme app" keeps "app"
    assert by_head["order"].label == "mobile order" and by_head["order"].example_ids == (2, 6)
    assert by_head["brew"].label == "cold brew" and by_head["staff"].mentions == 2
    assert by_head["surcharge"].label == "milk surcharge"
    heads = set(by_head)
    assert not heads & {"university", "ave", "elm", "acme", "acmecoffee", "coffee"}  # names are no theme
    assert not heads & {"cold", "mobile", "friendly", "smooth", "lovely"}  # adjectives are no theme
    assert not heads & {"the", "my", "it", "again"}  # no determiner, pronoun or adverb


def test_the_fallback_is_frequent_words_when_the_chunker_cannot_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(themes, "noun_phrases_work", lambda: False)
    result = themes.themes_of(DOCS, names=("Acme Coffee",), exclude_terms=("Acme app",))
    assert result.method == themes.FALLBACK_METHOD
    labels = {t.label for t in result.themes}
    assert "mobile order" in labels and "cold brew" in labels
    assert "app" not in {t.head for t in result.themes}  # the fallback cannot tell a name: all its words go


def test_big_windows_are_sampled_for_the_chunker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(themes, "MAX_PARSED", 12)
    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        texts = ["The refund request was ignored.", "My loyalty card stopped working."]
        store(ws, [(mention(feed, i, text=texts[i % 2]), score()) for i in range(1, 61)])
        result = themes.themes(ws.reader(), None, None, names=("Acme",))
    assert result.method == themes.NP_METHOD and (result.sampled, result.total) == (12, 60)
    assert {"refund request", "loyalty card"} <= {t.label for t in result.themes}


def test_demo_themes_are_what_an_owner_would_call_themes(tmp_path: Path, no_nltk_data: None) -> None:
    with create_demo_workspace(tmp_path) as ws:
        p = ws.profile()
        result = themes.themes(
            ws.reader(),
            None,
            None,
            names=(p.brand, *p.competitors),
            exclude_terms=(*p.aliases, *p.excluded),
        )
    labels = [t.label for t in result.themes]
    assert result.method == themes.NP_METHOD and len(labels) == 10
    assert {"app", "barista", "staff", "cold brew"} <= set(labels), labels
    places = {"university ave", "lakeport", "elm st", "harbor st", "university", "northwind", "coffee"}
    assert not places & {w for label in labels for w in (label, *label.split())}, labels

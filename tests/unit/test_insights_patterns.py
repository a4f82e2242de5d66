"""Patterns: spikes on synthetic daily counts, daily volume, share of voice and themes (real SQLite)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.models import Label
from desktop_app.services.insights import patterns, themes
from desktop_app.services.insights.window import DAY
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store

DAYS = [1_790_000_000 - 1_790_000_000 % DAY + i * DAY for i in range(30)]


def test_a_jump_far_above_the_trailing_baseline_is_a_spike() -> None:
    counts = [4, 5, 3, 4, 6, 5, 4, 3, 5, 4, 4, 5, 6, 4, 30, 5, 4]
    found = patterns.detect_spikes(DAYS[: len(counts)], counts)
    assert [(s.day, s.count) for s in found] == [(DAYS[14], 30)]
    assert found[0].ratio == round(30 / found[0].baseline_mean, 1)
    assert found[0].threshold < 30


def test_no_spike_for_noise_a_flat_baseline_or_tiny_counts() -> None:
    assert (
        patterns.detect_spikes(DAYS[:20], [4, 6, 3, 5, 7, 4, 5, 6, 3, 5, 8, 4, 6, 5, 9, 5, 4, 6, 7, 5]) == []
    )
    assert patterns.detect_spikes(DAYS[:16], [5] * 15 + [8]) == []  # +3 on a flat 5 is not a spike
    assert patterns.detect_spikes(DAYS[:16], [0] * 15 + [2]) == []  # under the minimum count
    assert patterns.detect_spikes(DAYS[:3], [1, 1, 50]) == []  # too little history to judge
    assert [s.count for s in patterns.detect_spikes(DAYS[:16], [0] * 15 + [4])] == [4]


def test_daily_volume_and_spikes_from_the_database(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        pairs = []
        n = 0
        for day in range(1, 16):  # one mention a day for 15 days, then 12 on the last day
            n += 1
            pairs.append((mention(feed, n, text="Acme ok", hours_ago=24 * day + 1), score()))
        for _ in range(12):
            n += 1
            pairs.append((mention(feed, n, text="Acme is down", hours_ago=1), score(90, Label.NEGATIVE)))
        store(ws, pairs)
        now = int(NOW.timestamp())
        days = patterns.daily_volume(ws.reader(), now - 16 * DAY, now)
        assert len(days) == 17 and sum(d.total for d in days) == 27  # noon to noon spans 17 UTC days
        assert days[-1].total == 12 and days[-1].negative == 12 and days[-1].negative_share == 1.0
        found = patterns.spikes(ws.reader(), now - 3 * DAY, now)  # the baseline reaches back before `since`
        assert [(s.count, s.ratio) for s in found] == [(12, 12.0)]


def test_share_of_voice_counts_whole_names(tmp_path: Path) -> None:
    with make_workspace(tmp_path, competitors=("Bolt Coffee", "Zenith")) as ws:
        feed = add_source(ws)
        store(
            ws,
            [
                (mention(feed, 1, text="Acme beats Bolt Coffee"), score(10, Label.POSITIVE)),
                (mention(feed, 2, text="Zenith is better than Acme"), score(50, Label.NEGATIVE)),
                (mention(feed, 3, text="Acme again"), score()),
                (mention(feed, 4, title="Bolt Coffee opens", text="Bolt Coffee and Zenith"), score()),
                (mention(feed, 5, title="x", text="Boltcoffee and Zenithal are other words"), score()),
            ],
        )
        profile = ws.profile()
        voices = patterns.share_of_voice(
            ws.reader(), None, None, brand="Acme", aliases=profile.aliases, competitors=profile.competitors
        )
        figures = {v.name: (v.mentions, v.negative, v.positive, v.share) for v in voices}
        # mentions 1-3 name Acme (text and the factory's "Acme story N" title); 4 and 5 do not
        assert figures["Acme"] == (3, 1, 1, round(3 / 7, 4))
        assert figures["Bolt Coffee"] == (2, 0, 1, round(2 / 7, 4))
        assert figures["Zenith"] == (2, 1, 0, round(2 / 7, 4))
        assert voices[0].is_brand and not voices[1].is_brand


def test_top_sources_and_authors(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        other = add_source(ws, name="Other", url="https://other.example/rss")
        store(
            ws,
            [
                (mention(feed, 1, author="ann"), score(50, Label.NEGATIVE)),
                (mention(feed, 2, author="ann"), score()),
                (mention(other, 3, author="bob"), score()),
            ],
        )
        ws.writer.call(lambda c: c.execute("UPDATE mentions SET reach = 500 WHERE source_item_id = 'item-3'"))
        sources = patterns.top_sources(ws.reader(), None, None)
        assert [(s.name, s.mentions, s.negative) for s in sources] == [("Feed", 2, 1), ("Other", 1, 0)]
        by_reach = patterns.top_sources(ws.reader(), None, None, by="reach")
        assert [(s.name, s.reach, s.mentions) for s in by_reach] == [("Other", 500, 1), ("Feed", 0, 2)]
        authors = patterns.top_authors(ws.reader(), None, None)
        assert [(a.name, a.reach, a.mentions) for a in authors] == [("bob", 500, 1), ("ann", 0, 2)]


def test_themes_group_phrases_by_head_word() -> None:
    docs = [
        (1, "negative", "The Acme mobile app crashes at checkout."),
        (2, "negative", "Mobile app crashed again; the Acme mobile app is useless."),
        (3, "neutral", "Their new mobile app looks different."),
        (4, "positive", "Great cold brew at Acme today!"),
        (5, "positive", "The cold brew is smooth."),
        (6, "neutral", "Parking near the store is hard."),
    ]
    result = themes.themes_of(docs, exclude_terms=("Acme",))
    by_head = {t.head: t for t in result.themes}
    assert result.themes[0].label == "mobile app" and result.themes[0].mentions == 3
    assert by_head["app"].negative == 2 and by_head["app"].example_ids == (1, 2, 3)
    assert by_head["brew"].label == "cold brew"
    assert "cold" not in by_head and "mobile" not in by_head  # modifiers fold into their head's theme
    assert "acme" not in by_head and "the" not in by_head and "great" not in by_head
    assert "parking" not in by_head  # seen once: not a theme
    assert result.sampled == 6


def test_themes_from_the_database_sample_large_windows(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        store(
            ws,
            [
                (mention(feed, i, text=f"Acme refund request ignored, ticket {i}"), score())
                for i in range(1, 41)
            ],
        )
        result = themes.themes(ws.reader(), None, None, exclude_terms=("Acme",), max_texts=10)
        assert result.total == 40 and result.sampled == 10
        labels = {t.label for t in result.themes}
        assert "refund request" in labels and "refund" not in labels
        assert all(t.mentions == 10 for t in result.themes)
        assert "ticket" in labels

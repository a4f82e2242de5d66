"""Feeds made on the fly for tests and benchmarks: RSS 2.0 shaped like a Google News search feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

SAMPLE_TEXTS = (
    "{brand} charged me twice for one order and support has not answered in three days. I want a refund.",
    "Just had the best flat white of my life at {brand}. The barista remembered my name!",
    "Does anyone know if {brand} delivers on Sundays?",
    "Waited 40 minutes at {brand} and the order was still wrong. Never again.",
    "{brand} app keeps logging me out, can't even check my points",
    "Shout out to the {brand} team for fixing my subscription so quickly",
    "I hate {brand} so much right now. Cancelled my plan and they still billed me.",
    "New {brand} shop opens downtown next week",
)


def rss_feed(
    n_items: int,
    *,
    brand: str = "Acme",
    prefix: str = "item",
    start: datetime | None = None,
    title: str = "Google News search",
    off_topic_every: int = 0,
) -> bytes:
    """An RSS feed of `n_items`; every `off_topic_every`-th item does not mention the brand."""
    start = start or datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    items = []
    for i in range(n_items):
        off_topic = off_topic_every and i % off_topic_every == off_topic_every - 1
        name = "the weather" if off_topic else brand
        text = SAMPLE_TEXTS[i % len(SAMPLE_TEXTS)].format(brand=name)
        published = format_datetime(start - timedelta(minutes=7 * i))
        items.append(
            f"<item><title>{escape(text[:70])} - Outlet {i % 5}</title>"
            f"<link>https://news.example/{prefix}/{i}?utm_source=rss</link>"
            f'<guid isPermaLink="false">{prefix}-{i}</guid>'
            f"<pubDate>{published}</pubDate>"
            f"<description>{escape('<p>' + escape(text) + '</p>')}</description>"
            f'<source url="https://outlet{i % 5}.example">Outlet {i % 5}</source></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link><description>test</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.html import html_to_text, is_safe_link, sanitize_html
from desktop_app.core.models import FetchedItem
from desktop_app.core.normalize import canonical_url, mention_uid, normalize_item, story_key

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_canonical_url_strips_tracking_fragment_and_www() -> None:
    a = canonical_url("HTTP://www.Example.com:80/news/story/?utm_source=x&b=2&a=1&fbclid=zz#comments")
    assert a == "https://example.com/news/story?a=1&b=2"
    assert canonical_url("https://example.com/news/story?b=2&a=1") == a


def test_canonical_url_keeps_meaningful_params_and_ports() -> None:
    assert canonical_url("https://shop.example:8443/p?id=7") == "https://shop.example:8443/p?id=7"


def test_canonical_url_rejects_non_http() -> None:
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("ftp://example.com/x") is None
    assert canonical_url("") is None
    assert canonical_url("http://[::1") is None


@given(st.text())
def test_canonical_url_never_crashes_and_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    if once is not None:
        assert canonical_url(once) == once


def test_html_to_text_drops_scripts_and_keeps_paragraphs() -> None:
    html = "<p>Hello <b>there</b></p><script>alert('x')</script><p>Second&nbsp;line &amp; more</p>"
    assert html_to_text(html) == "Hello there\n\nSecond line & more"
    assert html_to_text("one<br>two") == "one\ntwo"


@given(st.text())
def test_html_to_text_total(markup: str) -> None:
    text = html_to_text(markup)
    assert "<script" not in text.lower() or "<script" in markup.lower()


def test_sanitize_html_removes_active_content() -> None:
    dirty = (
        '<p onclick="x()">Hi<script>alert(1)</script><img src="https://t.example/p.gif" onerror="y()">'
        '<a href="javascript:alert(2)">bad</a><a href="https://ok.example/">ok</a>'
        '<iframe src="https://evil.example"></iframe><style>p{}</style><form><input></form></p>'
    )
    clean = sanitize_html(dirty)
    for needle in ("script", "onclick", "onerror", "javascript:", "iframe", "<style", "<form", "<img"):
        assert needle not in clean.lower()
    assert 'href="https://ok.example/"' in clean


def test_sanitize_html_images_only_when_asked() -> None:
    assert "<img" in sanitize_html('<img src="https://i.example/a.png">', allow_images=True)
    assert "<img" not in sanitize_html('<img src="https://i.example/a.png">')


def test_safe_links() -> None:
    assert is_safe_link("https://x.example")
    assert not is_safe_link("file:///etc/passwd")
    assert not is_safe_link("javascript:alert(1)")


def test_story_key_groups_outlets() -> None:
    a = story_key("Northwind Coffee app outage leaves customers unable to order - The Daily Bugle", "u1")
    b = story_key("Northwind Coffee app outage leaves customers unable to order | Metro News", "u2")
    c = story_key("Northwind Coffee opens a new shop on Elm Street - The Daily Bugle", "u3")
    assert a == b != c


def test_short_or_missing_titles_are_stories_of_their_own() -> None:
    assert story_key("", "u1") != story_key("", "u2")
    assert story_key("Northwind Coffee - Elm St", "u1") != story_key("Northwind Coffee - Elm St", "u2")


def test_google_redirect_links_are_unwrapped() -> None:
    from desktop_app.core.normalize import unwrap_redirect

    wrapped = "https://www.google.com/url?rct=j&sa=t&url=https://blog.example/post%3Fid%3D3&ct=ga"
    assert unwrap_redirect(wrapped) == "https://blog.example/post?id=3"
    assert (
        unwrap_redirect("https://www.google.com/url?q=javascript:alert(1)")
        == "https://www.google.com/url?q=javascript:alert(1)"
    )
    m = normalize_item(_item(url=wrapped), source_id=1, source_kind="rss", fetched_at=NOW)
    assert m.url == "https://blog.example/post?id=3"


def _item(**kw: object) -> FetchedItem:
    base: dict[str, object] = dict(
        source_item_id="g1", url="https://ex.example/a?utm_medium=rss", title="T", content_html="<p>Body</p>"
    )
    base.update(kw)
    return FetchedItem(**base)  # type: ignore[arg-type]


def test_normalize_item_times_and_ids() -> None:
    local = timezone(timedelta(hours=2))
    m = normalize_item(
        _item(published=datetime(2026, 11, 20, 10, 0, tzinfo=local)),
        source_id=1,
        source_kind="rss",
        fetched_at=NOW,
    )
    assert m.published_at == datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert not m.published_estimated
    assert m.canonical_url == "https://ex.example/a"
    assert m.text == "Body"
    assert m.uid == mention_uid("https://ex.example/a", "other-kind", "other-id", "other")


def test_normalize_item_without_time_falls_back_to_fetch_time() -> None:
    m = normalize_item(_item(published=None), source_id=1, source_kind="rss", fetched_at=NOW)
    assert m.published_at == NOW and m.published_estimated
    ahead = normalize_item(
        _item(published=NOW + timedelta(minutes=5)), source_id=1, source_kind="rss", fetched_at=NOW
    )
    assert ahead.published_at == NOW and not ahead.published_estimated
    future = normalize_item(
        _item(published=NOW + timedelta(days=3)), source_id=1, source_kind="rss", fetched_at=NOW
    )
    assert future.published_at == NOW and future.published_estimated


def test_uid_without_url_uses_source_id() -> None:
    a = normalize_item(_item(url=None), source_id=1, source_kind="rss", fetched_at=NOW)
    b = normalize_item(_item(url=None, source_item_id="g2"), source_id=1, source_kind="rss", fetched_at=NOW)
    assert a.uid != b.uid
    assert a.url is None


def test_clean_url_keeps_the_link_but_drops_trackers() -> None:
    from desktop_app.core.normalize import clean_url

    assert clean_url("http://Shop.example/p?id=7&utm_source=x#c12") == "http://Shop.example/p?id=7#c12"
    assert clean_url("https://x.example/a?b=1") == "https://x.example/a?b=1"
    assert clean_url("javascript:alert(1)") is None

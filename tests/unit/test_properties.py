"""Properties that must hold for any input: normalizer, canonical URL, brand query, templates, sanitizer.

The older property tests check that these never crash; these check what the output must be.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.errors import UserError
from desktop_app.core.html import html_to_text, sanitize_html
from desktop_app.core.models import BrandProfile, FetchedItem
from desktop_app.core.normalize import canonical_url, normalize_item
from desktop_app.drafting.render import KNOWN_VARIABLES, render
from desktop_app.scoring.brand_query import parse_query, query_for_profile
from desktop_app.services.mention_io import record_to_item
from tests.support.sanitize_check import unsafe_findings

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

hosts = st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z]{2,6}){1,2}", fullmatch=True)
keys = st.sampled_from(["a", "b", "id", "q", "page", "utm_source", "utm_medium", "fbclid", "gclid", "ref"])
values = st.text("abcxyz019-_", max_size=6)
paths = st.lists(st.text("abcdefgh0123-_", min_size=1, max_size=8), max_size=4).map(
    lambda p: "/" + "/".join(p)
)


@st.composite
def urls(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "HtTpS"]))
    host = draw(hosts)
    www = draw(st.sampled_from(["", "www.", "WWW."]))
    params = draw(st.lists(st.tuples(keys, values), max_size=5, unique_by=lambda kv: kv[0]))
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(st.sampled_from(["", "#top", "#comments"]))
    url = f"{scheme}://{www}{host.upper() if draw(st.booleans()) else host}{draw(paths)}"
    return url + (f"?{query}" if query else "") + fragment, params


@given(urls())
def test_canonical_url_is_https_lower_host_no_tracking_sorted_and_idempotent(
    case: tuple[str, list[tuple[str, str]]],
) -> None:
    url, params = case
    canon = canonical_url(url)
    assert canon is not None and canon.startswith("https://") and "#" not in canon
    parts = urlsplit(canon)
    assert parts.netloc == parts.netloc.lower() and not parts.netloc.startswith("www.")
    kept = parse_qsl(parts.query, keep_blank_values=True)
    assert all(not k.startswith("utm_") and k not in ("fbclid", "gclid") for k, _ in kept)
    assert kept == sorted(kept)
    assert canonical_url(canon) == canon
    reordered = url.split("?")[0].split("#")[0] + "?" + "&".join(f"{k}={v}" for k, v in reversed(params))
    assert canonical_url(reordered) == canon  # parameter order never makes two mentions of one page


def _has_controls(text: str) -> bool:
    return any(ch not in "\n\t" and unicodedata.category(ch) == "Cc" for ch in text)


@st.composite
def items(draw: st.DrawFn) -> FetchedItem:
    offset = draw(st.integers(-14 * 60, 14 * 60))
    published = draw(
        st.none()
        | st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
            lambda d: d.replace(tzinfo=timezone(timedelta(minutes=offset)))
        )
    )
    return FetchedItem(
        source_item_id=draw(st.text(max_size=20)),
        url=draw(st.none() | st.text(max_size=40) | urls().map(lambda c: c[0])),
        title=draw(st.text(max_size=80)),
        content_html=draw(st.text(max_size=200)),
        author=draw(st.none() | st.text(max_size=30)),
        published=published,
    )


@settings(max_examples=300, deadline=None)
@given(items())
def test_normalize_item_gives_clean_deterministic_mentions(item: FetchedItem) -> None:
    m = normalize_item(item, source_id=3, source_kind="rss", fetched_at=NOW)
    again = normalize_item(item, source_id=3, source_kind="rss", fetched_at=NOW)
    assert m.uid == again.uid and m.story_key == again.story_key and m.content_hash == again.content_hash
    assert m.published_at.tzinfo is not None and m.published_at <= NOW
    assert m.url is None or m.url.lower().startswith(("http://", "https://"))
    assert m.canonical_url is None or canonical_url(m.canonical_url) == m.canonical_url
    for text in (m.title, m.text, m.author or ""):
        assert not _has_controls(text) and text == text.strip()
    assert "<" not in m.text or "<" in item.content_html  # tags are gone, only escaped ones come back


@given(st.text())
def test_html_to_text_never_returns_control_characters(markup: str) -> None:
    assert not _has_controls(html_to_text(markup))


words = st.text("abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=8).filter(lambda w: w != "OR")
terms = st.lists(words, min_size=1, max_size=3).map(" ".join)


@st.composite
def queries(draw: st.DrawFn) -> str:
    groups = draw(st.lists(st.lists(terms, min_size=1, max_size=3), min_size=1, max_size=3))
    excluded = draw(st.lists(terms, max_size=2))
    quote = lambda t: f'"{t}"' if " " in t else t  # noqa: E731
    text = " OR ".join(" ".join(quote(t) for t in g) for g in groups)
    return text + "".join(f" -{quote(e)}" for e in excluded)


@given(queries())
def test_brand_query_round_trips_and_finds_its_own_terms(query: str) -> None:
    parsed = parse_query(query)
    assert parse_query(parsed.describe()) == parsed
    matcher = parsed.matcher()
    for group in parsed.groups:
        text = " , ".join(t.text for t in group)
        vetoed = any(e.lower() in text.lower() for e in parsed.excluded)
        if not vetoed:
            assert matcher.matches(text.upper()), (query, text)  # case never matters
    assert not matcher.matches("")


@given(st.text())
def test_brand_query_parse_is_stable(query: str) -> None:
    try:
        parsed = parse_query(query)
    except UserError:
        return
    assert parse_query(parsed.describe()) == parsed


chunks = st.text(st.characters(blacklist_characters="{}"), max_size=10)
names = st.sampled_from(KNOWN_VARIABLES)


@given(
    st.lists(st.tuples(chunks, names), max_size=6),
    chunks,
    st.dictionaries(names, st.text(max_size=10) | st.just("   ")),
)
def test_render_fills_every_placeholder_exactly_once(
    pieces: list[tuple[str, str]], tail: str, variables: dict[str, str]
) -> None:
    template = "".join(f"{text}{{{name}}}" for text, name in pieces) + tail
    out = render(template, variables)
    expected, missing = [], []
    for text, name in pieces:
        value = variables.get(name)
        filled = value is not None and value.strip()
        expected.append(text + (value if filled else f"[{name}?]"))  # type: ignore[operator]
        if not filled and name not in missing:
            missing.append(name)
    assert out.text == "".join(expected) + tail
    assert out.missing == missing


hostile_html = st.lists(
    st.sampled_from([
        "<script>", "</script>", "<img src=", "http://t.example/p.gif", "javascript:", "data:", "vbscript:",
        " onerror=", " onclick=", "<a href=", "<style>", "<iframe ", "<object ", "<embed ", "<form ",
        "<svg>", "<math>", '"', "'", ">", "<", "&#x09;", "&lt;", "<!--", "-->", "<p>", "</p>", "alert(1)",
        "<link rel=stylesheet href=", "<table background=", " style=", "url(", "<base href=",
    ]) | st.text(max_size=5),
    max_size=25,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(hostile_html)
def test_sanitized_html_is_always_safe(markup: str) -> None:
    assert unsafe_findings(sanitize_html(markup)) == []


plain_texts = st.text("abcdefghij klmnop", min_size=1, max_size=40).filter(lambda t: t.strip())


@given(plain_texts, plain_texts)
def test_items_without_id_url_or_title_differ_by_their_text(a: str, b: str) -> None:
    def norm(text: str):  # type: ignore[no-untyped-def]
        item = FetchedItem(source_item_id="", url=None, title="", content_html=text)
        return normalize_item(item, source_id=1, source_kind="rss", fetched_at=NOW)

    first, second = norm(a), norm(b)
    same = html_to_text(a) == html_to_text(b)
    assert (first.uid == second.uid) == same and (first.source_item_id == second.source_item_id) == same


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "text", "title", "author", "date"]), plain_texts, min_size=1))
def test_imported_rows_get_ids_from_their_content_only(row: dict[str, str]) -> None:
    item = record_to_item(row, 0)
    if item is None:
        assert not row.get("text") and not row.get("title")
        return
    assert record_to_item(dict(reversed(list(row.items()))), 99) == item  # order and position do not matter
    for key in row:
        changed = record_to_item({**row, key: row[key] + "x"}, 0)
        assert changed is None or changed.source_item_id != item.source_item_id


words = st.lists(st.text("abcdefgh", min_size=1, max_size=6), min_size=1, max_size=4)


@given(words, st.sampled_from(['"{}"', "\u201c{}\u201d", "{}"]))
def test_a_name_in_quotes_matches_its_phrase_and_not_its_words_apart(ws: list[str], quoting: str) -> None:
    phrase = " ".join(ws)
    matcher = query_for_profile(BrandProfile("zzqq", (quoting.format(phrase),))).matcher()
    assert matcher.matches(f"I said {phrase.upper()}!")
    if len(ws) > 1:  # the words apart are not the phrase ("and" cannot be one of them: no "n")
        assert not matcher.matches(" and ".join(ws))

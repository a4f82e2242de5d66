"""Templates: the default library, situations, and the per-workspace library in SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.drafting.compose import suggest_draft
from desktop_app.drafting.render import KNOWN_VARIABLES, placeholders, render
from desktop_app.drafting.templates import (
    SITUATIONS,
    Template,
    add_template,
    choose_template,
    default_library,
    delete_template,
    duplicate_template,
    edit_template,
    load_library,
    reset_library_sql,
    save_library_sql,
    suggest_situation,
)
from desktop_app.drafting.tone import check
from tests.support.factories import make_workspace

VALUES = {
    "author": "@sam",
    "first_name": "Sam",
    "brand": "Northwind",
    "issue": "the wait",
    "signature": "Jo, Northwind care",
    "agent_name": "Jo",
    "support_channel": "care@nw.example",
}
CATEGORY = {
    "complaint": "complaint",
    "review_low": "complaint",
    "crisis": "crisis",
    "chronic_complainer": "complaint",
}


def test_defaults_cover_every_situation_with_two_or_more() -> None:
    library = default_library()
    for situation in SITUATIONS:
        assert len([t for t in library if t.situation == situation]) >= 2, situation
    assert len({t.id for t in library}) == len(library)


@pytest.mark.parametrize("template", default_library(), ids=lambda t: t.id)
def test_every_default_template_passes_its_own_checks(template: Template) -> None:
    assert set(placeholders(template.text)) <= set(KNOWN_VARIABLES)
    channel = template.channels[0] if template.channels else "reddit"
    text = render(template.text, VALUES).text
    findings = check(
        text,
        mention_category=CATEGORY.get(template.situation, "other"),
        channel=channel,
        public_contacts=["care@nw.example"],
    )
    assert findings == [], [f.code for f in findings]


def test_crisis_defaults_are_careful() -> None:
    for t in default_library():
        if t.situation == "crisis":
            assert "!" not in t.text
            assert "fault" not in t.text.lower()


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ({"category": "crisis", "label": "negative"}, "crisis"),
        ({"category": "complaint", "text": "I'm calling my lawyer"}, "crisis"),
        ({"category": "complaint", "label": "negative"}, "complaint"),
        ({"category": "other", "label": "negative"}, "complaint"),
        ({"category": "question", "label": "neutral"}, "question"),
        ({"category": "praise", "label": "positive"}, "praise"),
        ({"category": "complaint", "rating": 1}, "review_low"),
        ({"category": "other", "rating": 2.0}, "review_low"),
        ({"category": "praise", "label": "positive", "rating": 5}, "review_high"),
        ({"category": "complaint", "label": "negative", "rating": 4}, "review_low"),
        ({"category": "complaint", "author_flags": ["chronic_complainer"]}, "chronic_complainer"),
        ({"category": "complaint", "ex_employee": True}, "ex_employee"),
        ({"category": "other", "text": "I used to work at Acme, the pay is awful"}, "ex_employee"),
        ({"category": "suggestion", "label": "neutral"}, "other"),
        ({}, "other"),
    ],
)
def test_suggest_situation(mention: dict[str, object], expected: str) -> None:
    assert suggest_situation(mention) == expected


def test_choose_prefers_short_templates_on_short_channels() -> None:
    library = default_library()
    for seed in range(4):
        chosen = choose_template(library, "complaint", "x", seed=seed)
        assert chosen is not None and "x" in chosen.channels
        general = choose_template(library, "complaint", "reddit", seed=seed)
        assert general is not None and not general.channels


def test_choose_falls_back_when_a_situation_has_no_template() -> None:
    library = [t for t in default_library() if t.situation != "chronic_complainer"]
    chosen = choose_template(library, "chronic_complainer", "reddit")
    assert chosen is not None and chosen.situation == "complaint"
    assert choose_template([], "complaint") is None


def test_list_helpers() -> None:
    base = default_library()[:3]
    added = add_template(base, Template("new", "Mine", "praise", "Thanks {author}."))
    assert [t.id for t in added][-1] == "new"
    assert add_template(added, Template("new", "Again", "praise", "x"))[-1].id != "new"
    edited = edit_template(added, "new", text="Thank you, {author}.", channels=["x"])
    assert edited[-1].text == "Thank you, {author}." and edited[-1].channels == ("x",)
    assert added[-1].text == "Thanks {author}."  # the original list is untouched
    with pytest.raises(ValueError):
        edit_template(added, "new", situation="nonsense")
    with pytest.raises(KeyError):
        edit_template(added, "missing", text="x")
    copied = duplicate_template(edited, base[0].id)
    assert copied[1].name == base[0].name + " (copy)" and copied[1].id != base[0].id
    assert [t.id for t in delete_template(copied, "new")] == [t.id for t in copied if t.id != "new"]


def test_library_round_trip_in_a_workspace(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    try:
        assert load_library(ws.reader()) == default_library()
        mine = add_template(
            default_library()[:2], Template("mine", "Café reply ☕", "praise", "Merci, {author}!", ("x",))
        )
        ws.writer.call(lambda conn: save_library_sql(conn, mine))
        assert load_library(ws.reader()) == mine
        ws.writer.call(lambda conn: save_library_sql(conn, []))
        assert load_library(ws.reader()) == []
        ws.writer.call(reset_library_sql)
        assert load_library(ws.reader()) == default_library()
        ws.writer.call(lambda conn: conn.execute("INSERT INTO settings VALUES ('templates', '{broken')"))
        assert load_library(ws.reader()) == default_library()
    finally:
        ws.close()


def test_suggest_draft_end_to_end() -> None:
    mention = {
        "id": 7,
        "author": "quinn",
        "source_kind": "bluesky",
        "category": "complaint",
        "label": "negative",
        "text": "Waited 40 minutes for a latte at Acme",
        "reasons": ["still waiting"],
    }
    settings = {"signature": "Jo", "support_channel": "care@acme.example"}
    draft = suggest_draft(mention, default_library(), "Acme", settings)
    assert draft.situation == "complaint"
    assert draft.text.startswith("@quinn")
    assert "the wait" in draft.text
    assert draft.findings == []
    unsigned = suggest_draft(mention, default_library(), "Acme", {})
    assert "support_channel" in unsigned.rendered.missing
    assert "unfilled_placeholder" in {f.code for f in unsigned.findings}

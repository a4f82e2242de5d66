"""People: author kinds with evidence, net score, and haters turned around by a reply (real SQLite)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.models import Category, Label
from desktop_app.services.insights import people
from desktop_app.services.insights.people import Kind
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store

HOUR = 3600
THREAD = "Acme coffee shop closes downtown branch after complaints"


def _kinds(ws: Workspace) -> dict[str, people.AuthorProfile]:
    profiles = people.classify_authors(ws.reader(), None, None, brand_terms=("Acme",))
    return {p.name: p for p in profiles}


def _build(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path)
    feed = add_source(ws)
    other = add_source(ws, name="Reviews", url="https://reviews.example/rss")
    neg = score(80, Label.NEGATIVE, Category.COMPLAINT)
    pos = score(10, Label.POSITIVE, Category.PRAISE)
    neutral = score(20)
    store(
        ws,
        [
            # carol: 3 complaints over 9 days on 2 sources, never answered
            (mention(feed, 1, text="Acme lost my order", author="carol", hours_ago=24 * 10), neg),
            (mention(other, 2, text="Acme lost it again", author="carol", hours_ago=24 * 5), neg),
            (mention(feed, 3, text="Acme still has not refunded", author="carol", hours_ago=24 * 1), neg),
            # frank: 3 complaints within 2 days: loud, not chronic
            (mention(feed, 4, text="Acme app down", author="frank", hours_ago=48), neg),
            (mention(feed, 5, text="Acme app still down", author="frank", hours_ago=30), neg),
            (mention(feed, 6, text="Acme app down again", author="frank", hours_ago=2), neg),
            # dave: repeatedly positive
            (mention(feed, 7, text="Acme latte is lovely", author="dave", hours_ago=50), pos),
            (mention(other, 8, text="Acme staff were kind", author="dave", hours_ago=5), pos),
            # erin: an ex-employee, neutral
            (mention(feed, 9, text="I used to work at Acme and the milk is fresh", author="erin"), neutral),
            # gina: one positive post defending the brand in a thread where someone complained
            (mention(feed, 10, title=THREAD, text="Terrible Acme", author="hal", hours_ago=3), neg),
            (mention(feed, 11, title=THREAD, text="Acme sorted my refund", author="gina", hours_ago=2), pos),
            # ivy: "not my experience" in a neutral post, not in a thread
            (mention(feed, 12, text="Slow service? Not my experience at Acme", author="ivy"), neutral),
        ],
    )
    return ws


def test_author_kinds_with_evidence(tmp_path: Path) -> None:
    with _build(tmp_path) as ws:
        found = _kinds(ws)
        carol = found["carol"]
        assert set(carol.kinds) == {Kind.DETRACTOR, Kind.CHRONIC_COMPLAINER}
        chronic = next(e for e in carol.evidence if e.kind == Kind.CHRONIC_COMPLAINER)
        assert len(chronic.mention_ids) == 3
        assert any("3 complaints over 9 days on 2 sources (Feed, Reviews)" in r for r in chronic.reasons)
        assert "never replied to" in chronic.reasons
        assert Kind.CHRONIC_COMPLAINER not in found["frank"].kinds  # 2 days is not chronic
        assert Kind.DETRACTOR in found["frank"].kinds
        assert found["dave"].kinds == (Kind.ADVOCATE,)
        assert found["erin"].kinds == (Kind.EX_EMPLOYEE,)
        assert "i used to work at" in found["erin"].evidence[0].reasons[0]
        gina = found["gina"]
        assert gina.kinds == (Kind.ADVOCATE,)
        assert "thread" in gina.evidence[0].reasons[0]
        assert found["ivy"].kinds == (Kind.ADVOCATE,)
        assert "not my experience" in found["ivy"].evidence[0].reasons[0]
        assert found["hal"].kinds == ()  # one negative post is not "mostly negative" yet


def test_a_reply_that_changed_nothing_keeps_a_chronic_complainer(tmp_path: Path) -> None:
    with _build(tmp_path) as ws:
        carol_first = ws.reader().execute("SELECT min(id) FROM mentions WHERE author = 'carol'").fetchone()[0]
        reply_at = NOW.timestamp() - 24 * 7 * HOUR
        TriageService(ws, clock=lambda: reply_at).record_reply(carol_first, "Sorry, we are on it").result()
        chronic = next(e for e in _kinds(ws)["carol"].evidence if e.kind == Kind.CHRONIC_COMPLAINER)
        assert any("2 complaint(s) after the first reply" in r for r in chronic.reasons)


def test_net_score_counts_each_author_by_their_mean(tmp_path: Path) -> None:
    with _build(tmp_path) as ws:
        overall = people.net_score(ws.reader(), None, None)
        # promoters: dave, gina (+0.6); detractors: carol, frank, hal (-0.6); passives: erin, ivy (0)
        assert (overall.promoters, overall.passives, overall.detractors) == (2, 2, 3)
        assert overall.score == round((2 - 3) / 7 * 100, 1)
        now = int(NOW.timestamp())
        weekly = people.net_scores(ws.reader(), now - 14 * 86400 + 1, now + 1)
        assert [w.authors for w in weekly] == [1, 7]  # carol alone in week one; everyone in week two


def test_haters_turned_by_a_reply(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    feed = add_source(ws)
    neg = score(80, Label.NEGATIVE, Category.COMPLAINT)
    pos = score(10, Label.POSITIVE, Category.PRAISE)
    ids = store(
        ws,
        [
            (mention(feed, 1, text="Acme broke my mug", author="hank", hours_ago=48), neg),
            (mention(feed, 2, text="Acme replaced it, thanks", author="hank", hours_ago=10), pos),
            (mention(feed, 3, text="Acme is slow", author="ivan", hours_ago=48), neg),
            (mention(feed, 4, text="Acme is still slow", author="ivan", hours_ago=10), neg),
            (mention(feed, 5, text="Acme is nice", author="jo", hours_ago=48), pos),
        ],
    )
    triage = TriageService(ws, clock=lambda: NOW.timestamp() - 40 * HOUR)
    for mid in (ids[0], ids[2], ids[4]):
        triage.record_reply(mid, "Thanks for telling us").result()
    with ws:
        summary = people.conversions(ws.reader(), None, None)
        assert (summary.replied_authors, summary.compared, summary.were_negative, summary.turned) == (
            3,
            2,
            2,
            1,
        )
        assert summary.turned_positive == 1
        hank = next(c for c in summary.authors if c.name == "hank")
        assert hank.turned and hank.before_ids == (ids[0],) and hank.after_ids == (ids[1],)
        assert hank.outcome == "positive since the reply"
        ivan = next(c for c in summary.authors if c.name == "ivan")
        assert not ivan.turned and ivan.outcome == "still negative" and ivan.complaints_after == 1
        jo = next(c for c in summary.authors if c.name == "jo")
        assert jo.after_mean is None and jo.outcome == "no mention since the reply"
        # the first reply must fall inside the window
        assert people.conversions(ws.reader(), int(NOW.timestamp()) - 20 * HOUR, None).replied_authors == 0


EX_EMPLOYEE_POSTS = {
    "kim": "As a former Acme employee I can tell you the milk is fresh.",
    "lee": "ex-Acme manager here: the rota was always a mess.",
    "mo": "I worked there for two years and the kitchen was clean.",
    "ned": "I was an Acme employee until May.",
    "ola": "Honestly, I used to work at Acme for a couple of years.",
    "pat": "When I worked for them the training was good.",
}
NOT_EX_EMPLOYEE_POSTS = {
    "quin": "I used to work at a different cafe and we never did this.",
    "rae": "I worked at a bakery for two years, so I know bread.",
    "sol": "My former manager at school loved Acme.",
    "tia": "Would you work at Acme? The pay looks low.",
}


def test_ex_employees_say_so_about_this_brand(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        posts = {**EX_EMPLOYEE_POSTS, **NOT_EX_EMPLOYEE_POSTS}
        store(
            ws, [(mention(feed, i, text=t, author=a), score()) for i, (a, t) in enumerate(posts.items(), 1)]
        )
        found = {
            p.name: p for p in people.classify_authors(ws.reader(), brand_terms=("Acme Coffee", "Acme app"))
        }
    for name in EX_EMPLOYEE_POSTS:
        assert found[name].kinds == (Kind.EX_EMPLOYEE,), name
    for name in NOT_EX_EMPLOYEE_POSTS:
        assert found[name].kinds == (), name
    assert found["mo"].evidence[0].reasons == ('says "i worked there for two years"',)
    assert found["ola"].evidence[0].reasons == ('says "i used to work at acme for a couple of years"',)


def test_a_chronic_complainer_complains_across_sources(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        reviews = add_source(ws, name='Reviews: "Acme"', url="https://reviews.example/rss")  # site: query
        neg = score(80, Label.NEGATIVE, Category.COMPLAINT)
        rows = [  # uma: 4 complaints over 12 days, all on one forum; vic: the same spread over two sources
            (mention(feed, i, text=f"Acme order {i} lost", author="uma", hours_ago=24 * (12 - 4 * i)), neg)
            for i in range(4)
        ]
        rows += [
            (
                mention(
                    reviews if i % 2 else feed,
                    10 + i,
                    text="Acme late",
                    author="vic",
                    hours_ago=24 * (12 - 4 * i),
                ),
                neg,
            )
            for i in range(4)
        ]
        rows += [  # wes: 6 complaints over 10 days on one source: persistent enough on its own
            (mention(feed, 20 + i, text="Acme cold again", author="wes", hours_ago=48 * i), neg)
            for i in range(6)
        ]
        store(ws, rows)
        found = {p.name: p for p in people.classify_authors(ws.reader(), brand_terms=("Acme",))}
    assert Kind.CHRONIC_COMPLAINER not in found["uma"].kinds and Kind.DETRACTOR in found["uma"].kinds
    vic = next(e for e in found["vic"].evidence if e.kind == Kind.CHRONIC_COMPLAINER)
    assert vic.reasons[0] == "4 complaints over 12 days on 2 sources (Feed, Reviews)"
    wes = next(e for e in found["wes"].evidence if e.kind == Kind.CHRONIC_COMPLAINER)
    assert wes.reasons[0] == "6 complaints over 10 days on 1 source (Feed)"

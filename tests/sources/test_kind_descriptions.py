"""What `source kinds --json` and the add form learn of each kind: the secrets it needs, what it costs."""

from __future__ import annotations

from desktop_app.services.sources import cost_notice_for, describe_kinds


def test_required_secrets_and_cost_notice_per_kind() -> None:
    kinds = {k["kind"]: k for k in describe_kinds()}
    assert kinds["reddit"]["required_secrets"] == ["client_id", "client_secret"]
    assert kinds["youtube"]["required_secrets"] == ["api_key"]
    assert kinds["rss"]["required_secrets"] == [] and kinds["mastodon"]["required_secrets"] == []
    assert "$0.005 a post" in kinds["x_search"]["cost_notice"]
    assert all(not k["cost_notice"] for name, k in kinds.items() if name != "x_search")
    assert "$0.02 a post" in cost_notice_for("x_search", {"cost_per_read": "0.02"})
    assert cost_notice_for("rss") == "" and cost_notice_for("no-such-kind") == ""

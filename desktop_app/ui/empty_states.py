"""What an empty list says: what is going on and what to do."""

from __future__ import annotations

from desktop_app.storage.queries import MentionQuery, View

MESSAGES = {
    View.NEEDS_REPLY: "No mentions need a reply. 🎉\nNew complaints and negative posts will show up here.",
    View.ALL: "No mentions yet. Press F5 to poll your sources now.",
    View.NEGATIVE: "Nothing negative. 🎉",
    View.QUESTIONS: "No open questions.",
    View.PRAISE: "No praise yet — it will collect here.",
    View.SNOOZED: "Nothing snoozed.\nPress S on a mention to bring it back later.",
    View.RESPONDED: "Nothing responded yet.\nMentions you answer move here.",
    View.ARCHIVED: "Nothing archived.\nPress E on a mention that needs no reply.",
}


def message(query: MentionQuery, has_sources: bool) -> str:
    if query.search.strip():
        return f"Nothing matches “{query.search.strip()}”.\nEsc clears the search."
    if not has_sources:
        return "No sources yet — add one.\nUse Sources ▸ Add suggested searches, or Add source…"
    if query.source_id is not None:
        return "This source has no mentions yet."
    return MESSAGES.get(query.view, "Nothing here.")

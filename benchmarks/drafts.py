"""Drafts for the 200 most urgent demo mentions: how many pass every tone check within the channel limit.

Run from the repository root: .venv/bin/python -m benchmarks.drafts [--count 200]
Goal: all of them. Prints the failures' codes and a few examples.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.drafting.compose import suggest_draft
from desktop_app.drafting.templates import load_library
from desktop_app.drafting.tone import check
from desktop_app.services.demo import create_demo_workspace
from desktop_app.storage.queries import MentionQuery, View, mention_detail, mention_ids

SETTINGS = {
    "signature": "Sam, Northwind care team",
    "agent_name": "Sam",
    "support_channel": "care@northwindcoffee.example",
}


def urgent_ids(conn: sqlite3.Connection, count: int) -> list[int]:
    ids = list(mention_ids(conn, MentionQuery(view=View.NEEDS_REPLY), limit=count))
    if len(ids) < count:
        seen = set(ids)
        ids += [i for i in mention_ids(conn, MentionQuery(view=View.ALL)) if i not in seen]
    return ids[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = create_demo_workspace(Path(tmp))
        try:
            conn = ws.reader()
            library = load_library(conn)
            profile = ws.profile()
            ids = urgent_ids(conn, args.count)
            codes: Counter[str] = Counter()
            situations: Counter[str] = Counter()
            failures: list[tuple[int, str, str, list[str]]] = []
            check_ms: list[float] = []
            for mention_id in ids:
                mention = mention_detail(conn, mention_id)
                if mention is None:
                    continue
                draft = suggest_draft(mention, library, profile, SETTINGS)
                situations[draft.situation] += 1
                start = time.perf_counter()
                check(draft.text, mention_category=mention["category"], channel=mention["source_kind"])
                check_ms.append((time.perf_counter() - start) * 1000)
                if draft.findings:
                    found = [f.code for f in draft.findings]
                    codes.update(found)
                    failures.append((mention_id, str(mention["source_kind"]), draft.text, found))
        finally:
            ws.close()
    passed = len(ids) - len(failures)
    print(f"drafted {len(ids)} mentions; {passed} pass every tone check within the channel limit")
    print("situations: " + ", ".join(f"{k} {v}" for k, v in situations.most_common()))
    check_ms.sort()
    if check_ms:
        print(f"tone check: median {check_ms[len(check_ms) // 2]:.2f} ms, max {check_ms[-1]:.2f} ms")
    if codes:
        print("failure codes: " + ", ".join(f"{k} x{v}" for k, v in codes.most_common()))
        for mention_id, kind, text, found in failures[:10]:
            print(f"  #{mention_id} [{kind}] {found}: {text[:160]!r}")
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())

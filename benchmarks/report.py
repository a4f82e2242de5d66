"""Audit report benchmark: the HTML and the PDF report on a synthetic workspace of N mentions.

    python benchmarks/report.py --mentions 100000 [--no-cli]

Prints one JSON object. The workspace is built with raw executemany into the real schema (authors, mentions
spread over 90 days with a few spikes, replies on 6% of them), cached under /tmp keyed by N. Timed: the
figures (build_report), the HTML (render + write), the PDF (print layout + Qt printing, offscreen), and the
PDF the way a user makes it, `main.py report NAME --format pdf` as a fresh process (start-up included).
Goal at 100k: each report, HTML or PDF, under 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.models import BrandProfile
from desktop_app.services.insights.report import build_report
from desktop_app.services.insights.report_html import render_html
from desktop_app.storage.workspace import create_workspace, open_workspace, workspace_path

REPO = Path(__file__).resolve().parents[1]
WORDS = ["refund", "charged", "twice", "support", "order", "late", "cold", "brew", "barista", "app", "login", "points", "delivery", "rude", "friendly", "waited", "minutes", "store", "manager", "price", "subscription", "cancel", "billing", "latte", "croissant", "queue", "staff", "clean", "dirty", "music", "wifi", "seat", "table", "fast", "slow", "broken", "fixed", "mobile", "rewards", "oat", "milk"]  # fmt: skip
OPENERS = ("I hate {b}", "{b} charged me twice", "Love {b}", "Does {b} deliver", "{b} support is slow",
           "Shout out to {b}", "{b} app is broken again", "{b} beats {c}", "{c} is better than {b}",
           "I used to work at {b}", "Not my experience, {b} always fixes it")  # fmt: skip
COMPETITORS = ("Bolt Coffee", "Zenith Beans")
LABELS = ("negative", "neutral", "positive")
SENTIMENT = {"negative": -0.5, "neutral": 0.0, "positive": 0.5}
CATEGORIES = ("complaint", "question", "praise", "other", "crisis", "suggestion")
SOURCES = 12
DAYS = 90
INSERT = (
    "INSERT INTO mentions (uid, source_id, source_item_id, url, canonical_url, title, text, html, author_id,"
    " author, published_at, fetched_at, story_key, content_hash, sentiment, label, complaint, category,"
    " urgency, reasons, status, reach) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _rows(start: int, n: int, authors: int, now: int, rng: random.Random) -> list[tuple[object, ...]]:
    spike_days = {10, 40, 77}
    rows = []
    for i in range(start, start + n):
        day = rng.randrange(DAYS)
        if rng.random() < 0.08:
            day = rng.choice(sorted(spike_days))
        opener = rng.choice(OPENERS).format(b="Acme", c=rng.choice(COMPETITORS))
        text = f"{opener}. {' '.join(rng.choices(WORDS, k=14))}."
        label = rng.choices(LABELS, (4, 4, 2))[0]
        author = rng.randrange(1, authors + 1)
        status = rng.choices(("new", "responded", "archived"), (84, 6, 10))[0]
        rows.append((
            f"u{i}", 1 + i % SOURCES, f"i{i}", f"https://news.example/{i}", f"https://news.example/{i}",
            f"{opener} #{i}", text, f"<p>{text}</p>", author, f"user{author}",
            now - (DAYS - day) * 86400 + rng.randrange(86400) - 86400, now, f"story{i // 3}", f"{i:064x}",
            SENTIMENT[label] + rng.uniform(-0.2, 0.2), label, 0.5, rng.choice(CATEGORIES), rng.randint(0, 100),
            '["synthetic"]', status, rng.randint(0, 500),
        ))  # fmt: skip
    return rows


def build(mentions: int) -> Path:
    root = Path(f"/tmp/earshot-report-bench-{mentions}")
    if workspace_path(root, "bench").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    create_workspace(root, "bench.tmp", BrandProfile("Acme", competitors=COMPETITORS)).close()
    path = workspace_path(root, "bench.tmp")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'mentions_fts_insert'").fetchone()[0]
    conn.execute("DROP TRIGGER mentions_fts_insert")
    rng = random.Random(7)
    now = int(time.time())
    authors = max(1, mentions // 5)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO sources (name, kind, config, created_at) VALUES (?, 'rss', '{}', ?)",
        [(f"Feed {i}", now) for i in range(1, SOURCES + 1)],
    )
    conn.executemany(
        "INSERT INTO authors (id, key, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
        [(a, f"user{a}", f"user{a}", now, now) for a in range(1, authors + 1)],
    )
    for start in range(0, mentions, 50_000):
        conn.executemany(INSERT, _rows(start, min(50_000, mentions - start), authors, now, rng))
    conn.execute(
        "INSERT INTO replies (mention_id, text, replied_at) SELECT id, 'Sorry!', published_at + 3600 * (1 + id % 48)"
        " FROM mentions WHERE status = 'responded'"
    )
    conn.execute(
        "UPDATE mentions SET responded_at = (SELECT min(replied_at) FROM replies WHERE mention_id = mentions.id)"
        " WHERE status = 'responded'"
    )
    conn.execute("INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild')")
    conn.execute(trigger)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    path.replace(workspace_path(root, "bench"))
    return root


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def _cli_pdf(root: Path, output: Path) -> float:
    """`main.py report bench --format pdf` as a user runs it: a fresh process, start-up included."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EARSHOT_HOME", None)
    command = [sys.executable, str(REPO / "main.py"), "--data-dir", str(root), "report", "bench"]
    started = time.perf_counter()
    subprocess.run([*command, "--format", "pdf", "--output", str(output)], check=True, env=env, timeout=600)
    return time.perf_counter() - started


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # Qt prints the PDF; no window is needed
    from desktop_app.ui.report_pdf import write_pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--no-cli", action="store_true", help="skip the PDF made by main.py in a new process")
    args = parser.parse_args()
    started = time.perf_counter()
    root = build(args.mentions)
    built = time.perf_counter() - started
    out = Path(tempfile.mkdtemp(prefix="earshot-report-bench-out-"))
    with open_workspace(root, "bench") as ws:
        t0 = time.perf_counter()
        report = build_report(ws, None, None, client_name="Benchmark")
        t1 = time.perf_counter()
        html = render_html(report)
        (out / "report.html").write_text(html, encoding="utf-8")
        t2 = time.perf_counter()
        printable = render_html(report, charts_as_images=True)
        t3 = time.perf_counter()
        write_pdf(printable, out / "report.pdf")
        t4 = time.perf_counter()
    cli_s = None if args.no_cli else _cli_pdf(root, out / "cli.pdf")
    figures = {
        "mentions": args.mentions,
        "workspace_build_s": round(built, 2),
        "build_report_s": round(t1 - t0, 2),
        "render_html_s": round(t2 - t1, 3),
        "html_total_s": round(t2 - t0, 2),
        "render_print_html_s": round(t3 - t2, 3),
        "write_pdf_s": round(t4 - t3, 2),
        "pdf_total_s": round((t1 - t0) + (t4 - t2), 2),
        "cli_pdf_s": round(cli_s, 2) if cli_s is not None else None,
        "html_kb": round(len(html.encode()) / 1024),
        "pdf_kb": round((out / "report.pdf").stat().st_size / 1024),
        "pdf_pages": _pages(out / "report.pdf"),
        "evidence_rows": len(report.evidence),
        "spikes": len(report.spikes),
        "themes_sampled": report.themes.sampled,
        "themes_method": report.themes.method,
        "goal_s": 30,
    }
    shutil.rmtree(out, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

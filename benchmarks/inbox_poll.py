"""The whole window while a real poll runs: UI-thread stalls with N mentions stored, S sources polled.

    python benchmarks/inbox_poll.py --rows 1000000 --sources 500 --items 100

The real MainWindow (sidebar counts, inbox, detail pane, status bar, complaint clock) on a copy of the inbox
benchmark's synthetic workspace, and the real PollController with the app's poller (HTTP client, per-host
pacing, scoring processes, the single writer) polling S feed sources on 50 loopback hosts served by another
process. A 5 ms timer records how late the event loop runs it; the longest lateness is the longest stall the
user could feel. Prints one JSON object (goal: longest stall < 50 ms while 50k mentions arrive).

    python benchmarks/inbox_poll.py --rows 1000000 --rescore

The same window while View -> Re-score runs over every mention instead (the triage issue: "UI responsive").
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.inbox import build
from benchmarks.poll import serve
from desktop_app.storage import source_writes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument(
        "--probe", action="store_true", help="print every thread's stack at each stall > 40 ms"
    )
    parser.add_argument("--rescore", action="store_true", help="re-score every mention instead of polling")
    args = parser.parse_args()

    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(args, theirs))
    urls: list[str] = []
    if not args.rescore:
        server.start()
        urls = ours.recv()
    root = build(args.rows)

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import build_services
    from desktop_app.config.settings import Settings
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = Settings(root / "settings.json")
    settings.set("poll.per_host_interval_seconds", 0.1)
    if os.environ.get("BENCH_WORKERS"):
        settings.set("poll.max_workers", int(os.environ["BENCH_WORKERS"]))
    context = AppContext(root, settings, build_services(root, settings), auto_poll=False, auto_rescore=False)
    window = MainWindow(context, QSettings(str(root / "window.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 900)
    window.show()

    keepalive = QTimer(interval=10)  # wakes the blocking wait below when nothing else does
    keepalive.start()

    def wait(done, timeout: float = 600.0) -> None:  # type: ignore[no-untyped-def]
        """Run the event loop until `done()`: blocking between events, as the app's own loop does (a
        spinning loop here took CPU the poll or the re-score needs)."""
        deadline = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("benchmark step timed out")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    opened = time.perf_counter()
    window.start("bench")
    wait(lambda: window.workspace is not None and window.model.rowCount() > 0)
    open_s = time.perf_counter() - opened
    ws = window.workspace
    assert ws is not None
    ws.writer.call(lambda c: c.execute("UPDATE sources SET enabled = 0"))  # the synthetic ones have no URL
    ws.writer.call(lambda c: [
        source_writes.add_source(c, name=f"poll {i}", kind="rss", config={"url": u}, interval_minutes=30, now=0)
        for i, u in enumerate(urls)
    ])  # fmt: skip
    before = int(ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0])
    window.view.select_row(3)
    wait(lambda: window.detail.mention_id is not None, 30)

    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, now - last[0] - 0.005))
        last[0] = now

    if args.probe:
        _start_probe(last)
    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    results: list[object] = []
    job = window.rescorer if args.rescore else window.poller
    job.finished.connect(lambda *said: results.append(said))
    job.failed.connect(lambda *said: results.append(said))
    began = time.perf_counter()
    timer.start()
    last[0] = time.perf_counter()
    if args.rescore:
        window.rescore_all()
    else:
        window.poller.poll_now()
    wait(lambda: bool(results), 1800)
    poll_s = time.perf_counter() - began
    wait(lambda: not window.model.loading, 120)
    timer.stop()
    last[0] = float("inf")  # the probe stops reporting
    after = int(ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0])
    if not args.rescore:
        ours.send("done")
        ours.recv()
        server.join()
    window.close()
    lateness.sort()
    print(json.dumps({
        "rows": args.rows, "sources": args.sources, "items_per_feed": args.items,
        "open_to_inbox_s": round(open_s, 2), ("rescore_s" if args.rescore else "poll_s"): round(poll_s, 1),
        "mentions_added": after - before,
        "longest_stall_ms": round(lateness[-1] * 1000, 1) if lateness else None,
        "p99_stall_ms": round(lateness[int(len(lateness) * 0.99)] * 1000, 1) if lateness else None,
        "median_tick_late_ms": round(statistics.median(lateness) * 1000, 2) if lateness else None,
        "stalls_over_50ms": sum(1 for x in lateness if x > 0.05),
    }))  # fmt: skip
    return 0


def _start_probe(last: list[float], threshold: float = 0.04) -> None:
    """A watchdog thread: when the UI's 5 ms timer is late by more than `threshold`, print (on stderr) where
    every thread is the first moment the watchdog itself gets the GIL, once per stall."""
    import threading
    import traceback

    def watch() -> None:
        reported = 0.0
        while True:
            time.sleep(0.002)
            late = time.perf_counter() - last[0]
            if late > threshold and last[0] != reported:
                reported = last[0]
                names = {t.ident: t.name for t in threading.enumerate()}
                lines = [f"--- stall: {late * 1000:.0f} ms so far"]
                for ident, frame in sys._current_frames().items():
                    if ident != threading.get_ident():
                        stack = traceback.extract_stack(frame)[-4:]
                        where = " < ".join(f"{f.name}:{f.lineno}" for f in reversed(stack))
                        lines.append(f"  {names.get(ident, ident)}: {where}")
                print("\n".join(lines), file=sys.stderr)

    threading.Thread(target=watch, daemon=True, name="stall-probe").start()

    import gc

    began: list[float] = [0.0]

    def collections(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        elif (spent := time.perf_counter() - began[0]) > 0.005:
            name = threading.current_thread().name
            print(f"--- gc gen {info['generation']}: {spent * 1000:.0f} ms in {name}", file=sys.stderr)
            if spent > 0.01 and info["generation"] == 2:
                from collections import Counter

                kinds = Counter(type(o).__name__ for o in gc.get_objects())
                print(f"    tracked: {sum(kinds.values()):,}, most: {kinds.most_common(6)}", file=sys.stderr)

    gc.callbacks.append(collections)
    print(f"--- tracked objects at the start of the poll: {len(gc.get_objects()):,}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

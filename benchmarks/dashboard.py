"""Dashboard benchmark: build_dashboard for the 7, 30 and 90-day presets on a synthetic workspace of N mentions.

    python benchmarks/dashboard.py --mentions 100000

Prints one JSON object. Reuses the report benchmark's workspace (90 days, a few spikes, cached under /tmp).
The figures are built in a worker, so these are the seconds the user waits for the charts, never a frozen UI.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import build
from desktop_app.services.insights.dashboard import build_dashboard
from desktop_app.services.insights.window import DAY
from desktop_app.storage.workspace import open_workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    args = parser.parse_args()
    root = build(args.mentions)
    now = int(time.time())
    figures: dict[str, object] = {"mentions": args.mentions}
    with open_workspace(root, "bench") as ws:
        for days in (7, 30, 90):
            started = time.perf_counter()
            data = build_dashboard(ws, now - days * DAY, now)
            figures[f"last_{days}_days_s"] = round(time.perf_counter() - started, 2)
            figures[f"last_{days}_days_mentions"] = data.total
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

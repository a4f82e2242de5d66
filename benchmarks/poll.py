"""One full poll of many feed sources over many loopback hosts whose server answers slowly.

    python benchmarks/poll.py [--sources 500] [--hosts 50] [--delay 0.1] [--items 20]

Prints the wall time, what a sequential poll would take (sources x delay), and the smallest gap seen between
two requests to the same host (per-host pacing must hold while hosts run in parallel).
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.models import BrandProfile
from desktop_app.scoring.scorer import ScoreContext
from desktop_app.services.ingest_pool import MIN_BATCH, WORKER_NICENESS, IngestPool
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage import source_writes
from desktop_app.storage.workspace import create_workspace
from tests.support.feeds import rss_feed
from tests.support.http_server import LoopbackServer, make_server


def serve(args: argparse.Namespace, conn: Connection) -> None:
    """The feed servers, in a process of their own: their threads must not compete with the poller's."""
    servers = [make_server(f"127.0.0.{h + 1}") for h in range(args.hosts)]
    urls = []
    for n in range(args.sources):
        server = servers[n % args.hosts]
        path = f"/feed/{n}.xml"
        server.route(path, body=rss_feed(args.items, prefix=f"s{n}"), delay=args.delay,
                     headers={"Content-Type": "application/rss+xml"})  # fmt: skip
        urls.append(server.url(path))
    conn.send(urls)
    conn.recv()  # wait until the poll is done
    conn.send((_min_gaps(servers), _cpu(resource.RUSAGE_SELF)))
    for server in servers:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument(
        "--pacing", type=float, default=0.1, help="minimum seconds between requests to one host"
    )
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--niceness", type=int, default=WORKER_NICENESS, help="of the worker processes")
    parser.add_argument(
        "--processes", type=int, default=2, help="scoring processes (0: score in the poll threads)"
    )
    args = parser.parse_args()

    ours, theirs = multiprocessing.Pipe()
    server_process = multiprocessing.get_context("spawn").Process(target=serve, args=(args, theirs))
    server_process.start()
    urls = ours.recv()
    with tempfile.TemporaryDirectory() as tmp:
        ws = create_workspace(Path(tmp), "bench", BrandProfile("Acme"))
        ws.writer.call(lambda c: [
            source_writes.add_source(c, name=f"s{i}", kind="rss", config={"url": u}, interval_minutes=30, now=0)
            for i, u in enumerate(urls)
        ])  # fmt: skip
        http = HttpClient(pacer=HostPacer(args.pacing))
        pool = IngestPool(args.processes, niceness=args.niceness) if args.processes else None
        poller = Poller(ws, http, max_workers=args.workers, scorer=pool)
        if pool is not None:  # start-up (spawn + imports) happens once per app run, not per poll
            pool.score_many([("warm up", ScoreContext())] * MIN_BATCH)
        start, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        workers_before = _cpu(resource.RUSAGE_CHILDREN)
        report = poller.poll_due()
        wall = time.perf_counter() - start
        cpu = _cpu(resource.RUSAGE_SELF) - cpu
        stored = ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0]
        http.close()
        if pool is not None:
            pool.close(wait=True)  # reaped: their CPU time counts in RUSAGE_CHILDREN
        workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - workers_before
        ws.close()
    ours.send("done")
    gaps, server_cpu = ours.recv()
    server_process.join()
    print(
        json.dumps(
            {
                "sources": args.sources,
                "hosts": args.hosts,
                "server_delay_s": args.delay,
                "items_per_feed": args.items,
                "wall_s": round(wall, 2),
                "sequential_estimate_s": round(args.sources * args.delay, 1),
                "speedup_vs_sequential": round(args.sources * args.delay / wall, 1),
                "failed": len(report.failed),
                "mentions_stored": stored,
                "min_gap_same_host_s": round(gaps, 3),
                "pacing_s": args.pacing,
                "scoring_processes": args.processes,
                "cpu_s": {
                    "poller": round(cpu, 2),
                    "workers": round(workers_cpu, 2),
                    "servers": round(server_cpu, 2),
                },
            }
        )
    )


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _min_gaps(servers: list[LoopbackServer]) -> float:
    """The smallest gap between two request starts on one host (each server is one host)."""
    gaps = [
        later - earlier
        for server in servers
        for earlier, later in itertools.pairwise(sorted(t for _, t in server.request_log))
    ]
    return min(gaps, default=float("inf"))


if __name__ == "__main__":
    main()

"""Hostile servers, each polled as a real source through the real poller, with the process's RSS sampled.

Shared by tests/sources/test_hostile_servers.py and benchmarks/reliability.py: plain Python, no pytest.
Each case says what the source's health must show afterwards (an error kind and words a person can read),
or that the items were stored, and how long it may take.
"""

from __future__ import annotations

import functools
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from desktop_app.core.models import BrandProfile
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage import source_writes
from desktop_app.storage.workspace import create_workspace
from tests.support.feeds import rss_feed
from tests.support.http_server import LoopbackServer, make_server

RSS_LIMIT_MB = 300.0
GIB = 1024**3
READ_TIMEOUT = 3.0
TOTAL_TIMEOUT = 6.0


# --- memory ------------------------------------------------------------------------------------------------


def rss_mb() -> float:
    """This process's resident memory now (Linux: /proc; elsewhere the lifetime peak, an upper bound)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


class RssSampler:
    """Samples RSS every `interval` seconds on a thread while the block runs; `peak_mb` is the highest seen."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while True:
            self.peak_mb = max(self.peak_mb, rss_mb())
            self.samples += 1
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, rss_mb())


# --- the hostile answers --------------------------------------------------------------------------------------


def billion_laughs() -> bytes:
    decl = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{decl}]><rss version="2.0"><channel><title>t</title>'
        "<item><title>&a9;</title><description>Acme &a9;</description></item></channel></rss>"
    ).encode()


@functools.cache
def gzip_bomb(inflated: int = GIB) -> bytes:
    """`inflated` zero bytes, gzip-compressed a megabyte at a time (~1 MB on the wire for 1 GiB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(inflated >> 20)]
    return b"".join(parts) + packer.flush()


def _endless_body(declare_length: bool) -> Callable[[BaseHTTPRequestHandler], None]:
    """A 1 GiB body streamed 64 KB at a time (never held in memory), with or without Content-Length."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        if declare_length:
            handler.send_header("Content-Length", str(GIB))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"<!-- padding -->" * 4096
        try:
            handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>')
            for _ in range(GIB // len(chunk)):
                handler.wfile.write(chunk)
        except OSError:
            pass  # the client hung up: that is the point
        handler.close_connection = True

    return answer


LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action='/login' method='post'>"
    b"<input name='user'><input type='password' name='pw'><button>Sign in</button></form></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
INVALID_UTF8 = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bad bytes</title>'
    b"<item><title>Acme \xff\xfe broke \xc3\x28 my \xed\xa0\x80 order</title><link>https://x.example/1</link>"
    b"<description>Acme \x80\x81\xfe\xff refund \xf0\x28\x8c\x28</description></item></channel></rss>"
)


@dataclass(frozen=True)
class HostileCase:
    name: str
    serve: Callable[[LoopbackServer], str]  # sets the route up, returns the source's URL
    kinds: tuple[str, ...]  # health error kinds allowed; empty: the poll must succeed
    words: str  # a regex the health message must match (plain words), or that the stored text must
    time_limit: float  # seconds the whole poll may take


def _route(path: str, body: bytes = b"", **kw: object) -> Callable[[LoopbackServer], str]:
    return lambda server: server.route(path, body, **kw)  # type: ignore[arg-type]


def _loop(server: LoopbackServer) -> str:
    server.route("/loop/a", redirect_to=server.url("/loop/b"))
    server.route("/loop/b", redirect_to=server.url("/loop/a"))
    return server.url("/loop/a")


CASES: tuple[HostileCase, ...] = (
    HostileCase(
        "entity bomb (billion laughs)",
        _route("/bomb.xml", billion_laughs(), headers={"Content-Type": "application/rss+xml"}),
        ("not_a_feed",),
        r"entities that expand without limit",
        3,
    ),
    HostileCase(
        "gzip bomb (1 GiB of zeros)",
        lambda s: s.route(
            "/gzip", gzip_bomb(), headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
        ),
        ("too_large",),
        r"larger than",
        5,
    ),
    HostileCase(
        "1 GiB body, declared",
        lambda s: s.route("/gig-declared", handler=_endless_body(True)),
        ("too_large",),
        r"larger than",
        3,
    ),
    HostileCase(
        "1 GiB body, undeclared",
        lambda s: s.route("/gig-streamed", handler=_endless_body(False)),
        ("too_large",),
        r"larger than",
        TOTAL_TIMEOUT,
    ),
    HostileCase(
        "one byte per second",
        _route("/drip", rss_feed(5), drip_bytes_per_s=1),
        ("timeout",),
        r"too slowly|in time",
        TOTAL_TIMEOUT + 2,
    ),
    HostileCase("redirect loop", _loop, ("bad_response",), r"redirect", 3),
    HostileCase(
        "wrong content type (an image)",
        _route("/image", PNG, headers={"Content-Type": "image/png"}),
        ("not_a_feed",),
        r"did not return RSS, Atom or JSON Feed",
        3,
    ),
    HostileCase(
        "a feed labelled text/html",
        _route("/labelled-html", rss_feed(3), headers={"Content-Type": "text/html"}),
        (),
        r"Acme",
        3,
    ),
    HostileCase(
        "invalid UTF-8",
        _route("/bad-utf8", INVALID_UTF8, headers={"Content-Type": "application/rss+xml; charset=utf-8"}),
        (),
        r"Acme",
        3,
    ),
    HostileCase(
        "connection reset mid-body",
        _route("/reset", rss_feed(200), reset_after=2000),
        ("transient",),
        r"reset|closed",
        3,
    ),
    HostileCase(
        "HTML login page with 200",
        _route("/login", LOGIN_PAGE, headers={"Content-Type": "text/html; charset=utf-8"}),
        ("not_a_feed",),
        r"web page .*login",
        3,
    ),
)


@dataclass
class CaseResult:
    name: str
    elapsed: float
    peak_mb: float
    error_kind: str | None
    message: str
    stored: int
    problems: list[str] = field(default_factory=list)

    @property
    def survived(self) -> bool:
        return not self.problems

    def line(self) -> str:
        verdict = "ok  " if self.survived else "FAIL"
        said = self.message if self.error_kind else f"{self.stored} item(s) stored"
        extra = f"  <- {'; '.join(self.problems)}" if self.problems else ""
        return f"{verdict} {self.name}: {self.elapsed:.1f} s, peak RSS {self.peak_mb:.0f} MB; {said}{extra}"


def run_case(case: HostileCase, server: LoopbackServer, root: Path) -> CaseResult:
    """Poll one source served by `case` and judge the outcome: time, memory, and what its health says."""
    ws = create_workspace(root, "hostile", BrandProfile("Acme"))
    try:
        url = case.serve(server)
        sid = ws.writer.call(
            lambda conn: source_writes.add_source(
                conn, name=case.name, kind="rss", config={"url": url}, interval_minutes=30, now=0
            )
        )
        http = HttpClient(pacer=HostPacer(0.0), read_timeout=READ_TIMEOUT, total_timeout=TOTAL_TIMEOUT)
        poller = Poller(ws, http, max_workers=1)
        with RssSampler() as rss:
            start = time.monotonic()
            try:
                poller.poll_sources([sid])
                crash = ""
            except Exception as exc:  # the poller must never let one source's failure escape
                crash = f"the poll raised {type(exc).__name__}: {exc}"
            elapsed = time.monotonic() - start
        poller.close()
        return _judge(case, ws.reader(), sid, elapsed, rss.peak_mb, crash)
    finally:
        ws.close()


def _judge(
    case: HostileCase, conn: sqlite3.Connection, sid: int, elapsed: float, peak: float, crash: str
) -> CaseResult:
    row = conn.execute("SELECT last_error, last_error_kind FROM sources WHERE id = ?", (sid,)).fetchone()
    texts = [r[0] or "" for r in conn.execute("SELECT title || ' ' || text FROM mentions")]
    kind, message = row["last_error_kind"], row["last_error"] or ""
    result = CaseResult(case.name, elapsed, peak, kind, message, len(texts))
    problems = result.problems
    if crash:
        problems.append(crash)
    if elapsed > case.time_limit:
        problems.append(f"took {elapsed:.1f} s, limit {case.time_limit:.0f} s")
    if peak >= RSS_LIMIT_MB:
        problems.append(f"RSS reached {peak:.0f} MB (limit {RSS_LIMIT_MB:.0f})")
    if case.kinds:
        if kind not in case.kinds:
            problems.append(f"health shows {kind!r}, expected one of {case.kinds}")
        if not plain_words(message) or not re.search(case.words, message, re.IGNORECASE):
            problems.append(f"health message is not the plain words expected: {message!r}")
        if texts:
            problems.append(f"{len(texts)} item(s) stored from a hostile answer")
    else:
        if kind:
            problems.append(f"a readable feed failed: {kind}: {message}")
        if not texts or not all(re.search(case.words, t) for t in texts):
            problems.append(f"expected items mentioning {case.words!r}, stored {texts!r}")
        if any(ch not in "\n\t" and unicodedata.category(ch) == "Cc" for t in texts for ch in t):
            problems.append("stored text holds control characters")
    return result


def plain_words(message: str) -> bool:
    """A sentence for a person: long enough, no traceback, not a bare exception name."""
    return (
        len(message) >= 20
        and " " in message
        and "Traceback" not in message
        and not re.fullmatch(r"[A-Za-z_.]+(Error|Exception)(:.*)?", message)
    )


# --- a fresh process ------------------------------------------------------------------------------------------


def run_all(root: Path, host: str = "127.0.0.72") -> list[CaseResult]:
    """Every case in turn against one loopback server, each in its own workspace under `root`."""
    server = make_server(host)
    try:
        return [run_case(case, server, root / f"case{n}") for n, case in enumerate(CASES)]
    finally:
        server.stop()


def run_all_in_fresh_process(root: Path, timeout: float = 300.0) -> dict[str, CaseResult]:
    """The cases run in a new interpreter, so the memory figure is the poll's own and not whatever the
    calling process (a test run that has opened windows and built big workspaces) already holds."""
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.hostile", str(root)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the hostile-server run exited {done.returncode}:\n{done.stderr[-4000:]}")
    results = [CaseResult(**json.loads(line)) for line in done.stdout.splitlines() if line.strip()]
    return {r.name: r for r in results}


def main(argv: list[str]) -> int:
    for result in run_all(Path(argv[0])):
        print(json.dumps(asdict(result)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

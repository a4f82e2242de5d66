"""A known key in use, then a scan of every place it must never reach.

Shared by tests/cli/test_secrets_never_leak.py and benchmarks/reliability.py: plain Python, no pytest.
Two Mastodon sources use the key (one server accepts it, one rejects it); then mentions are exported,
a report written, the workspace packed; every file, archive member, failure message and log record is read.
Then `youtube_cli_scan`: a key of the kind that used to travel in the URL (YouTube), used by the real CLI
with verbose logging, down to a poll SIGKILLed mid-request; and `youtube_key_in_url_leaks` proves that scan
would catch a key put in the URL.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.backend import TEST_BACKEND_ENV
from desktop_app.secrets.store import MemorySecretStore, entry_name
from desktop_app.services import sources as source_service
from desktop_app.services.insights.portable import export_workspace
from desktop_app.services.insights.report import write_report
from desktop_app.services.mention_io import export_mentions
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage.workspace import create_workspace
from tests.support.api_server import ApiServer, Call, JsonRoute, answer
from tests.support.http_server import make_server

REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-9f8e7d6c5b4a-DO-NOT-LEAK"
PATH = "/api/v1/timelines/tag/acme"


def _statuses() -> bytes:
    status = {
        "id": "1001", "url": "https://social.example/@amy/1001", "created_at": "2026-11-20T10:00:00Z",
        "content": "<p>Acme lost my order again</p>", "spoiler_text": "", "favourites_count": 3,
        "reblogs_count": 1, "account": {"acct": "amy", "display_name": "Amy", "url": "https://social.example/@amy"},
    }  # fmt: skip
    return json.dumps([status]).encode()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))


def scan(root: Path, hosts: tuple[str, str] = ("127.0.0.41", "127.0.0.42")) -> dict[str, bool]:
    """Use the key, then look everywhere: {place: leaked}. Raises if the key was never really used."""
    records = _Records()
    records.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger()
    old_level = logger.level
    logger.addHandler(records)
    logger.setLevel(logging.DEBUG)
    good, bad = make_server(hosts[0]), make_server(hosts[1])
    good.route(PATH, _statuses(), headers={"Content-Type": "application/json"})
    bad.route(PATH, b'{"error": "The access token is invalid"}', status=401)
    secrets = MemorySecretStore()
    places: dict[str, bool] = {}
    needle = KEY.encode()
    try:
        ws = create_workspace(root, "acme", BrandProfile("Acme"))
        for name, server in (("Good", good), ("Bad", bad)):
            ref = entry_name("acme", name, "access_token")
            secrets.set(ref, KEY)
            source_service.add_source(
                ws, kind="mastodon", name=name,
                config={"server": server.url(""), "hashtag": "acme", "access_token": ref},
            )  # fmt: skip
        poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), secrets=secrets)
        report = poller.poll_due()
        poller.close()
        if report.added != 1 or len(report.failed) != 1:
            raise AssertionError(f"the scenario did not run as planned: {report}")
        if good.headers_of(PATH)[0].get("authorization") != f"Bearer {KEY}":
            raise AssertionError("the key was never sent: the scan would prove nothing")
        outputs = {"CSV export": root / "m.csv", "JSON export": root / "m.json", "HTML report": root / "r.html",
                   "workspace pack": root / "ws.pack"}  # fmt: skip
        export_mentions(ws, "csv", outputs["CSV export"])
        export_mentions(ws, "json", outputs["JSON export"])
        write_report(ws, None, None, "html", outputs["HTML report"])
        export_workspace(ws, outputs["workspace pack"])
        wal = ws.path.with_name(ws.path.name + "-wal")
        places["database WAL (while open)"] = not wal.exists() or needle in wal.read_bytes()
        places["database (while open)"] = needle in ws.path.read_bytes()
        ws.close()
        places["failure messages"] = any(KEY in (o.error or "") for o in report.failed)
        for label, path in outputs.items():
            places[label] = needle in path.read_bytes()
        with zipfile.ZipFile(outputs["workspace pack"]) as archive:
            for member in archive.namelist():
                places[f"workspace pack member {member}"] = needle in archive.read(member)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            places[f"file {path.relative_to(root)}"] = needle in path.read_bytes()
    finally:
        good.stop()
        bad.stop()
        logger.removeHandler(records)
        logger.setLevel(old_level)
    places["log records"] = any(KEY in text for text in records.texts)
    return places


def typed_key_problems(data_dir: Path) -> list[str]:
    """`main.py source add --field access_token=KEY`: refused in plain words, and stored nowhere."""
    from tests.support.crash import cli, prepare_data_dir

    prepare_data_dir(data_dir)
    if cli(data_dir, "init", "acme", "--brand", "Acme").returncode != 0:
        return ["init failed"]
    typed = cli(data_dir, "source", "add", "acme", "--kind", "mastodon", "--field", "server=https://social.example",
                "--field", "hashtag=acme", "--field", f"access_token={KEY}")  # fmt: skip
    problems = []
    if typed.returncode == 0 or "command line" not in typed.stderr:
        problems.append(f"not refused: exit {typed.returncode}, {typed.stderr[-200:]!r}")
    if KEY in typed.stdout + typed.stderr:
        problems.append("the key was echoed back")
    problems += [
        f"the key is in {p.name}"
        for p in data_dir.rglob("*")
        if p.is_file() and KEY.encode() in p.read_bytes()
    ]
    return problems


# --- A key that used to travel in the URL: YouTube, through the real CLI, logging verbosely (-v) ---

YT_KEY = "AIzaSyTEST-5e4d3c2b1a-DO-NOT-LEAK"


def _needles(key: str) -> tuple[bytes, ...]:
    """The key as it would appear in a file, a URL (percent-encoded) or JSON."""
    return tuple({key.encode(), quote(key, safe="").encode(), json.dumps(key)[1:-1].encode()})


def _yt_video(n: int) -> dict[str, Any]:
    return {
        "kind": "youtube#searchResult", "id": {"kind": "youtube#video", "videoId": f"vid{n}"},
        "snippet": {"publishedAt": "2026-11-20T10:00:00Z", "channelId": "UCx", "title": f"Acme lost my order {n}",
                    "description": "unboxing gone wrong", "channelTitle": "Reviewer"},
    }  # fmt: skip


def _yt_comments() -> dict[str, Any]:
    top = {"id": "c1", "snippet": {"videoId": "vid1", "textOriginal": "Acme never refunded me",
                                   "authorDisplayName": "Sam", "likeCount": 4, "publishedAt": "2026-11-20T11:00:00Z"}}  # fmt: skip
    return {
        "items": [{"id": "c1", "snippet": {"topLevelComment": top, "videoId": "vid1", "totalReplyCount": 0}}]
    }


def _echo_rejection(call: Call) -> tuple[int, Any, dict[str, str]]:
    """A server that rejects the key and quotes the request back, key and all (as error pages, proxies and
    some APIs do): whatever Earshot keeps of an error must not keep that."""
    query = "&".join(f"{k}={v}" for k, v in call.query.items())
    given = call.headers.get("x-goog-api-key", "")
    message = f"API key {given!r} not valid for GET {call.path}?{query}. Please pass a valid API key."
    body = {
        "error": {"code": 400, "message": message, "errors": [{"reason": "keyInvalid", "message": message}]}
    }
    return 400, body, {}


def _echo_failure(call: Call) -> tuple[int, Any, dict[str, str]]:
    """A server error page that quotes the request back, key and all."""
    _status, body, headers = _echo_rejection(call)
    return 500, f"<html><body>Internal error while serving {body['error']['message']}</body></html>", headers


def _slow_search(call: Call) -> tuple[int, Any, dict[str, str]]:
    time.sleep(3)  # the poll is killed while this request is in flight
    return 200, {"items": [_yt_video(2)]}, {}


def _key_sent(call: Call, key: str) -> bool:
    return call.headers.get("x-goog-api-key") == key or call.query.get("key") == key


def _cmdlines(pid: int) -> list[bytes]:
    """The arguments of a process and of its children (its scoring workers), as the OS shows them."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if int(proc.name) == pid or ppid == pid:
                found.append((proc / "cmdline").read_bytes())
        except (OSError, ValueError, IndexError):
            continue
    return found


def youtube_cli_scan(
    root: Path, hosts: tuple[str, str] = ("127.0.0.43", "127.0.0.44"), *, inject: str | None = None
) -> dict[str, bool]:
    """Three YouTube sources use the key through `main.py -v` (one server accepts it, one rejects it and
    one fails, both quoting the request back); then inbox, exports, a report, a workspace pack, and a poll SIGKILLed while a
    request is in flight. Every output stream, every file of the data folder (database, WAL, backups) and
    the killed process's arguments are searched. Raises if the key was never really sent."""
    from tests.support.crash import REPO, cli_env, prepare_data_dir

    data, xdg = root / "data", root / "xdg"
    prepare_data_dir(data)
    xdg.mkdir(parents=True, exist_ok=True)
    env = {**cli_env(), TEST_BACKEND_ENV: "keyrings.alt.file.PlaintextKeyring", "XDG_DATA_HOME": str(xdg)}
    if inject:  # a regression planted in every CLI process, to prove the scan would see it
        hook = root / "inject"
        hook.mkdir(exist_ok=True)
        (hook / "sitecustomize.py").write_text(inject)
        env["PYTHONPATH"] = os.pathsep.join((str(hook), env["PYTHONPATH"]))
    base = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data), "-v"]
    good, bad = ApiServer(hosts[0]), ApiServer(hosts[1])
    search, threads = answer(200, {"items": [_yt_video(1)]}), answer(200, _yt_comments())
    good.route("/search", handler=search)
    good.route("/commentThreads", handler=threads)
    rejected, failed = JsonRoute(_echo_rejection), JsonRoute(_echo_failure)
    bad.route("/search", handler=rejected)
    bad.route("/broken/search", handler=failed)
    outputs: dict[str, str] = {}
    places: dict[str, bool] = {}
    needles = _needles(YT_KEY)

    def run(label: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*base, *args], input=stdin, capture_output=True, text=True, env=env, cwd=REPO,
                              timeout=120)  # fmt: skip
        outputs[f"{label}: stdout"], outputs[f"{label}: stderr"] = done.stdout, done.stderr
        return done

    try:
        if run("init", "init", "acme", "--brand", "Acme").returncode != 0:
            raise AssertionError(f"init failed: {outputs['init: stderr'][-300:]}")
        for name, api in (("Good", good.url("")), ("Bad", bad.url("")), ("Broken", bad.url("/broken"))):
            added = run(f"source add {name}", "source", "add", "acme", "--kind", "youtube", "--label", name,
                        "--field", "query=acme", "--field", f"api_base={api}", "--field",
                        "comment_videos=1", "--secret", "api_key", stdin=YT_KEY + "\n")  # fmt: skip
            if added.returncode != 0:
                raise AssertionError(f"source add failed: {added.stderr[-300:]}")
        run("poll", "poll", "acme", "--once")
        if not (search.calls and _key_sent(search.calls[0], YT_KEY) and rejected.calls and failed.calls):
            raise AssertionError("the key was never sent to both servers: the scan would prove nothing")
        if "vid1" not in json.dumps([c.query for c in threads.calls]):
            raise AssertionError(f"the poll did not run as planned: {outputs['poll: stderr'][-300:]}")
        run("source list", "source", "list", "acme", "--json")
        run("inbox", "inbox", "acme", "--json", "--status", "all")
        files = {"CSV export": root / "m.csv", "JSON export": root / "m.json", "HTML report": root / "r.html",
                 "CSV report": root / "r.csv", "workspace pack": root / "ws.pack"}  # fmt: skip
        run("export csv", "export", "acme", "--format", "csv", "--output", str(files["CSV export"]))
        run("export json", "export", "acme", "--format", "json", "--output", str(files["JSON export"]))
        run("report html", "report", "acme", "--format", "html", "--output", str(files["HTML report"]))
        run("report csv", "report", "acme", "--format", "csv", "--output", str(files["CSV report"]))
        run("workspace pack", "workspace-export", "acme", "--output", str(files["workspace pack"]))
        places.update(_killed_poll(base, env, good, outputs, needles))
        for label, path in files.items():
            places[label] = path.exists() and any(n in path.read_bytes() for n in needles)
            if not path.exists():
                raise AssertionError(f"{label} was not written: the scan would miss it")
        with zipfile.ZipFile(files["workspace pack"]) as archive:
            for member in archive.namelist():
                places[f"workspace pack member {member}"] = any(n in archive.read(member) for n in needles)
        for path in sorted(p for p in data.rglob("*") if p.is_file()):
            places[f"file {path.relative_to(data)}"] = any(n in path.read_bytes() for n in needles)
    finally:
        good.stop()
        bad.stop()
    for label, text in outputs.items():
        places[label] = any(n.decode() in text for n in needles)
    return places


def _killed_poll(
    base: list[str], env: dict[str, str], good: ApiServer, outputs: dict[str, str], needles: tuple[bytes, ...]
) -> dict[str, bool]:
    """`-v poll --all` SIGKILLed while its search request is in flight: its arguments and its output."""
    slow = JsonRoute(_slow_search)
    good.route("/search", handler=slow)
    proc = subprocess.Popen([*base, "poll", "acme", "--all"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=REPO_ROOT, start_new_session=True)  # fmt: skip
    places: dict[str, bool] = {}
    try:
        deadline = time.monotonic() + 30
        while not slow.calls and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        if not slow.calls or proc.poll() is not None:
            raise AssertionError("the poll to kill never reached the server")
        places["arguments of the polling process and its workers"] = any(
            n in line for line in _cmdlines(proc.pid) for n in needles
        )
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=10)
    outputs["killed poll: stdout"], outputs["killed poll: stderr"] = out.decode(), err.decode()
    return places


# The YouTube connector as it was before the key moved to a header: the key in the query string, and
# httpx logging every request's URL at INFO (which -v shows).
KEY_IN_URL = """
import logging

from desktop_app.sources import http, youtube

_call = youtube._Poll.call


def call(self, path, params, *args, **kwargs):
    return _call(self, path, {**params, "key": self.key}, *args, **kwargs)


youtube._Poll.call = call
youtube.key_header = lambda key: {}
http.quiet_http_loggers = lambda: logging.getLogger("httpx").setLevel(logging.INFO)
"""


def youtube_key_in_url_leaks(root: Path) -> list[str]:
    """With the key planted back in the URL, the places the scan finds it (empty would mean it sees nothing)."""
    places = youtube_cli_scan(root, hosts=("127.0.0.45", "127.0.0.46"), inject=KEY_IN_URL)
    return [place for place, leaked in places.items() if leaked]

"""Reliability tally (issue #9): hostile feeds and servers, untrusted HTML, SIGKILLs, secrets, damaged files.

    PYTHONPATH=. .venv/bin/python benchmarks/reliability.py [--small] [--kills N]

Prints "cases tried / survived" per family and in total; exits 1 if any case did not survive. Full by
default (~2-3 minutes on 2 cores); --small takes a sample of each family for CI (well under a minute).
The cases and their judges are the tests' own (tests/support/*), so the tally and the tests cannot drift.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import corpus, crash, damage, hostile, sanitize_check, secrets_scan
from tests.support.http_server import make_server
from tests.support.shared_data import locate_shared_data


@dataclass
class Family:
    name: str
    tried: int = 0
    survived: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str = ""

    def case(self, label: str, problems: list[str] | str | None) -> None:
        self.tried += 1
        if problems:
            text = problems if isinstance(problems, str) else "; ".join(problems)
            self.failures.append(f"{label}: {text}")
        else:
            self.survived += 1


def hostile_feeds(small: bool, tmp: Path) -> Family:
    family = Family("hostile corpus feeds over loopback")
    data = locate_shared_data() / "feedparser-corpus"
    if not data.is_dir():
        family.skipped = f"{data} is absent"
        return family
    files = corpus.corpus_files(data)
    if small:
        files = files[::10]
    outcome = corpus.poll_corpus(files, tmp, first_host=80)
    for path in files:
        name = str(path.relative_to(path.parents[2]))
        family.case(name, outcome.bad_feeds.get(name))
    family.case("the run as a whole: stored once, integrity ok, re-poll adds nothing", outcome.whole_run)
    family.notes.append(
        f"{outcome.failed} feeds refused in plain words on their health, {outcome.stored} items stored"
    )
    return family


def hostile_servers(small: bool, tmp: Path) -> Family:
    family = Family(f"hostile servers (RSS < {hostile.RSS_LIMIT_MB:.0f} MB, each within its time limit)")
    server = make_server("127.0.0.90")
    try:
        for n, case in enumerate(hostile.CASES):
            result = hostile.run_case(case, server, tmp / f"case{n}")
            family.case(case.name, result.problems)
            family.notes.append(result.line())
    finally:
        server.stop()
    return family


def sanitizer(small: bool, tmp: Path) -> Family:
    family = Family("untrusted HTML through the detail pane's renderer")
    for n, markup in enumerate(sanitize_check.CLASSIC_VECTORS):
        rendered = sanitize_check.detail_html({"html": markup, "url": "javascript:alert(1)"})
        family.case(f"classic vector {n + 1}", sanitize_check.unsafe_findings(rendered))
    data = locate_shared_data() / "feedparser-corpus"
    if not data.is_dir():
        family.notes.append(f"corpus cases skipped: {data} is absent")
        return family
    files = sanitize_check.sanitizer_files(data)
    for path in files[::5] if small else files:
        for k, fragment in enumerate(sanitize_check.fragments(path)):
            rendered = sanitize_check.detail_html({"html": fragment, "text": fragment})
            family.case(f"{path.name} #{k}", sanitize_check.unsafe_findings(rendered))
    return family


def crashes(small: bool, tmp: Path, kills: int) -> Family:
    family = Family(f"SIGKILL rounds ({kills}) during triage, drafts and polling")
    rng = random.Random(kills)
    data = tmp / "data"
    crash.prepare_data_dir(data)
    triage = draft = kills // 3
    rounds = crash.edit_rounds(data, "triage", triage, rng) + crash.edit_rounds(data, "draft", draft, rng)
    rounds += crash.poll_rounds(data, kills - triage - draft, rng, host="127.0.0.91")
    for r in rounds:
        family.case(r.what, r.problems)
    return family


def secrets(small: bool, tmp: Path) -> Family:
    family = Family("a key in use, looked for everywhere")
    for place, leaked in secrets_scan.scan(tmp, hosts=("127.0.0.92", "127.0.0.93")).items():
        family.case(place, "the key is in it" if leaked else None)
    family.case("a key typed on the command line", secrets_scan.typed_key_problems(tmp / "cli"))
    family.notes.append("not scanned: OS crash reports (no process of ours takes a key as an argument)")
    return family


def damaged(small: bool, tmp: Path) -> Family:
    family = Family("damaged workspace files opened, then restored")
    for n, (how, hurt) in enumerate(damage.DAMAGES.items()):
        family.case(how, damage.damaged_open_problems(tmp / f"d{n}", hurt, 100 if small else 300))
    return family


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help="a sample of each family, for CI")
    parser.add_argument("--kills", type=int, default=None, help="SIGKILL rounds (default 20, --small 4)")
    args = parser.parse_args()
    kills = args.kills or (4 if args.small else 20)
    runs: list[tuple[str, Callable[[Path], Family]]] = [
        ("feeds", lambda t: hostile_feeds(args.small, t)),
        ("servers", lambda t: hostile_servers(args.small, t)),
        ("html", lambda t: sanitizer(args.small, t)),
        ("kills", lambda t: crashes(args.small, t, kills)),
        ("secrets", lambda t: secrets(args.small, t)),
        ("damaged", lambda t: damaged(args.small, t)),
    ]
    families = []
    started = time.monotonic()
    with hostile.RssSampler(interval=0.05) as rss:
        for key, run in runs:
            with tempfile.TemporaryDirectory(prefix=f"earshot-rel-{key}-") as tmp:
                began = time.monotonic()
                try:
                    family = run(Path(tmp))
                except Exception as exc:  # a family that cannot finish counts as one case not survived
                    family = Family(key)
                    family.case("the family itself", f"{type(exc).__name__}: {exc}")
                family.seconds = time.monotonic() - began
            families.append(family)
            _report(family)
    tried = sum(f.tried for f in families)
    survived = sum(f.survived for f in families)
    print(f"\n{'TOTAL':<62} {tried:>6} tried / {survived:>6} survived"
          f"   ({time.monotonic() - started:.0f} s, peak RSS {rss.peak_mb:.0f} MB)")  # fmt: skip
    skipped = [f for f in families if f.skipped]
    if skipped and os.environ.get("CI", "").lower() == "true":
        print("CI requires the shared data; skipped: " + ", ".join(f.name for f in skipped))
        return 1
    return 0 if survived == tried else 1


def _report(family: Family) -> None:
    if family.skipped:
        print(f"{family.name:<62} skipped: {family.skipped}")
        return
    print(
        f"{family.name:<62} {family.tried:>6} tried / {family.survived:>6} survived   ({family.seconds:.1f} s)"
    )
    for note in family.notes:
        print(f"    {note}")
    for failure in family.failures[:10]:
        print(f"    NOT SURVIVED {failure}")
    if len(family.failures) > 10:
        print(f"    ... and {len(family.failures) - 10} more")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())

"""Headless commands: the same services the GUI calls. Errors print one clear line and exit non-zero."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.config.paths import data_dir
from desktop_app.core.errors import EarshotError, UserError
from desktop_app.core.models import BrandProfile
from desktop_app.storage.queries import MentionQuery, View
from desktop_app.storage.workspace import Workspace, create_workspace, list_workspaces, open_workspace

EXIT_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"earshot: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="earshot", description="Earshot: hear what people say about your brand.")
    parser.add_argument(
        "--data-dir", help="folder that holds the workspaces (default: EARSHOT_HOME or the user data folder)"
    )
    parser.add_argument("--version", action="version", version=f"Earshot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("init", help="create a workspace for a brand")
    p.add_argument("name")
    p.add_argument("--brand", required=True)
    p.add_argument("--alias", action="append", default=[])
    p.add_argument("--competitor", action="append", default=[])
    p.add_argument("--exclude", action="append", default=[])
    p.add_argument("--title", help="a display title, e.g. the client's name")

    sub.add_parser("workspaces", help="list workspaces")

    _add_source_commands(sub)

    p = sub.add_parser("poll", help="fetch new mentions from the workspace's sources")
    p.add_argument("name")
    p.add_argument("--once", action="store_true", help="poll every due source once and exit")
    p.add_argument("--all", action="store_true", help="poll every enabled source, due or not")

    p = sub.add_parser("inbox", help="list mentions, most urgent first")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--status", default="new", choices=["new", "responded", "archived", "snoozed", "all"])
    p.add_argument("--view", choices=[v.value for v in View], help="a view of the app instead of --status")
    p.add_argument("--search", default="")

    p = sub.add_parser("import", help="import mentions from a CSV or JSON file")
    p.add_argument("name")
    p.add_argument("file")

    p = sub.add_parser("export", help="export every mention to CSV or JSON")
    p.add_argument("name")
    p.add_argument("--format", required=True, choices=["csv", "json"])
    p.add_argument("--output", required=True)

    p = sub.add_parser("score", help="score the texts of a CSV file (adds sentiment, label, complaint, ...)")
    p.add_argument("--input", required=True)
    p.add_argument("--text-column", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--brand", action="append", default=[], metavar="NAME",
                   help="the brand (repeat for aliases, @handles): sentences that name it weigh more")  # fmt: skip

    p = sub.add_parser("demo", help="create the built-in demo workspace")
    p.add_argument("--name", default="demo")

    p = sub.add_parser("restore", help="put the latest daily backup in place of a damaged workspace")
    p.add_argument("name")
    p.add_argument("--list", action="store_true", help="only list the backups")

    p = sub.add_parser("rescore", help="score every mention again (after an update of the scoring)")
    p.add_argument("name")

    p = sub.add_parser("report", help="the audit report for a period: html, pdf, or the mentions as csv/json")
    p.add_argument("name")
    p.add_argument("--from", dest="since", help="first day, YYYY-MM-DD (default: the first mention)")
    p.add_argument("--to", dest="until", help="last day, YYYY-MM-DD, included (default: today)")
    p.add_argument("--format", required=True, choices=["html", "pdf", "csv", "json"])
    p.add_argument("--output", required=True)
    p.add_argument("--client", help="client name for the cover")
    p.add_argument("--logo", help="an image for the cover")

    p = sub.add_parser("workspace-export", help="one portable file: the workspace without any secret")
    p.add_argument("name")
    p.add_argument("--output", required=True)
    p = sub.add_parser("workspace-import", help="add a workspace from a portable file")
    p.add_argument("file")
    p.add_argument("--name", help="the name to give it (default: the one in the file)")
    p = sub.add_parser(
        "archive",
        help="move a finished client's workspace into the archive folder (--undo brings it back)",
    )
    p.add_argument("name", nargs="?")
    p.add_argument("--undo", action="store_true", help="bring the archived workspace NAME back")
    p.add_argument("--list", action="store_true", help="only list the archived workspaces")
    return parser


def _add_source_commands(sub: Any) -> None:
    source = sub.add_parser("source", help="manage a workspace's sources")
    ssub = source.add_subparsers(dest="source_command", required=True, parser_class=_Parser)
    p = ssub.add_parser("add", help="add a source")
    p.add_argument("name", help="workspace")
    p.add_argument("--kind", required=True)
    p.add_argument("--url")
    p.add_argument(
        "--source-name", "--label", dest="source_name", help="the source's name (default: from the URL)"
    )
    p.add_argument("--interval", type=int, help="minutes between polls")
    p.add_argument("--field", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument(
        "--secret", action="append", default=[], metavar="NAME",
        help="a secret field (e.g. api_key); its value is read from standard input (one line each, "
        "not echoed) and stored in the system keyring only",
    )  # fmt: skip
    p = ssub.add_parser("list", help="list sources with their health")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("remove", help="remove a source (its mentions stay) and the keys only it used")
    p.add_argument("name")
    p.add_argument("source")
    p.add_argument("--keep-key", action="store_true", help="leave the source's keys in the keyring")
    p = ssub.add_parser("set", help="change fields of a source (e.g. its user_agent_preset or proxy)")
    p.add_argument("name")
    p.add_argument("source")
    p.add_argument(
        "--field", action="append", default=[], metavar="KEY=VALUE", help="KEY= (empty) clears the field"
    )
    p = ssub.add_parser("kinds", help="list the kinds of source and their fields")
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("import-opml", help="add every feed of an OPML file")
    p.add_argument("name")
    p.add_argument("file")
    p = ssub.add_parser("export-opml", help="write the workspace's feeds to an OPML file")
    p.add_argument("name")
    p.add_argument("file")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    root = data_dir(args.data_dir)
    from desktop_app.secrets.encrypted import SESSION

    SESSION.configure(root)  # the encrypted key file, when chosen, lives in this data folder
    try:
        return int(_dispatch(args, root) or 0)
    except EarshotError as exc:
        print(f"earshot: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("earshot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _dispatch(args: argparse.Namespace, root: Path) -> int | None:
    from desktop_app import cli_commands as c

    if args.command == "init":
        profile = BrandProfile(args.brand, tuple(args.alias), tuple(args.competitor), tuple(args.exclude))
        with create_workspace(root, args.name, profile, args.title) as ws:
            print(f"Created workspace {ws.name!r} at {ws.path}")
        return 0
    if args.command == "workspaces":
        for name in list_workspaces(root):
            print(name)
        return 0
    if args.command == "score":
        return c.score_file(Path(args.input), args.text_column, Path(args.output), tuple(args.brand))
    if args.command == "demo":
        return c.create_demo(root, args.name)
    if args.command == "workspace-import":
        return c.workspace_import(root, Path(args.file), args.name)
    if args.command == "archive" and (args.undo or args.list):
        return c.unarchive(root, args.name, only_list=args.list)
    if args.command == "archive":
        if args.name is None:
            raise UserError("Name the workspace to archive (archive --list shows the archived ones).")
        return c.archive(root, args.name)
    if args.command == "restore":
        return c.restore(root, args.name, only_list=args.list)
    if args.command == "source" and args.source_command == "kinds":
        return c.source_kinds(args.json)
    with open_workspace(root, args.name) as ws:
        return _workspace_command(args, ws, c)


def _workspace_command(args: argparse.Namespace, ws: Workspace, c: Any) -> int | None:
    if args.command == "source":
        return {
            "add": c.source_add,
            "list": c.source_list,
            "remove": c.source_remove,
            "set": c.source_set,
            "import-opml": c.opml_import,
            "export-opml": c.opml_export,
        }[args.source_command](ws, args)
    if args.command == "poll":
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        return c.poll(ws, once=args.once, every=args.all, stop=stop)
    if args.command == "inbox":
        view = View(args.view) if args.view else _status_view(args.status)
        return c.inbox(ws, MentionQuery(view=view, search=args.search), args.limit, args.json)
    if args.command == "import":
        return c.import_file(ws, Path(args.file))
    if args.command == "export":
        return c.export_file(ws, args.format, Path(args.output))
    if args.command == "report":
        return c.report(ws, args)
    if args.command == "rescore":
        return c.rescore(ws)
    if args.command == "workspace-export":
        return c.workspace_export(ws, Path(args.output))
    raise UserError(f"Unknown command {args.command!r}")


def _status_view(status: str) -> View:
    return {
        "new": View.NEW,
        "responded": View.RESPONDED,
        "archived": View.ARCHIVED,
        "snoozed": View.SNOOZED,
        "all": View.EVERYTHING,
    }[status]


def elapsed(start: float) -> str:
    return f"{time.monotonic() - start:.1f}s"


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

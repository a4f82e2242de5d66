"""The CLI's commands, each a thin shell over services."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.core.errors import UserError
from desktop_app.services import sources as source_service
from desktop_app.services.mention_io import (
    atomic_output,
    export_mentions,
    import_mentions,
    iter_records,
    read_csv_file,
)
from desktop_app.services.poller import PollReport, SourceOutcome
from desktop_app.services.triage import TriageService
from desktop_app.sources.registry import get_connector
from desktop_app.storage.queries import MentionQuery
from desktop_app.storage.workspace import Workspace


def _out(text: str = "") -> None:
    print(text, file=sys.stdout)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def source_kinds(as_json: bool) -> int:
    kinds = source_service.describe_kinds()
    if as_json:
        json.dump(kinds, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for kind in kinds:
            fields = ", ".join(f["name"] + ("" if f["required"] else "?") for f in kind["fields"])
            _out(f"{kind['kind']:<12} {kind['label']}  ({fields})")
    return 0


def _parse_fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--field takes KEY=VALUE, got {pair!r}")
        fields[key.strip()] = value
    return fields


def source_add(ws: Workspace, args: argparse.Namespace) -> int:
    config: dict[str, Any] = _parse_fields(args.field)
    _refuse_secret_values(ws, args.kind, config)
    if args.url:
        config["url"] = args.url
    if getattr(args, "secret", None):
        from desktop_app import cli_secrets

        source_id, name = cli_secrets.add_with_secrets(ws, args, config)
    else:
        source_id, name = source_service.add_source(
            ws, kind=args.kind, config=config, name=args.source_name, interval_minutes=args.interval
        )
    _out(f"Added source {name!r} (id {source_id}) to {ws.name!r}")
    notice = source_service.cost_notice_for(args.kind, config)
    if notice:  # a paid API: said where a script's log keeps it
        _err(notice)
    return 0


def source_set(ws: Workspace, args: argparse.Namespace) -> int:
    changes: dict[str, Any] = _parse_fields(args.field)
    if not changes:
        raise UserError("Nothing to change: give --field KEY=VALUE (see: source kinds).")
    row = source_service.find_source(ws, args.source)
    secret = [s.name for s in get_connector(row["kind"]).fields if s.kind == "secret" and s.name in changes]
    if secret:
        raise UserError(f"{', '.join(secret)} is a key: change it in Settings → Accounts & keys.")
    source_service.update_config(ws, int(row["id"]), changes)
    _out(f"Changed {', '.join(sorted(changes))} of source {row['name']!r}")
    return 0


def _refuse_secret_values(ws: Workspace, kind: str, config: dict[str, Any]) -> None:
    """A secret field holds the name of a keyring entry (workspace/source/field), never the secret itself:
    a key typed here would be stored in the workspace file and shows in process lists and shell history."""
    connector = get_connector(kind)
    for spec in connector.fields:
        value = str(config.get(spec.name) or "")
        if spec.kind == "secret" and value and not value.startswith(f"{ws.name}/"):
            raise UserError(
                f"{spec.label} is a secret: Earshot never takes one on the command line, where it would be "
                f"saved in the workspace and show in process lists. Give the name of its keyring entry "
                f"(--field {spec.name}={ws.name}/SOURCE/{spec.name}), or pass --secret {spec.name} and give "
                "the key on standard input: it goes to the system keyring only."
            )


def source_list(ws: Workspace, args: argparse.Namespace) -> int:
    records = source_service.source_records(ws)
    if args.json:
        json.dump(records, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not records:
        _out("No sources yet. Add one with: source add WORKSPACE --kind rss --url URL")
    for r in records:
        line = f"{r['id']:>4}  {r['health']:<13} {r['name']}  [{r['kind']}]  fetched {r['items_fetched']}"
        if r["last_error"]:
            line += f"\n      last error: {r['last_error']}"
        _out(line)
    return 0


def source_remove(ws: Workspace, args: argparse.Namespace) -> int:
    """Removes the source and, unless --keep-key, the keys no other source uses; says which went or stayed."""
    from desktop_app.services.source_removal import keys_only_theirs, remove_sources

    source_id = int(source_service.find_source(ws, args.source)["id"])
    store = None
    if keys_only_theirs(ws, [source_id]) and not args.keep_key:
        from desktop_app import cli_secrets

        try:
            store = cli_secrets.open_store()
        except UserError as exc:
            raise UserError(f"{exc} Or pass --keep-key to remove the source and leave its key.") from None
    result = remove_sources(ws, store, [source_id], remove_keys=not args.keep_key)
    _out(f"Removed source {result.names[0]!r}; its mentions stay in the workspace.")
    for line in result.key_lines():
        _out(line)
    return 0


def opml_import(ws: Workspace, args: argparse.Namespace) -> int:
    added, skipped = source_service.import_opml(ws, Path(args.file))
    _out(f"Added {added} feed(s); {skipped} already present or invalid.")
    return 0


def opml_export(ws: Workspace, args: argparse.Namespace) -> int:
    count = source_service.export_opml(ws, Path(args.file))
    _out(f"Wrote {count} feed(s) to {args.file}")
    return 0


PARALLEL_SCORING_FROM = 20  # sources: below this, starting worker processes costs more than it saves


def _progress(done: int, total: int, outcome: SourceOutcome) -> None:
    if outcome.error:
        status = f"failed: {outcome.error}"
    elif outcome.not_modified:
        status = "not modified"
    else:
        status = f"{outcome.added} new, {outcome.fetched} fetched, {outcome.dropped} not about the brand"
    _err(f"[{done}/{total}] {outcome.name}: {status}")


def poll(ws: Workspace, *, once: bool, every: bool, stop: threading.Event) -> int:
    from desktop_app.services.factory import build_poller

    due = len(source_service.enabled_source_ids(ws)) if every else source_service.count_due(ws)
    from desktop_app import cli_secrets

    poller = build_poller(
        ws, secrets=cli_secrets.store_if_needed(ws), parallel_scoring=due >= PARALLEL_SCORING_FROM or not once
    )
    try:
        while True:
            start = time.monotonic()
            TriageService(ws).wake_snoozed().result()  # due snoozes are back before new mentions arrive
            if every:
                report = poller.poll_sources(source_service.enabled_source_ids(ws), _progress, stop)
            else:
                report = poller.poll_due(_progress, stop)
            _summarize(report, time.monotonic() - start)
            if once or every or stop.is_set():
                return 1 if report.outcomes and len(report.failed) == len(report.outcomes) else 0
            wait = source_service.seconds_until_next_poll(ws)
            _err(f"Next poll in {wait:.0f}s (Ctrl+C to stop)")
            if stop.wait(wait):
                return 0
    finally:
        poller.close()


def _summarize(report: PollReport, seconds: float) -> None:
    if not report.outcomes:
        _err("No source is due; nothing to poll.")
        return
    failed = len(report.failed)
    _err(
        f"Polled {len(report.outcomes)} source(s) in {seconds:.1f}s: {report.added} new mention(s), {failed} failed."
    )


def inbox(ws: Workspace, query: MentionQuery, limit: int, as_json: bool) -> int:
    TriageService(ws).wake_snoozed().result()  # a snooze whose time has come lists as new, as in the app
    records = list(iter_records(ws.reader(), query, limit=max(0, limit)))
    if as_json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not records:
        _out("Nothing here.")
    for r in records:
        title = (r["title"] or r["text"] or "").replace("\n", " ")[:80]
        _out(
            f"{r['urgency']:>3}  {r['label']:<8} {r['category']:<10} {(r['author'] or '-')[:20]:<20} {title}"
        )
    return 0


def import_file(ws: Workspace, path: Path) -> int:
    changes = import_mentions(ws, path)
    _out(f"Imported {len(changes.added)} mention(s) from {path.name}; {changes.duplicates} already present.")
    return 0


def export_file(ws: Workspace, fmt: str, output: Path) -> int:
    count = export_mentions(ws, fmt, output)
    _out(f"Exported {count} mention(s) to {output}")
    return 0


SCORE_COLUMNS = ("sentiment", "label", "complaint", "category", "urgency")


def score_file(input_path: Path, text_column: str, output: Path, brand: tuple[str, ...] = ()) -> int:
    from desktop_app.scoring.scorer import ScoreContext, default_scorer

    fieldnames, rows = read_csv_file(input_path)  # the header even when there are no rows
    if text_column not in fieldnames:
        raise UserError(
            f"{input_path.name} has no column {text_column!r}; its columns are: {', '.join(fieldnames)}"
        )
    scorer = default_scorer()
    context = ScoreContext(brand_terms=tuple(b.strip() for b in brand if b.strip()))
    scores = scorer.score_many([(r.get(text_column) or "", context) for r in rows])
    extra = [c for c in SCORE_COLUMNS if c not in fieldnames]
    with atomic_output(output) as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames + extra)
        writer.writeheader()
        for row, s in zip(rows, scores, strict=True):
            row.update(
                sentiment=f"{s.sentiment:.4f}",
                label=s.label.value,
                complaint=f"{s.complaint:.4f}",
                category=s.category.value,
                urgency=s.urgency,
            )
            writer.writerow(row)
    _out(f"Scored {len(rows)} row(s) into {output}")
    return 0


def create_demo(root: Path, name: str) -> int:
    from desktop_app.services.demo import create_demo_workspace

    with create_demo_workspace(root, name) as ws:
        count = ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0]
        _out(f"Created the demo workspace {ws.name!r} with {count} mentions at {ws.path}")
    return 0


def _day(value: str | None, *, end: bool = False) -> int | None:
    """YYYY-MM-DD as epoch seconds (UTC); an end day is included, so it means the next midnight."""
    if not value:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise UserError(f"{value!r} is not a date: use YYYY-MM-DD.") from None
    return int((day + timedelta(days=1 if end else 0)).timestamp())


def report(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.services.insights.report import build_report, write_report

    since, until = _day(args.since), _day(args.until, end=True)
    if since is not None and until is not None and since >= until:
        raise UserError("--from must be before --to.")
    output = Path(args.output)
    extra = {"client_name": args.client, "logo_path": Path(args.logo) if args.logo else None}
    if args.format == "pdf":
        from desktop_app.services.insights.report_html import render_html
        from desktop_app.ui.report_pdf import write_pdf

        if not output.parent.is_dir():
            raise UserError(f"Cannot write {output}: the folder {output.parent} does not exist.")
        write_pdf(render_html(build_report(ws, since, until, **extra), charts_as_images=True), output)
    elif args.format in ("csv", "json"):
        count = write_report(ws, since, until, args.format, output)
        _out(f"Exported the {count} mention(s) behind the report to {output}")
        return 0
    else:
        write_report(ws, since, until, "html", output, **extra)
    _out(f"Wrote the report to {output}")
    return 0


def workspace_export(ws: Workspace, output: Path) -> int:
    from desktop_app.services.insights.portable import export_workspace

    manifest = export_workspace(ws, output)
    rows = sum(manifest.get("counts", {}).values()) if isinstance(manifest, dict) else 0
    _out(f"Exported {ws.name!r} to {output} ({rows} rows; no secrets)")
    return 0


def workspace_import(root: Path, archive: Path, name: str | None) -> int:
    from desktop_app.services.insights.portable import import_workspace

    created = import_workspace(root, archive, name)
    _out(f"Imported workspace {created!r}")
    return 0


def archive(root: Path, name: str) -> int:
    from desktop_app.services.insights.portable import archive_workspace

    archive_workspace(root, name)
    _out(f"Archived workspace {name!r}; it no longer appears among the workspaces.")
    return 0


def unarchive(root: Path, name: str | None, *, only_list: bool = False) -> int:
    """archive NAME --undo: bring an archived workspace back; archive --list: name the archived ones."""
    from desktop_app.core.errors import WorkspaceExists
    from desktop_app.services.insights.portable import list_archived, unarchive_workspace

    archived = list_archived(root)
    if only_list:
        for archived_name in archived:
            _out(archived_name)
        return 0
    if name is None:
        raise UserError("Name the archived workspace to bring back (archive --list shows them).")
    if name not in archived:
        known = f" The archive holds: {', '.join(archived)}." if archived else " The archive is empty."
        raise UserError(f"No archived workspace named {name!r}.{known}")
    try:
        path = unarchive_workspace(root, name)
    except WorkspaceExists:
        raise UserError(
            f"A workspace named {name!r} is already among the workspaces; archive or rename it first."
        ) from None
    _out(f"Brought workspace {name!r} back from the archive ({path}).")
    return 0


def rescore(ws: Workspace) -> int:
    from desktop_app.services.rescore import rescore_workspace
    from desktop_app.services.scoring_pool import ScoringPool

    started = time.monotonic()
    pool = ScoringPool()
    try:
        done = rescore_workspace(
            ws, pool, progress=lambda d, t: _err(f"\rRe-scored {d}/{t}") if d == t or d % 20000 == 0 else None
        )
    finally:
        pool.close()
    _out(f"Re-scored {done} mention(s) in {time.monotonic() - started:.1f}s")
    return 0


def restore(root: Path, name: str, *, only_list: bool) -> int:
    from desktop_app.storage.backups import list_backups, restore_backup
    from desktop_app.storage.workspace import workspace_path

    backups = list_backups(root, name)
    if only_list:
        for path in backups:
            _out(str(path))
        if not backups:
            _out(f"No backups of {name!r} yet (one is made each day a workspace is used).")
        return 0
    chosen = restore_backup(root, name, workspace_path(root, name))
    _out(f"Restored {name!r} from {chosen.name}; the damaged file was kept beside it.")
    return 0

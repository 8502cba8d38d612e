"""`candour export`: the register as CSV or Excel (with the filter), or the whole database as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from core.cli.common import CommandError, ServicesFactory, add_filter_arguments, build_filter
from core.domain.actions import SortKey
from core.domain.documents import ExportFormat
from core.files import write_bytes
from core.services.app import resolve_target
from core.services.backup import restore_database
from core.services.export_json import export_database
from core.services.saving import export_register


def register(commands: Any) -> None:
    export = commands.add_parser("export", help="export the action register (csv, xlsx) or everything (json)")
    export.add_argument("--format", required=True, choices=["json", "csv", "xlsx"])
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    add_filter_arguments(export)
    export.set_defaults(handler=run_export)
    register_backup(commands)


def run_export(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    if args.output.is_dir():
        raise CommandError(f"{args.output} is a folder; give a file name to write.")
    if args.format == "json":
        data = export_database(services.ctx)
        write_bytes(args.output, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
        print(f"Wrote the whole database to {args.output}.")
        return 0
    flt = build_filter(args, services)
    count = export_register(
        services.actions,
        services.actions.ids(flt, SortKey.REFERENCE),
        args.output,
        ExportFormat(args.format),
        filter_text=services.documents.describe_filter(flt),
        exported_at=services.ctx.now(),
    )
    print(f"Wrote {count} action(s) to {args.output}.")
    return 0


def register_backup(commands: Any) -> None:
    backup = commands.add_parser("backup", help="write a consistent copy of the database (safe while open)")
    backup.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser("restore", help="replace the database with a backup (keeps a safety copy)")
    restore.add_argument("backup", type=Path)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    written = open_db().back_up(args.output)
    print(f"Backed up to {written}.")
    return 0


def run_restore(args: argparse.Namespace, _open_db: ServicesFactory) -> int:
    label, safety = restore_database(
        resolve_target(args.db),
        args.backup,
        actor=args.user,
        waiting=lambda words: print(words, file=sys.stderr, flush=True),
    )
    kept = f" The previous content is kept in {safety}." if safety else ""
    print(f"Restored {label} from {args.backup}.{kept}")
    return 0

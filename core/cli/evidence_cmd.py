"""`candour evidence purge`: erase stored file content that no evidence item uses any more."""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.common import ServicesFactory


def register(commands: Any) -> None:
    evidence = commands.add_parser("evidence", help="evidence files stored in the database")
    sub = evidence.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    purge = sub.add_parser("purge", help="erase file content no evidence item uses (e.g. after removals)")
    purge.set_defaults(handler=run_purge)


def run_purge(_args: argparse.Namespace, open_db: ServicesFactory) -> int:
    erased = open_db().evidence.purge()
    print(f"Erased {erased} stored file{'s' if erased != 1 else ''} that no evidence item uses.")
    return 0

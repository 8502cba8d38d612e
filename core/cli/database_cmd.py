"""`candour init` (the one command that makes a new database) and `candour audit verify`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.cli.common import CommandError, ServicesFactory
from core.domain.vocabulary import Access
from core.services.app import open_services
from core.services.history import verify_history
from core.store.db import Database
from core.store.migrate import current_revision


def register(commands: Any) -> None:
    init = commands.add_parser(
        "init", help="create a new, empty database at PATH (a file, or a server's URL)"
    )
    init.add_argument("path", metavar="PATH")
    init.add_argument(
        "--lead", metavar="NAME", help="add this person as the database's first governance lead"
    )
    init.set_defaults(handler=run_init)

    audit = commands.add_parser("audit", help="check the history")
    sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser(
        "verify", help="recompute the history's hash chain and name the first entry that does not match"
    )
    verify.set_defaults(handler=run_verify)


def run_init(args: argparse.Namespace, _open_db: ServicesFactory) -> int:
    target: str | Path = args.path if "://" in args.path else Path(args.path).expanduser()
    if isinstance(target, Path) and target.is_file() and target.stat().st_size > 0:
        raise CommandError(f"{target} already exists; Candour makes a new database only where there is none.")
    if isinstance(target, str):
        refuse_existing_server_database(target)
    services = open_services(target, create=True)
    try:
        print(f"Created a new Candour database at {services.database_label}.")
        if args.lead:
            person = services.people.add(args.lead, access=Access.GOVERNANCE_LEAD)
            print(f"Added {person.name} as its governance lead.")
    finally:
        services.close()
    return 0


def refuse_existing_server_database(url: str) -> None:
    db = Database(url)
    try:
        if current_revision(db) is not None:
            raise CommandError(
                f"{db.label} already holds a Candour database; Candour makes a new database only "
                "where there is none."
            )
    finally:
        db.dispose()


def run_verify(_args: argparse.Namespace, open_db: ServicesFactory) -> int:
    result = verify_history(open_db().ctx)
    print(result.sentence)
    return 0 if result.intact else 1

"""`candour init` (the one command that makes a new database) and `candour audit verify`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.cli.common import CommandError, ServicesFactory
from core.domain.vocabulary import Access
from core.services.app import open_services
from core.services.history import verify_history


def register(commands: Any) -> None:
    init = commands.add_parser("init", help="create a new, empty database at PATH")
    init.add_argument("path", type=Path, metavar="PATH")
    init.add_argument("--lead", metavar="NAME", help="add this person as the database's first governance lead")
    init.set_defaults(handler=run_init)

    audit = commands.add_parser("audit", help="check the history")
    sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser("verify", help="recompute the history's hash chain and name the first entry that "
                                           "does not match")
    verify.set_defaults(handler=run_verify)


def run_init(args: argparse.Namespace, _open_db: ServicesFactory) -> int:
    path: Path = args.path.expanduser()
    if path.is_file() and path.stat().st_size > 0:
        raise CommandError(f"{path} already exists; Candour makes a new database only where there is none.")
    services = open_services(path, create=True)
    try:
        print(f"Created a new Candour database at {services.database_label}.")
        if args.lead:
            person = services.people.add(args.lead, access=Access.GOVERNANCE_LEAD)
            print(f"Added {person.name} as its governance lead.")
    finally:
        services.close()
    return 0


def run_verify(_args: argparse.Namespace, open_db: ServicesFactory) -> int:
    result = verify_history(open_db().ctx)
    print(result.sentence)
    return 0 if result.intact else 1

"""`candour team`: an administrator sets up team mode on a PostgreSQL server (roles, policies, logins)."""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from core.cli.common import CommandError, ServicesFactory
from core.domain.vocabulary import Access
from core.services.app import Services, open_services, resolve_target
from core.services.context import ServiceContext
from core.services.team import TeamService
from core.store.db import Database

ROLE_NAMES = {"lead": Access.GOVERNANCE_LEAD, "owner": Access.ACTION_OWNER, "viewer": Access.VIEWER}


def register(commands: Any) -> None:
    team = commands.add_parser("team", help="team mode on a PostgreSQL server (for its administrator)")
    sub = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = sub.add_parser(
        "init", help="create the schema, the group roles and the row-level security policies"
    )
    init.set_defaults(handler=run_init)
    add = sub.add_parser("add-person", help="create a person and their own server login together")
    add.add_argument("name")
    add.add_argument("--login", required=True, help="their PostgreSQL login")
    add.add_argument(
        "--role",
        required=True,
        choices=list(ROLE_NAMES),
        help="lead (everything), owner (their own actions at their locations), viewer (reads)",
    )
    add.add_argument("--location", action="append", default=[], help="a location they belong to (repeatable)")
    add.add_argument("--password", help="their first password (asked for when not given)")
    add.set_defaults(handler=run_add_person)


def open_as_administrator(args: argparse.Namespace) -> Services:
    db = Database(resolve_target(args.db))
    if db.is_sqlite:
        db.dispose()
        raise CommandError(
            f"{db.label} is a file on one computer; team mode needs a PostgreSQL server "
            "(give its URL with --db or CANDOUR_DB)."
        )
    return open_services(ctx=ServiceContext(db=db, actor=db.login(), administrator=True))


def team_service(services: Services) -> TeamService:
    return TeamService(services.ctx, services.people, services.locations)


def run_init(args: argparse.Namespace, _open_db: ServicesFactory) -> int:
    services = open_as_administrator(args)
    try:
        team_service(services).init()
        print(
            f"Team mode is set up on {services.database_label}: roles candour_lead, candour_owner and "
            "candour_viewer, with the server enforcing what each may change."
        )
    finally:
        services.close()
    return 0


def run_add_person(args: argparse.Namespace, _open_db: ServicesFactory) -> int:
    password = args.password if args.password is not None else ask_password(args.login)
    services = open_as_administrator(args)
    try:
        person = team_service(services).add_person(
            args.name, args.login, ROLE_NAMES[args.role], args.location, password
        )
        where = f" at {', '.join(args.location)}" if args.location else ""
        print(f"Added {person.name} ({person.access.label.lower()}{where}), who logs in as {args.login}.")
    finally:
        services.close()
    return 0


def ask_password(login: str) -> str:
    try:
        first, again = getpass.getpass(f"Password for {login}: "), getpass.getpass("The same again: ")
    except EOFError:
        raise CommandError(f"No password was given for {login}; nothing was changed.") from None
    if first != again:
        raise CommandError(f"The two passwords for {login} differ; nothing was changed.")
    return first

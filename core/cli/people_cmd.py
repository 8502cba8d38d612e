"""`candour people`: list, add, rename, hand over, leave."""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.common import ServicesFactory, print_json, print_table
from core.domain.vocabulary import Access


def register(commands: Any) -> None:
    people = commands.add_parser("people", help="owners and verifiers")
    people.add_argument("--json", action="store_true")
    people.set_defaults(handler=run_list)
    sub = people.add_subparsers(dest="people_command", metavar="ACTION")

    add = sub.add_parser("add", help="add a person")
    add.add_argument("name")
    add.add_argument("--email")
    add.add_argument("--role", help="job title")
    add.add_argument(
        "--access",
        choices=[a.value for a in Access],
        default=Access.ACTION_OWNER.value,
        help="what they may do in Candour (default action_owner)",
    )
    add.set_defaults(handler=run_add, writes=True)

    access = sub.add_parser("access", help="change what a person may do in Candour (a governance lead's job)")
    access.add_argument("name")
    access.add_argument("access", choices=[a.value for a in Access])
    access.set_defaults(handler=run_access, writes=True)

    rename = sub.add_parser("rename", help="correct a person's name")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(handler=run_rename, writes=True)

    hand = sub.add_parser("hand-over", help="give all of one person's unclosed actions to another")
    hand.add_argument("name")
    hand.add_argument("to")
    hand.set_defaults(handler=run_hand_over, writes=True)

    leave = sub.add_parser("leave", help="mark a person as left, optionally handing over their actions")
    leave.add_argument("name")
    leave.add_argument("--hand-over-to", metavar="NAME")
    leave.set_defaults(handler=run_leave, writes=True)


def run_list(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    people = open_db().people.list()
    if args.json:
        print_json([p.model_dump(mode="json") for p in people])
        return 0
    if not people:
        print("No people yet; add one with 'candour people add NAME'.")
        return 0
    rows = [
        [
            p.name,
            p.access.label,
            p.role or "—",
            p.email or "—",
            str(p.open_actions),
            "left" if not p.active else "active",
        ]
        for p in people
    ]
    print_table(["NAME", "IN CANDOUR", "ROLE", "EMAIL", "UNCLOSED", "STATE"], rows, [28, 16, 28, 30, 8, 6])
    return 0


def run_add(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    person = open_db().people.add(args.name, args.email, args.role, Access(args.access))
    print(f"Added {person.name} ({person.access.label.lower()}).")
    return 0


def run_access(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    person = services.people.set_access(services.people.find(args.name).id, Access(args.access))
    print(f"{person.name} is now {person.access.label.lower()}.")
    return 0


def run_rename(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    person = services.people.update(services.people.find(args.name).id, name=args.new_name)
    print(f"Renamed to {person.name}.")
    return 0


def run_hand_over(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    source, target = services.people.find(args.name), services.people.find(args.to)
    moved = services.people.hand_over(source.id, target.id)
    print(f"Handed {moved} action(s) from {source.name} to {target.name}.")
    return 0


def run_leave(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    person = services.people.find(args.name)
    successor = services.people.find(args.hand_over_to) if args.hand_over_to else None
    moved = services.people.leave(person.id, successor.id if successor else None)
    tail = f"; {moved} action(s) handed to {successor.name}" if successor else ""
    print(f"{person.name} has left{tail}.")
    return 0

"""`candour add` (an action no report contains), `delete`, `delete-report` and `deletions`."""

from __future__ import annotations

import argparse
import re
from typing import Any

from core.cli.common import CommandError, ServicesFactory, date_arg, print_json
from core.cli.documents_cmd import find_location
from core.domain.parsed import Regulation
from core.domain.regulations import regulation_title
from core.domain.vocabulary import ActionKind, KeyQuestion, OtherSource, Statute

_REGULATION = re.compile(r"^\s*(?:reg(?:ulation)?\.?\s*)?(\d{1,2}[A-Z]?)\s*((?:\(\w+\))*)\s*$", re.IGNORECASE)


def register(commands: Any) -> None:
    add = commands.add_parser(
        "add", help="add an action no CQC report contains (audit, incident, mock inspection...)"
    )
    add.add_argument("text", help="what needs to be put right")
    add.add_argument("--location", required=True, help="location name, code or id")
    add.add_argument("--source", required=True, choices=[s.value for s in OtherSource])
    add.add_argument("--key-question", required=True, choices=[k.value for k in KeyQuestion])
    add.add_argument("--kind", choices=[k.value for k in ActionKind], default=ActionKind.SHOULD.value)
    add.add_argument("--regulation", help="e.g. 12 or 17(2)(a) (of the 2014 regulations)")
    add.add_argument("--owner", help="person's name")
    add.add_argument("--due", type=date_arg, metavar="DATE")
    add.add_argument("--success-measure", help="what closed looks like")
    add.set_defaults(handler=run_add)

    remove = commands.add_parser("delete", help="delete an action added or imported by mistake (reason kept)")
    remove.add_argument("reference")
    remove.add_argument("--reason", required=True)
    remove.add_argument("--confirm", action="store_true", help="delete even though work has been recorded")
    remove.set_defaults(handler=run_delete)

    report = commands.add_parser(
        "delete-report", help="delete a report imported by mistake, with the actions it brought in"
    )
    report.add_argument("report", help="the report file name it was imported from, or its id")
    report.add_argument("--reason", required=True)
    report.add_argument("--confirm", action="store_true", help="delete even though work has been recorded")
    report.set_defaults(handler=run_delete_report)

    listing = commands.add_parser("deletions", help="list what was deleted, why and by whom")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_deletions)


def parse_regulation(text: str) -> Regulation:
    match = _REGULATION.match(text)
    if match is None:
        raise CommandError(f"'{text}' is not a regulation; write its number, e.g. 12 or 17(2)(a).")
    number, paragraphs = match.group(1).upper(), match.group(2) or None
    return Regulation(
        number=number,
        paragraphs=paragraphs,
        statute=Statute.RA_2014,
        title=regulation_title(Statute.RA_2014, number),
    )


def run_add(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    location = find_location(services, args.location)
    regulation = parse_regulation(args.regulation) if args.regulation else None
    owner = services.people.find(args.owner).id if args.owner else None
    detail = services.edits.add_from_source(
        location.id,
        ActionKind(args.kind),
        args.text,
        source=OtherSource(args.source),
        key_question=KeyQuestion(args.key_question),
        regulation=regulation,
        owner_id=owner,
        due=args.due,
        success_measure=args.success_measure,
    )
    print(f"{detail.summary.reference}: added at {location.name} ({OtherSource(args.source).label}).")
    return 0


def run_delete(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    detail = services.actions.find(args.reference)
    services.removal.delete_action(detail.id, args.reason, confirmed=args.confirm)
    print(f"{detail.summary.reference}: deleted; the reason is kept in its history.")
    return 0


def run_delete_report(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    wanted = args.report.strip()
    reports = services.locations.reports()
    found = [r for r in reports if str(r.id) == wanted or r.file_name.casefold() == wanted.casefold()]
    if not found:
        raise CommandError(f"No imported report is called '{wanted}' or has that id.")
    deletion = services.removal.delete_report(found[0].id, args.reason, confirmed=args.confirm)
    print(f"{deletion.label}: deleted with the actions it brought in; the reason is kept.")
    return 0


def run_deletions(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    deletions = open_db().removal.deletions()
    if args.json:
        print_json([d.model_dump(mode="json") for d in deletions])
        return 0
    if not deletions:
        print("Nothing has been deleted.")
    for d in deletions:
        work = f" (despite: {d.work_recorded})" if d.work_recorded else ""
        print(f"{d.deleted_at:%Y-%m-%d %H:%M}  {d.deleted_by:<16} {d.entity:<6} {d.label}: {d.reason}{work}")
    return 0

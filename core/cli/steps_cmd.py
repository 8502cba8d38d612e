"""`candour step add|update|done|list|move|remove REF ...`: the steps of the provider's plan under an
action."""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.common import CommandError, ServicesFactory, date_arg, print_json, print_table
from core.domain.steps import Step, StepChanges, steps_progress
from core.domain.vocabulary import StepStatus
from core.services.app import Services


def register(commands: Any) -> None:
    step = commands.add_parser("step", help="the steps of the provider's plan under an action")
    verbs = step.add_subparsers(dest="step_command", metavar="VERB", required=True)

    add = verbs.add_parser("add", help="add a step at the end of an action's plan")
    add.add_argument("reference", help="the action's reference")
    add.add_argument("text", help="what we will do")
    _field_arguments(add)
    add.set_defaults(handler=run_add)

    update = verbs.add_parser("update", help="change a step")
    _numbered(update)
    update.add_argument("--text", help="what we will do")
    _field_arguments(update)
    update.add_argument("--status", choices=[s.value for s in StepStatus])
    update.add_argument("--evidence", help="what shows the step is done")
    update.set_defaults(handler=run_update)

    done = verbs.add_parser("done", help="mark a step done")
    _numbered(done)
    done.add_argument("--evidence", help="what shows the step is done")
    done.set_defaults(handler=run_done)

    listing = verbs.add_parser("list", help="list an action's steps")
    listing.add_argument("reference")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    move = verbs.add_parser("move", help="move a step to another place in the plan")
    _numbered(move)
    move.add_argument("--to", type=int, required=True, metavar="N", help="its new number (1 = first)")
    move.set_defaults(handler=run_move)

    remove = verbs.add_parser("remove", help="delete a step planned by mistake (the reason is kept)")
    _numbered(remove)
    remove.add_argument("--reason", required=True)
    remove.set_defaults(handler=run_remove)


def _numbered(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("reference", help="the action's reference")
    parser.add_argument("number", type=int, help="the step's number (1 = first)")


def _field_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--owner", help="who is responsible ('none' to clear)")
    parser.add_argument("--due", type=date_arg, metavar="DATE", help="by when (YYYY-MM-DD)")
    parser.add_argument("--monitoring", help="how progress will be monitored")
    parser.add_argument("--measure", dest="success_measure", help="how we will know it is put right")


def _owner_id(services: Services, name: str | None) -> int | None:
    if name is None or name.casefold() == "none":
        return None
    return services.people.find(name).id


def run_add(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    action = services.actions.find(args.reference)
    step = services.steps.add(
        action.id,
        args.text,
        owner_id=_owner_id(services, args.owner),
        due=args.due,
        monitoring=args.monitoring,
        success_measure=args.success_measure,
    )
    print(f"{action.summary.reference}: step {step.number} added.")
    return 0


def run_update(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    action, step = _find(services, args)
    given: dict[str, Any] = {}
    if args.owner is not None:
        given["owner_id"] = _owner_id(services, args.owner)
    for name in ("text", "due", "monitoring", "success_measure", "evidence"):
        if getattr(args, name) is not None:
            given[name] = getattr(args, name)
    if args.status:
        given["status"] = StepStatus(args.status)
    if not given:
        raise CommandError(
            "Nothing to change: give at least one of --text, --owner, --due, --monitoring, "
            "--measure, --status or --evidence."
        )
    services.steps.update(step.id, StepChanges(**given))
    print(f"{action}: step {step.number} updated ({', '.join(sorted(given))}).")
    return 0


def run_done(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    action, step = _find(services, args)
    services.steps.done(step.id, args.evidence)
    summary = services.actions.find(action).summary
    print(f"{action}: step {step.number} done; {steps_progress(summary.step_count, summary.steps_done)}.")
    return 0


def run_list(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    detail = services.actions.find(args.reference)
    if args.json:
        print_json([s.model_dump(mode="json") for s in detail.steps])
        return 0
    if not detail.steps:
        print(f"{detail.summary.reference} has no steps yet.")
        return 0
    print_table(STEP_HEADERS, [step_cells(s) for s in detail.steps], STEP_WIDTHS)
    print(f"\n{steps_progress(detail.summary.step_count, detail.summary.steps_done)}.")
    return 0


def run_move(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    action, step = _find(services, args)
    services.steps.move(step.id, args.to)
    print(f"{action}: step {step.number} is now step {args.to}.")
    return 0


def run_remove(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    action, step = _find(services, args)
    services.steps.remove(step.id, args.reason)
    print(f"{action}: step {step.number} removed.")
    return 0


def _find(services: Services, args: argparse.Namespace) -> tuple[str, Step]:
    detail = services.actions.find(args.reference)
    return detail.summary.reference, services.steps.numbered(detail.id, args.number)


def step_cells(step: Step) -> list[str]:
    return [
        str(step.number),
        step.status.label,
        step.due.isoformat() if step.due else "—",
        step.owner_name or "—",
        " ".join(step.text.split()),
    ]


STEP_HEADERS = ["NO", "STATUS", "DUE", "OWNER", "WHAT WE WILL DO"]
STEP_WIDTHS = [3, 12, 10, 18, 70]

"""`candour actions`, `show`, `update`, `history`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.cli.common import (
    SORT_CHOICES,
    SUMMARY_HEADERS,
    SUMMARY_WIDTHS,
    CommandError,
    ServicesFactory,
    add_filter_arguments,
    build_filter,
    date_arg,
    print_json,
    print_table,
    summary_cells,
)
from core.cli.output import one_line
from core.domain.actions import ActionChanges, ActionDetail, SortKey
from core.domain.errors import StaleVersion
from core.domain.steps import steps_progress
from core.domain.vocabulary import ActionStatus, KeyQuestion, Priority
from core.domain.wording import format_date, format_datetime
from core.domain.workflow import transition_for


def register(commands: Any) -> None:
    listing = commands.add_parser("actions", help="list actions, filtered and sorted")
    add_filter_arguments(listing)
    listing.add_argument("--sort", choices=SORT_CHOICES, default=SortKey.DUE.value)
    listing.add_argument("--descending", action="store_true")
    listing.add_argument("--limit", type=int, default=200, help="at most this many rows (default 200)")
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_actions)

    show = commands.add_parser("show", help="show one action in full")
    show.add_argument("reference")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    update = commands.add_parser("update", help="change an action: owner, due date, status, notes, evidence")
    update.add_argument("reference")
    update.add_argument("--owner", help="person's name ('none' to clear)")
    update.add_argument("--due", type=date_arg, metavar="DATE", help="new due date (YYYY-MM-DD)")
    update.add_argument(
        "--reason",
        help="why the due date moved, why the status changes (N/A, reopen), or "
        "with --status verified what you checked",
    )
    update.add_argument(
        "--status",
        choices=[s.value for s in ActionStatus],
        help="'verified' is done by you (--user), who must be neither the owner nor the completer",
    )
    update.add_argument("--priority", choices=[p.value for p in Priority])
    update.add_argument("--success-measure", help="what closed looks like")
    update.add_argument(
        "--key-question",
        choices=[q.value for q in KeyQuestion] + ["none"],
        help="the key question the action answers ('none' to clear)",
    )
    update.add_argument("--note", help="add a progress note")
    update.add_argument("--evidence", type=Path, metavar="FILE", help="attach a file as evidence")
    update.add_argument("--link", metavar="URL", help="attach a link as evidence")
    update.add_argument("--description", help="description of the evidence")
    update.add_argument("--version", type=int, help="refuse if the action changed since this version")
    update.set_defaults(handler=run_update, writes=True)

    history = commands.add_parser("history", help="every recorded change to an action")
    history.add_argument("reference")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=run_history)


def run_actions(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    flt = build_filter(args, services)
    page = services.actions.page(flt, SortKey(args.sort), args.descending, args.offset, args.limit)
    if args.json:
        print_json([row.model_dump(mode="json") for row in page.rows])
        return 0
    if not page.rows:
        print("No actions match.")
        return 0
    print_table(SUMMARY_HEADERS, [summary_cells(a) for a in page.rows], SUMMARY_WIDTHS)
    shown = f"{page.offset + 1}–{page.offset + len(page.rows)}"
    print(f"\n{shown} of {page.total} action(s).")
    return 0


def run_show(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    detail = open_db().actions.find(args.reference)
    if args.json:
        print_json(detail.model_dump(mode="json"))
    else:
        print(format_detail(detail))
    return 0


def run_history(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    detail = services.actions.find(args.reference)
    entries = services.actions.history(detail.id)
    if args.json:
        print_json([e.model_dump(mode="json") for e in entries])
        return 0
    for e in entries:
        what = e.operation if e.field is None else f"{e.field}: {e.old_value or '—'} → {e.new_value or '—'}"
        if e.field is None and (e.new_value or e.old_value):
            what += f" {e.entity}: {e.new_value or e.old_value}"
        when = e.at_utc or f"{e.at:%Y-%m-%d %H:%M}"  # UTC with its offset, where recorded
        print(f"{when}  {one_line(e.actor):<16} {e.entity:<8} {one_line(what)}")
    return 0


def run_update(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    """Every change asked for is made in one transaction: all of them, or (after a refusal) none."""
    services = open_db()
    done: list[str] = []
    with services.ctx.db.writing():
        _update(args, services, done)
    print("\n".join(done))
    return 0


def _update(args: argparse.Namespace, services: Any, done: list[str]) -> None:
    detail = services.actions.find(args.reference)
    if args.version is not None and args.version != detail.version:
        raise _stale(detail, args.version)
    changes = _field_changes(args, services)
    status = ActionStatus(args.status) if args.status else None
    if args.evidence is not None and not args.evidence.is_file():
        raise CommandError(f"{args.evidence} is not a file, so it cannot be attached.")
    if not (changes.edited or status or args.note or args.evidence or args.link):
        raise CommandError(
            "Nothing to change: give at least one of --owner, --due, --status, --priority, "
            "--success-measure, --key-question, --note, --evidence or --link."
        )
    ref = detail.summary.reference
    # The first write is checked against the version the user saw; each later step against the one
    # before it, so two people updating from the same version cannot both succeed.
    expected = args.version if args.version is not None else detail.version
    if changes.edited:
        expected = services.edits.update(detail.id, expected, changes).version
        done.append(f"{ref}: updated {', '.join(sorted(changes.edited))}.")
    if args.note:
        services.edits.add_note(detail.id, args.note, version=expected)
        expected = services.actions.get(detail.id).version
        done.append(f"{ref}: progress note added.")
    if args.evidence is not None:
        services.evidence.attach_file(detail.id, args.evidence, args.description, version=expected)
        expected = services.actions.get(detail.id).version
        done.append(f"{ref}: evidence {args.evidence.name} attached.")
    if args.link:
        services.evidence.add_link(detail.id, args.link, args.description, version=expected)
        expected = services.actions.get(detail.id).version
        done.append(f"{ref}: evidence link attached.")
    if status is not None:
        step = transition_for(services.actions.get(detail.id).summary.status, status)
        after = services.edits.transition(detail.id, expected, step, reason=args.reason)
        done.append(f"{ref}: now {after.summary.status.label}.")


def _stale(detail: ActionDetail, version: int) -> StaleVersion:
    s = detail.summary
    return StaleVersion(
        f"{s.reference} was changed by {s.updated_by} at {format_datetime(s.updated_at)} "
        f"(now version {s.version}, you had {version}); reload it before changing it."
    )


def _field_changes(args: argparse.Namespace, services: Any) -> ActionChanges:
    given: dict[str, Any] = {}
    if args.owner is not None:
        given["owner_id"] = None if args.owner.casefold() == "none" else services.people.find(args.owner).id
    if args.due is not None:
        given["due"] = args.due
        given["due_reason"] = args.reason
    if args.priority:
        given["priority"] = Priority(args.priority)
    if args.success_measure is not None:
        given["success_measure"] = args.success_measure
    if args.key_question is not None:
        given["key_question"] = None if args.key_question == "none" else KeyQuestion(args.key_question)
    return ActionChanges(**given)


def format_detail(detail: ActionDetail) -> str:
    s = detail.summary
    lines = [
        f"{s.reference}  {s.kind.label} ({s.origin.label})  {s.status.label}  BRAG {s.rag_label}",
        f"Location:   {one_line(s.location_name)}",
        f"Owner:      {one_line(s.owner_name or '—')}",
        f"Due:        {s.due or '—'}" + (f" (originally {s.original_due})" if s.slipped_days else ""),
        f"Priority:   {s.priority.label}",
    ]
    if s.regulation:
        lines.append(
            f"Regulation: {s.regulation.cite()}"
            + (f", {s.regulation.statute}" if s.regulation.statute else "")
        )
    if s.key_question:
        lines.append(f"Key question: {s.key_question.label}")
    if s.service:
        lines.append(f"Service:    {one_line(s.service)}")
    if s.source:
        lines.append(f"Source:     {s.source.label} (not from a CQC report)")
    src = detail.source
    if src.report_file:
        dates = ", ".join(d.isoformat() for d in src.inspection_dates)
        lines.append(
            f"Source:     {one_line(src.report_file)}"
            + (f" (inspection {dates})" if dates else "")
            + (f", {src.section}" if src.section else "")
        )
    lines += ["", s.text, ""]
    if detail.success_measure:
        lines.append(f"Success measure: {detail.success_measure}")
    if detail.verifier_name:
        lines.append(
            f"Verified by {one_line(detail.verifier_name)} on {format_date(detail.verified_at)}: "
            f"{detail.verification_note or '—'}"
        )
    if detail.not_applicable_reason:
        lines.append(f"Not applicable: {detail.not_applicable_reason}")
    if detail.steps:
        lines.append(f"Steps ({steps_progress(s.step_count, s.steps_done)}):")
        for step in detail.steps:
            when = f", by {step.due:%d %b %Y}" if step.due else ""
            who = f", {step.owner_name}" if step.owner_name else ""
            lines.append(f"  {step.number}. [{step.status.label}] {step.text}{one_line(who)}{when}")
    for change in detail.due_changes:
        lines.append(
            f"Due moved {change.old_due} → {change.new_due} by {one_line(change.changed_by)}: {change.reason}"
        )
    for note in detail.notes:
        lines.append(f"Note {note.created_at:%Y-%m-%d %H:%M} {one_line(note.author)}: {note.text}")
    for item in detail.evidence:
        about = f" — {item.description}" if item.description else ""
        lines.append(
            f"Evidence: {one_line(item.title)}{about} "
            f"(added by {one_line(item.added_by)} {item.added_at:%Y-%m-%d %H:%M})"
        )
    lines.append(
        f"Version {s.version}, last changed by {one_line(s.updated_by)} at {s.updated_at:%Y-%m-%d %H:%M}"
    )
    return "\n".join(lines).rstrip()

"""Helpers shared by the subcommands: argument types, filters, plain-text tables."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from core.cli.output import one_line
from core.domain.actions import ActionFilter, ActionSummary, SortKey
from core.domain.due_dates import EARLIEST_DUE, LATEST_DUE
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion
from core.domain.wording import signed_days
from core.services.app import Services

ServicesFactory = Callable[[], Services]
MAX_DAYS = 36_500


class CommandError(Exception):
    """A mistake in the command's words; the message is shown as is."""


def parse_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.") from None
    if not EARLIEST_DUE <= day <= LATEST_DUE:  # also keeps date arithmetic (a pack's ±28 days) in range
        raise CommandError(
            f"{day.isoformat()} is not a plausible date; give one between {EARLIEST_DUE.year} "
            f"and {LATEST_DUE.year}."
        )
    return day


def days_arg(text: str) -> int:
    """A number of days, 0 to 36,500 (a hundred years)."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days.") from None
    if not 0 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(
            f"{days} days is out of range; give a number from 0 to {MAX_DAYS:,}."
        )
    return days


def date_arg(text: str) -> dt.date:
    try:
        return parse_date(text)
    except CommandError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--location", action="append", default=[], help="location name or code (repeatable)")
    parser.add_argument("--kind", choices=[k.value for k in ActionKind])
    parser.add_argument(
        "--status", action="append", default=[], choices=[s.value for s in ActionStatus], help="repeatable"
    )
    parser.add_argument("--owner", action="append", default=[], help="owner name, or 'none' (repeatable)")
    parser.add_argument("--key-question", choices=[k.value for k in KeyQuestion])
    parser.add_argument("--overdue", action="store_true", help="only overdue actions")
    parser.add_argument(
        "--due-within", type=days_arg, metavar="DAYS", help="only actions due in the next DAYS days"
    )
    parser.add_argument("--due-from", type=date_arg, metavar="DATE")
    parser.add_argument("--due-to", type=date_arg, metavar="DATE")
    parser.add_argument("--search", default="", help="words the action text or reference contains")


def build_filter(args: argparse.Namespace, services: Services) -> ActionFilter:
    owners = [o for o in args.owner if o.casefold() != "none"]
    return ActionFilter(
        text=args.search,
        location_ids=frozenset(services.locations.find(name).id for name in args.location),
        kinds=frozenset({ActionKind(args.kind)}) if args.kind else frozenset(),
        statuses=frozenset(ActionStatus(s) for s in args.status),
        owner_ids=frozenset(services.people.find(o).id for o in owners),
        unowned=len(owners) != len(args.owner),
        key_questions=frozenset({KeyQuestion(args.key_question)}) if args.key_question else frozenset(),
        overdue=args.overdue,
        due_within_days=args.due_within,
        due_from=args.due_from,
        due_to=args.due_to,
    )


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(cut(one_line(c), w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def summary_cells(action: ActionSummary) -> list[str]:
    due = action.due.isoformat() if action.due else "—"
    if action.slipped_days:
        due += f" ({signed_days(action.slipped_days)})"
    return [
        action.reference,
        action.kind.label,
        action.status.label.split(" (")[0],
        action.rag.value.upper(),
        due,
        action.owner_name or "—",
        action.location_name,
        " ".join(action.text.split()),
    ]


SUMMARY_HEADERS = ["REFERENCE", "TYPE", "STATUS", "BRAG", "DUE", "OWNER", "LOCATION", "ACTION"]
SUMMARY_WIDTHS = [16, 6, 14, 5, 18, 18, 24, 60]
SORT_CHOICES = [k.value for k in SortKey]

"""`candour sync`: check CQC for each location's current ratings and new reports, and import them.

The CQC records, httpx and keyring load only when this command runs.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.cli.common import CommandError, ServicesFactory
from core.cqc.access import api_url, store_key, subscription_key
from core.domain.imports import ImportStatus
from core.paths import data_dir

if TYPE_CHECKING:
    from core.cqc.plan import SyncPlan


def register(commands: Any) -> None:
    sync = commands.add_parser(
        "sync",
        help="check CQC for current ratings and new reports of a provider's locations, and import them",
    )
    sync.add_argument("--provider", metavar="ID", help="CQC provider id, e.g. 1-101234567")
    sync.add_argument(
        "--location",
        action="append",
        default=[],
        metavar="ID",
        help="CQC location id (repeatable); with --provider, synced as well as the provider's own",
    )
    sync.add_argument("--yes", action="store_true", help="import the new reports without asking")
    sync.add_argument(
        "--api-url", metavar="URL", help="CQC API address (default: CANDOUR_CQC_API or CQC's own)"
    )
    sync.add_argument(
        "--download-dir",
        type=Path,
        metavar="DIR",
        help="where downloaded reports are kept (default: cqc-reports in your data folder)",
    )
    sync.add_argument(
        "--store-key",
        action="store_true",
        help="read the CQC subscription key (typed, or one line on standard input) and keep it in "
        "this computer's keyring",
    )
    sync.set_defaults(handler=run_sync)


def run_sync(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    from pydantic import ValidationError

    from core.cqc.client import CqcClient
    from core.cqc.plan import SyncRequest

    if args.store_key:
        store_key(_read_key())
        print("The CQC API key is stored in this computer's keyring.")
        if not args.provider and not args.location:
            return 0
    try:
        request = SyncRequest(provider_id=args.provider, location_ids=tuple(args.location))
    except ValidationError:
        raise CommandError("Say what to sync: --provider ID, or --location ID (repeatable).") from None
    url = api_url(args.api_url)
    key = subscription_key()
    services = open_db()
    with CqcClient(url, key) as client:
        plan = services.sync.fetch(
            client, request, args.download_dir or data_dir() / "cqc-reports", _progress
        )
    if plan.files and not args.yes and not _confirmed(plan):
        print(
            "Nothing was imported or recorded; run 'candour sync' again with --yes to import the new reports."
        )
        return 0
    outcomes = services.sync.import_downloads(plan)
    summary = services.sync.apply(plan, outcomes)
    for outcome in outcomes:
        if outcome.status is ImportStatus.IMPORTED:
            print(outcome.line())
    for line in [*summary.locations, *summary.notes, summary.headline()]:
        print(line)
    for problem in summary.problems:
        print(problem, file=sys.stderr)
    if summary.cancelled:
        print("candour: the sync was cancelled; run it again to carry on.", file=sys.stderr)
        return 130
    if summary.stopped:
        print(f"candour: {summary.stopped}", file=sys.stderr)
        return 2
    return 1 if summary.problems else 0


def _progress(_done: int, _total: int, message: str) -> None:
    from core.services.sync import is_location_result

    if is_location_result(message):
        print(message, flush=True)


def _confirmed(plan: SyncPlan) -> bool:
    names = [d.name for d in plan.downloads if d.path]
    print(f"{len(names)} new {'report' if len(names) == 1 else 'reports'} downloaded from CQC:")
    for name in names:
        print(f"  {name}")
    if not sys.stdin.isatty():
        return False
    try:
        return input("Import them now? [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _read_key() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("CQC API subscription key: ")
    return sys.stdin.readline()

"""`candour plan`, `pack` and `cqc-plan`: the printed documents, written as PDF files."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import sys
from io import BytesIO
from pathlib import Path
from typing import Any

from core.cli.common import CommandError, ServicesFactory, add_filter_arguments, build_filter, date_arg
from core.domain.documents import (
    DEFAULT_SERIES,
    ActionPlanOptions,
    Assurance,
    CoverSheet,
    CqcPlanOptions,
    MeetingPackOptions,
    Purpose,
)
from core.domain.registry import InspectionSummary, LocationSummary
from core.domain.vocabulary import KeyQuestion
from core.domain.wording import format_date
from core.files import write_bytes, write_error
from core.services.app import Services


def register(commands: Any) -> None:
    plan = commands.add_parser("plan", help="print an action plan (PDF) of the actions the filters select")
    _output_argument(plan)
    plan.add_argument("--title", help="the document's title (default: 'Action plan' and the locations)")
    add_filter_arguments(plan)
    plan.set_defaults(handler=run_plan)

    pack = commands.add_parser("pack", help="print the board pack (PDF) for a meeting")
    _output_argument(pack)
    pack.add_argument(
        "--meeting", required=True, type=date_arg, metavar="YYYY-MM-DD", help="the meeting's date"
    )
    pack.add_argument(
        "--since",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the last meeting: changes since then are listed (default: 28 days before)",
    )
    pack.add_argument(
        "--next",
        dest="next_meeting",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the next meeting: actions due before then are listed (default: 28 days after)",
    )
    pack.add_argument("--location", action="append", default=[], help="location name or code (repeatable)")
    pack.add_argument(
        "--series",
        default=DEFAULT_SERIES,
        help=f"the meeting series: its cover sheet and last pack (default: {DEFAULT_SERIES})",
    )
    cover = pack.add_argument_group(
        "cover sheet (remembered per series; given fields replace the remembered ones)"
    )
    cover.add_argument("--meeting-name", help="e.g. 'Quality and Safety Committee'")
    cover.add_argument("--agenda-item")
    cover.add_argument("--author")
    cover.add_argument("--lead-director")
    cover.add_argument("--purpose", choices=[p.value for p in Purpose])
    cover.add_argument("--assurance", choices=[a.value for a in Assurance])
    cover.add_argument(
        "--key-question", action="append", choices=[k.value for k in KeyQuestion], help="repeatable"
    )
    cover.add_argument("--strategic-risks")
    cover.add_argument("--previously-considered")
    cover.add_argument("--recommendation", help="e.g. 'The board is asked to note ...'")
    pack.set_defaults(handler=run_pack)

    cqc = commands.add_parser(
        "cqc-plan", help="print the provider action plan for CQC (PDF) for one location"
    )
    _output_argument(cqc)
    cqc.add_argument("--location", required=True, help="location name, code or id")
    cqc.add_argument(
        "--inspection",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="a date of the inspection to answer (default: the latest with MUST actions)",
    )
    cqc.add_argument(
        "--format",
        choices=("pdf", "docx"),
        help="PDF, or a Word document to paste into CQC's portal (default: from the file name)",
    )
    cqc.set_defaults(handler=run_cqc_plan)


def _output_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")


def run_plan(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    check_writable(args.output)
    services = open_db()
    options = ActionPlanOptions(filter=build_filter(args, services), title=args.title)
    return _write(services.documents.action_plan(options), args.output)


def run_pack(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    check_writable(args.output)
    services = open_db()
    series = args.series.strip() or DEFAULT_SERIES
    options = MeetingPackOptions(
        meeting=args.meeting,
        since=args.since,
        next_meeting=args.next_meeting,
        location_ids=frozenset(services.locations.find(n).id for n in args.location),
        series=series,
        cover=_cover(args, services.documents.pack_cover(series), series),
    )
    return _write(services.documents.meeting_pack(options, keep_snapshot=True), args.output)


_COVER_TEXTS = (
    "meeting_name",
    "agenda_item",
    "author",
    "lead_director",
    "strategic_risks",
    "previously_considered",
    "recommendation",
)


def _cover(args: argparse.Namespace, remembered: CoverSheet | None, series: str) -> CoverSheet:
    """The series' remembered cover sheet with the fields given on the command line replaced."""
    cover = remembered or CoverSheet(meeting_name=series)
    given: dict[str, Any] = {
        name: getattr(args, name) for name in _COVER_TEXTS if getattr(args, name) is not None
    }
    if args.purpose:
        given["purpose"] = Purpose(args.purpose)
    if args.assurance:
        given["assurance"] = Assurance(args.assurance)
    if args.key_question:
        given["key_questions"] = tuple(dict.fromkeys(KeyQuestion(k) for k in args.key_question))
    return cover.model_copy(update=given)


def run_cqc_plan(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    check_writable(args.output)
    services = open_db()
    location = find_location(services, args.location)
    inspection_id = None
    if args.inspection is not None:
        inspection_id = _inspection_on(services, location, args.inspection).id
    options = CqcPlanOptions(location_id=location.id, inspection_id=inspection_id)
    gaps = services.documents.cqc_plan_gaps(options)
    if gaps:
        print(
            f"Warning: {len(gaps)} requirement{'s have' if len(gaps) != 1 else ' has'} no steps planned yet "
            f"({', '.join(gaps)}); the plan prints 'No steps planned yet' "
            f"for {'them' if len(gaps) != 1 else 'it'}.",
            file=sys.stderr,
        )
    if _format(args) == "docx":
        write_bytes(args.output, services.documents.cqc_plan_docx(options))
        print(f"Wrote a Word document to {args.output}.")
        return 0
    return _write(services.documents.cqc_plan(options), args.output)


def _format(args: argparse.Namespace) -> str:
    return args.format or ("docx" if args.output.suffix.lower() == ".docx" else "pdf")


def find_location(services: Services, text: str) -> LocationSummary:
    """By id (digits), else by name or code."""
    if text.strip().isdigit():
        return services.locations.get(int(text)).location
    return services.locations.find(text)


def _inspection_on(services: Services, location: LocationSummary, day: dt.date) -> InspectionSummary:
    inspections = services.documents.cqc_plan_inspections(location.id)
    for inspection in inspections:
        if day in {
            *inspection.inspection_dates,
            inspection.key_date,
            inspection.assessment_date,
            inspection.published,
        }:
            return inspection
    listed = "; ".join(i.describe_dates() for i in inspections) or "none"
    raise CommandError(
        f"{location.name} has no inspection on {format_date(day)} with MUST actions to answer "
        f"(those with MUST actions: {listed})."
    )


def check_writable(target: Path) -> None:
    """Refuse, before any work, a target that is a folder or whose folder does not exist."""
    if target.is_dir():
        raise write_error(target, IsADirectoryError(errno.EISDIR, "Is a directory"))
    if not target.parent.is_dir():
        raise write_error(target, FileNotFoundError(errno.ENOENT, "No such file or directory"))


def _write(pdf: bytes, target: Path) -> int:
    from pypdf import PdfReader

    write_bytes(target, pdf)
    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"Wrote {pages} page{'s' if pages != 1 else ''} to {target}.")
    return 0

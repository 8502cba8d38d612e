"""`candour parse`, `import` and `demo`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.cli.common import ServicesFactory, print_json
from core.cli.output import one_line
from core.domain.imports import ImportStatus
from core.domain.parsed import ParsedReport
from core.services.demo import load_demo


def register(commands: Any) -> None:
    parse = commands.add_parser("parse", help="show what Candour extracts from a report (changes nothing)")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="print the interchange JSON")
    parse.set_defaults(handler=run_parse)

    imp = commands.add_parser("import", help="import report files or folders")
    imp.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
    imp.set_defaults(handler=run_import, writes=True)

    demo = commands.add_parser("demo", help="load the sample reports and example tracking data")
    demo.set_defaults(handler=run_demo, writes=True)


def run_parse(args: argparse.Namespace, _open_db: ServicesFactory) -> int:
    from core.importing import load_file

    report = load_file(args.file).report
    if args.json:
        print_json(report.to_json_dict())
    else:
        print(describe_report(report))
    return 0


def run_import(args: argparse.Namespace, open_db: ServicesFactory) -> int:
    outcomes = open_db().imports.import_paths(args.paths)
    for outcome in outcomes:
        stream = sys.stderr if outcome.status is ImportStatus.REFUSED else sys.stdout
        print(one_line(outcome.line()), file=stream)
    return 1 if any(o.status is ImportStatus.REFUSED for o in outcomes) else 0


def run_demo(_args: argparse.Namespace, open_db: ServicesFactory) -> int:
    services = open_db()
    for line in load_demo(services):
        print(line)
    return 0


def describe_report(report: ParsedReport) -> str:
    loc = report.location
    lines = [f"{loc.name or 'Unnamed location'}" + (" (archived)" if loc.archived else "")]
    for label, value in (
        ("Provider", loc.provider),
        ("Address", loc.address),
        ("Postcode", loc.postcode),
        ("Phone", loc.phone),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    for inspection in report.inspections:
        dates = ", ".join(d.isoformat() for d in inspection.inspection_dates) or "no visit dates"
        lines.append(f"\nInspection {dates}" + (f" — {inspection.kind}" if inspection.kind else ""))
        if inspection.published:
            lines.append(f"  Published {inspection.published.isoformat()}")
        if inspection.overall_rating:
            lines.append(f"  Overall: {inspection.overall_rating}")
        for question, rating in inspection.ratings.items():
            lines.append(f"  {question.label}: {rating}")
        for question, score in inspection.scores.items():
            lines.append(f"  {question.label} score: {score.percent}%")
        if inspection.layout:
            lines.append(f"  Layout: {inspection.layout}")
        for action in inspection.actions:
            reg = f" [{action.regulation.cite()}]" if action.regulation else ""
            asked = f" {{{action.key_question.label}}}" if action.key_question else ""
            lines.append(f"  - {action.kind.label} ({action.origin.value}){reg}{asked}: {action.text}")
        for check in inspection.checks:
            lines.append(f"  Check: {check}")
    return "\n".join(lines)

"""A parsed report with any number of MUST actions, for timing and counting what importing costs."""

from __future__ import annotations

import datetime as dt
import hashlib

from core.domain.imports import LoadedReport
from core.domain.parsed import ParsedAction, ParsedInspection, ParsedLocation, ParsedReport
from core.domain.vocabulary import ActionKind, ActionOrigin, ReportFormat


def loaded_report(actions: int, name: str = "Bulk House") -> LoadedReport:
    parsed = ParsedReport(
        source=f"{name}.txt",
        format=ReportFormat.TEXT,
        location=ParsedLocation(name=name),
        inspections=[
            ParsedInspection(
                inspection_dates=[dt.date(2025, 5, 1)],
                actions=[
                    ParsedAction(
                        kind=ActionKind.MUST, origin=ActionOrigin.MUST_LIST, text=f"Fix problem number {n}."
                    )
                    for n in range(actions)
                ],
            )
        ],
    )
    digest = hashlib.sha256(f"{name}-{actions}".encode()).hexdigest()
    return LoadedReport(source=parsed.source, sha256=digest, format=ReportFormat.TEXT, text="", report=parsed)

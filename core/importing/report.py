"""Normalised text → ParsedReport: the layout registry picks the layout, which reads the location and each
inspection; a text with no CQC marker at all is refused with what it lacks."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedReport
from core.domain.vocabulary import ReportFormat
from core.importing.layouts import Document, choose_layout
from core.importing.location import cover_location
from core.importing.report_parts import document_inspection

_CQC_MARKERS_RE = re.compile(
    r"Care\s+Quality\s+Commission|\bCQC\b|\b(?:Is\s+the\s+service|Are\s+services)\s+(?:safe|effective|caring|responsive"
    r"|well[\s-]led)|Overall\s+rating\s+for\s+this|Date\s+of\s+inspection\s+visit|Provided\s+and\s+run\s+by"
    r"|Regulated\s+activit|Health\s+and\s+Social\s+Care\s+Act\s+2008|read\s+more\s+about\s+inspection\s+ratings"
    r"|Inspection\s+report|Quality\s+Report|Review\s+of\s+compliance|Action\s+the\s+\w+\s+MUST\s+take"
    r"|Date\s+of\s+assessment|Report\s+from\s.{1,40}\sassessment",
    re.IGNORECASE,
)

GENERIC = "unrecognised layout (read as a report document)"
UNRECOGNISED = (
    "No known report layout matched this document, so it was read as a generic report document; "
    "check every field before confirming."
)
NOTHING_FOUND = (
    "No inspection or publication date, rating or action was found in this report; check it and add "
    "what it says by hand."
)
NOT_A_REPORT = (
    "it names neither CQC nor the Care Quality Commission, and has no key questions, ratings, "
    "inspection or assessment dates, regulated activities or action lists"
)


def looks_like_cqc_report(text: str) -> bool:
    return bool(_CQC_MARKERS_RE.search(text))


def parse_report(text: str, source: str, report_format: ReportFormat) -> ParsedReport:
    document = Document.of(text)
    layout = choose_layout(document)
    if layout is None:  # CQC's words but no known layout: read as a report document, and say so
        location = cover_location(document.units)
        inspection = document_inspection(document.units, GENERIC, services=True, populations=True)
        inspections = [inspection.model_copy(update={"checks": [UNRECOGNISED, *inspection.checks]})]
    else:
        location = layout.location(document)
        inspections = layout.parse(document)
    found = [i for i in inspections if _has_content(i)]
    if inspections and not found:  # CQC's words but nothing extracted: keep it, and say what is missing
        found = [inspections[0].model_copy(update={"checks": [NOTHING_FOUND, *inspections[0].checks]})]
    inspections = found
    return ParsedReport(source=source, format=report_format, location=location, inspections=inspections)


def _has_content(inspection: ParsedInspection) -> bool:
    return bool(
        inspection.key_date
        or inspection.overall_rating
        or inspection.ratings
        or inspection.actions
        or inspection.scores
        or inspection.service_ratings
    )

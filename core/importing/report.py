"""Normalised text → ParsedReport: pick the layout (report document, summary page, SAF page, history page)
and gather the location, each inspection's dates, ratings, scores and actions."""

from __future__ import annotations

import datetime as dt
import re

from core.domain.parsed import ParsedAction, ParsedInspection, ParsedReport
from core.domain.vocabulary import ActionOrigin, KeyQuestion, ReportFormat, canonical_rating
from core.importing.actions import Draft, dedupe, findings, list_actions, recommendations
from core.importing.blocks import Unit, build_units
from core.importing.dates import parse_date, parse_dates, visit_dates
from core.importing.history import HISTORY_HEADING_RE, history_entries
from core.importing.location import cover_location, header_overall, web_location
from core.importing.notices import notice_actions
from core.importing.ratings import (
    cover_ratings,
    judgement_services,
    key_question,
    population_groups,
    service_grid,
)
from core.importing.saf import report_from, saf_scores
from core.importing.web_blocks import rating_blocks

_WEB_MARKERS_RE = re.compile(
    r"^(?:Provided and run by|Latest inspection summary|Overall:\s.*read more about inspection ratings"
    r"|Report from .+ assessment|All inspections)", re.IGNORECASE)
_VISIT_LABEL_RE = re.compile(r"Dates?\s+of\s+(?:inspection\s+visits?|inspections?|visits?)\s*:?", re.IGNORECASE)
_PUBLISHED_LABEL_RE = re.compile(r"Dates?\s+of\s+publication\s*:?", re.IGNORECASE)
_VISIT_SENTENCE_RE = re.compile(
    r"\bWe\s+(?:carried\s+out|completed|undertook|conducted|made)\b.{0,160}?\b(?:inspection|visit)\b.{0,80}?\bon\b", re.IGNORECASE)
_RATED_OVERALL_RE = re.compile(
    r"\bWe\s+rated\s+(?:it|this\s+\w+|the\s+\w+|[\w\s]{0,40}?)\s+as\s+(outstanding|good|requires\s+improvement|inadequate)"
    r"(?:\s+overall|\s+because)", re.IGNORECASE)
_CQC_MARKERS_RE = re.compile(
    r"Care\s+Quality\s+Commission|\bCQC\b|\b(?:Is\s+the\s+service|Are\s+services)\s+(?:safe|effective|caring|responsive"
    r"|well[\s-]led)|Overall\s+rating\s+for\s+this|Date\s+of\s+inspection\s+visit|Provided\s+and\s+run\s+by"
    r"|Regulated\s+activit|Health\s+and\s+Social\s+Care\s+Act\s+2008|read\s+more\s+about\s+inspection\s+ratings"
    r"|Inspection\s+report|Quality\s+Report|Review\s+of\s+compliance|Action\s+the\s+\w+\s+MUST\s+take", re.IGNORECASE)


def looks_like_cqc_report(text: str) -> bool:
    return bool(_CQC_MARKERS_RE.search(text))


def parse_report(text: str, source: str, report_format: ReportFormat) -> ParsedReport:
    units = build_units(text)
    if any(_WEB_MARKERS_RE.match(u.flat) for u in units[:60]):
        location = web_location(units)
        if any(HISTORY_HEADING_RE.match(u.flat) for u in units[:40]) and history_entries(units):
            inspections = _history_inspections(units)
        elif report_from(units):
            inspections = [_saf_inspection(units)]
        else:
            inspections = [_summary_inspection(units)]
    else:
        location = cover_location(units)
        inspections = [_document_inspection(units)]
    inspections = [i for i in inspections if _has_content(i)]
    return ParsedReport(source=source, format=report_format, location=location, inspections=inspections)


def _has_content(inspection: ParsedInspection) -> bool:
    return bool(inspection.key_date or inspection.overall_rating or inspection.ratings or inspection.actions
                or inspection.scores or inspection.service_ratings)


# ----------------------------------------------------------------------------------------- layouts
def _document_inspection(units: list[Unit]) -> ParsedInspection:
    cover = " ".join(u.flat for u in units[:80])
    visits, published = _cover_dates(cover)
    if not visits:
        visits = _prose_visit_dates(units)
    year = _year(visits, published)
    overall, ratings = cover_ratings(units)
    services = service_grid(units) or judgement_services(units)
    services.update(population_groups(units))
    drafts = list_actions(units, year) + notice_actions(units, year) + recommendations(units)
    if not drafts:  # no action list at all: what the report says needs to improve becomes findings
        drafts = findings(units, sections=True)
    return ParsedInspection(
        inspection_dates=visits, published=published, overall_rating=overall, ratings=ratings,
        service_ratings=services, scores=saf_scores(units), actions=dedupe(drafts))


def _summary_inspection(units: list[Unit]) -> ParsedInspection:
    overall, published, ratings, services = _web_ratings(units)
    visits = _prose_visit_dates(units)
    return ParsedInspection(
        inspection_dates=visits, published=published, overall_rating=overall or header_overall(units),
        ratings=ratings, service_ratings=services,
        actions=_page_actions(units, _year(visits, published), sections=True))


def _saf_inspection(units: list[Unit]) -> ParsedInspection:
    overall, published, ratings, services = _web_ratings(units)
    assessed = parse_date(report_from(units) or "")
    year = _year([], assessed or published)
    drafts = list_actions(units, year) + notice_actions(units, year) + recommendations(units)
    return ParsedInspection(
        assessment_date=assessed, published=published, kind="assessment",
        overall_rating=overall or header_overall(units), ratings=ratings, service_ratings=services,
        scores=saf_scores(units), actions=dedupe(drafts))


def _history_inspections(units: list[Unit]) -> list[ParsedInspection]:
    inspections = []
    for entry in history_entries(units):
        dates = visit_dates(entry.date_text)
        visits = dates if entry.visited else []
        assessed = None if entry.visited else (dates[-1] if dates else None)
        year = _year(dates, None)
        body = " ".join(u.flat for u in entry.units)
        rated = _RATED_OVERALL_RE.search(body)
        inspections.append(ParsedInspection(
            inspection_dates=visits, assessment_date=assessed, kind=entry.kind,
            overall_rating=canonical_rating(" ".join(rated.group(1).split())) if rated else None,
            actions=_page_actions(entry.units, year, sections=False)))
    return inspections


# ------------------------------------------------------------------------------------------ pieces
def _page_actions(units: list[Unit], year: int | None, *, sections: bool) -> list[ParsedAction]:
    """A web page's actions; where it has no MUST/SHOULD list, the failings it lists become findings."""
    drafts: list[Draft] = list_actions(units, year) + notice_actions(units, year) + recommendations(units)
    if not any(d.action.origin in (ActionOrigin.MUST_LIST, ActionOrigin.SHOULD_LIST) for d in drafts):
        drafts += findings(units, sections=sections)
    return dedupe(drafts)


def _web_ratings(units: list[Unit]) -> tuple[str | None, dt.date | None, dict[KeyQuestion, str],
                                              dict[str, dict[str, str]]]:
    overall: str | None = None
    published: dt.date | None = None
    ratings: dict[KeyQuestion, str] = {}
    services: dict[str, dict[str, str]] = {}
    first_update: dt.date | None = None
    for block in rating_blocks(units):
        first_update = first_update or block.updated
        if block.is_overall:
            overall = overall or block.rating
            published = published or block.updated
        elif not block.rating:
            continue
        elif key_question(block.name):
            ratings.setdefault(key_question(block.name), block.rating)  # type: ignore[arg-type]
        else:
            services.setdefault(block.name, {"overall": block.rating})
    return overall, published or first_update, ratings, services


def _cover_dates(cover: str) -> tuple[list[dt.date], dt.date | None]:
    visit = _VISIT_LABEL_RE.search(cover)
    publication = _PUBLISHED_LABEL_RE.search(cover)
    published = parse_date(cover[publication.end():publication.end() + 60]) if publication else None
    if not visit:
        return [], published
    end = publication.start() if publication and publication.start() > visit.end() else visit.end() + 200
    return visit_dates(cover[visit.end():end]), published


def _prose_visit_dates(units: list[Unit]) -> list[dt.date]:
    """Dates of "We carried out an unannounced inspection on Monday 4 March 2019"-style sentences."""
    for unit in units:
        if unit.row or "inspection" not in unit.flat.lower() and "visit" not in unit.flat.lower():
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", unit.flat):
            if len(sentence) < 400 and _VISIT_SENTENCE_RE.search(sentence):
                dates = parse_dates(sentence)
                if dates:
                    return sorted(set(dates))
    return []


def _year(visits: list[dt.date], fallback: dt.date | None) -> int | None:
    if visits:
        return max(visits).year
    return fallback.year if fallback else None

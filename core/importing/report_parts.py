"""Building blocks the layouts share: cover dates, visit sentences, web rating blocks, the action drafts of
a report document or a web page, and the finishing step every inspection goes through (key questions,
de-duplication, the self-check)."""

from __future__ import annotations

import datetime as dt
import re

from core.domain.parsed import ParsedAction, ParsedInspection
from core.domain.vocabulary import ActionOrigin, KeyQuestion
from core.importing.actions import Draft, dedupe, findings, list_actions, recommendations
from core.importing.blocks import Unit
from core.importing.dates import parse_dates, visit_dates
from core.importing.key_questions import with_key_questions
from core.importing.notices import notice_actions
from core.importing.ratings import key_question
from core.importing.self_check import self_check
from core.importing.web_blocks import rating_blocks

_VISIT_LABEL_RE = re.compile(
    r"Dates?\s+of\s+(?:inspection\s+visits?|inspections?|visits?)\s*:?", re.IGNORECASE
)
_PUBLISHED_LABEL_RE = re.compile(r"Dates?\s+of\s+publication\s*:?", re.IGNORECASE)
_VISIT_SENTENCE_RE = re.compile(
    r"\bWe\s+(?:carried\s+out|completed|undertook|conducted|made)\b.{0,160}?\b(?:inspection|visit)\b.{0,80}?\bon\b",
    re.IGNORECASE,
)
# A date list after a label is at most a few dozen characters ("7, 8, 9 and 10 July 2015, 3 August 2015"):
# the window the date parser sees is bounded, whatever follows the label.
DATE_WINDOW = 160


def cover_dates(cover: str) -> tuple[list[dt.date], dt.date | None]:
    """Visit dates after "Date of inspection visit:" and the date after "Date of publication:"."""
    visit = _VISIT_LABEL_RE.search(cover)
    publication = _PUBLISHED_LABEL_RE.search(cover)
    published = None
    if publication:
        found = parse_dates(cover[publication.end() : publication.end() + DATE_WINDOW])
        published = found[0] if found else None
    if not visit:
        return [], published
    end = visit.end() + DATE_WINDOW
    if publication and visit.end() < publication.start() < end:
        end = publication.start()
    return visit_dates(cover[visit.end() : end]), published


def prose_visit_dates(units: list[Unit]) -> list[dt.date]:
    """Dates of "We carried out an unannounced inspection on Monday 4 March 2019"-style sentences."""
    for unit in units:
        if unit.row or ("inspection" not in unit.flat.lower() and "visit" not in unit.flat.lower()):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", unit.flat):
            if len(sentence) < 400 and _VISIT_SENTENCE_RE.search(sentence):
                dates = parse_dates(sentence)
                if dates:
                    return sorted(set(dates))
    return []


def report_year(visits: list[dt.date], fallback: dt.date | None) -> int | None:
    if visits:
        return max(visits).year
    return fallback.year if fallback else None


def web_ratings(
    units: list[Unit],
) -> tuple[str | None, dt.date | None, dict[KeyQuestion, str], dict[str, dict[str, str]]]:
    """Overall rating, its "Updated" date, key-question and service ratings of a cqc.org.uk page."""
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


def document_drafts(units: list[Unit], year: int | None) -> list[Draft]:
    """A report document's actions; with no action list at all, what it says must improve becomes findings."""
    drafts = list_actions(units, year) + notice_actions(units, year) + recommendations(units)
    return drafts or findings(units, sections=True)


def page_drafts(units: list[Unit], year: int | None, *, sections: bool) -> list[Draft]:
    """A web page's actions; where it has no MUST/SHOULD list, the failings it lists become findings."""
    drafts = list_actions(units, year) + notice_actions(units, year) + recommendations(units)
    if not any(d.action.origin in (ActionOrigin.MUST_LIST, ActionOrigin.SHOULD_LIST) for d in drafts):
        drafts += findings(units, sections=sections)
    return drafts


def finished_actions(drafts: list[Draft], units: list[Unit]) -> list[ParsedAction]:
    """Key questions placed, duplicates merged, in document order."""
    return dedupe(with_key_questions(drafts, units))


def finish(
    inspection: ParsedInspection, units: list[Unit], layout: str, *, summary_page: bool = False
) -> ParsedInspection:
    """The inspection labelled with its layout and carrying the self-check's warnings."""
    checks = self_check(units, inspection.actions, summary_page=summary_page)
    return inspection.model_copy(update={"layout": layout, "checks": checks})


def document_inspection(
    units: list[Unit], layout: str, *, ratings: bool = True, services: bool = False, populations: bool = False
) -> ParsedInspection:
    """A report document's one inspection: cover dates, ratings (and core-service or population-group
    ratings where the layout has them), scores and actions."""
    from core.importing.ratings import cover_ratings, judgement_services, population_groups, service_grid
    from core.importing.saf import saf_scores

    visits, published = cover_dates(" ".join(u.flat for u in units[:80]))
    visits = visits or prose_visit_dates(units)
    year = report_year(visits, published)
    overall, key_ratings = cover_ratings(units) if ratings else (None, {})
    service_ratings = (service_grid(units) or judgement_services(units)) if services else {}
    if populations:
        service_ratings.update(population_groups(units))
    inspection = ParsedInspection(
        inspection_dates=visits,
        published=published,
        overall_rating=overall,
        ratings=key_ratings,
        service_ratings=service_ratings,
        scores=saf_scores(units),
        actions=finished_actions(document_drafts(units, year), units),
    )
    return finish(inspection, units, layout)

"""The report layouts, one module per generation or kind of CQC report, behind an ordered registry.

Each layout scores how well a document matches it (`matches`, 0 to 1) and reads it (`location`, `parse`);
the highest score wins, and on a tie the earlier layout in `LAYOUTS`. The layouts share the extractors in
`core.importing` (dates, regulations, ratings, notices, actions), never each other's patterns. A new
framework (CQC's 2026 sector frameworks) is a new module added to `LAYOUTS`.
"""

from __future__ import annotations

from core.importing.layouts.adult_social_care import AdultSocialCare
from core.importing.layouts.base import Document, Layout
from core.importing.layouts.compliance_2010 import Compliance2010
from core.importing.layouts.dental import Dental
from core.importing.layouts.history_page import HistoryPage
from core.importing.layouts.hospital import HospitalAndIndependentHealth
from core.importing.layouts.nhs_trust import NhsTrust
from core.importing.layouts.single_assessment import SingleAssessmentFramework
from core.importing.layouts.summary_page import LocationSummaryPage

LAYOUTS: tuple[Layout, ...] = (
    HistoryPage(),
    SingleAssessmentFramework(),
    LocationSummaryPage(),
    Dental(),
    NhsTrust(),
    HospitalAndIndependentHealth(),
    AdultSocialCare(),
    Compliance2010(),
)


def choose_layout(document: Document) -> Layout | None:
    """The best-matching layout, or None when no layout recognises the document."""
    best: Layout | None = None
    best_score = 0.0
    for layout in LAYOUTS:
        score = layout.matches(document)
        if score > best_score:
            best, best_score = layout, score
    return best


__all__ = ["LAYOUTS", "Document", "Layout", "choose_layout"]

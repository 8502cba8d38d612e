"""Whether a text is a cqc.org.uk page (summary, history or SAF assessment) rather than a report document."""

from __future__ import annotations

import re

from core.importing.layouts.base import Document

_WEB_MARKERS_RE = re.compile(
    r"^(?:Provided and run by|Latest inspection summary|Overall:\s.*read more about inspection ratings"
    r"|Report from .+ assessment|All inspections)",
    re.IGNORECASE,
)


def is_web_page(document: Document) -> bool:
    return any(_WEB_MARKERS_RE.match(unit.flat) for unit in document.units[:60])

"""Requirement notices, compliance actions and enforcement (warning notice) tables at the end of a report.

Each block is "Regulated activity | Regulation" (a table that extraction flattens in any order), then
"How the regulation was not being met:" and the breach text, and for enforcement "The enforcement
action we took:" with the notice and its deadline. The table is read by content, not layout: the
regulated activities are a closed list and the regulation is a citation.
"""

from __future__ import annotations

import re

from core.domain.parsed import ParsedAction
from core.domain.vocabulary import ActionKind, ActionOrigin
from core.importing.actions import END_RE, Draft
from core.importing.blocks import Unit
from core.importing.dates import parse_date
from core.importing.ratings import KQ_QUESTION_RE
from core.importing.regulations import notice_regulation

REGULATED_ACTIVITIES = (
    "Accommodation for persons who require nursing or personal care",
    "Accommodation for persons who require treatment for substance misuse",
    "Accommodation for persons who require treatment for substance abuse",
    "Accommodation and nursing or personal care in the further education sector",
    "Assessment or medical treatment for persons detained under the Mental Health Act 1983",
    "Diagnostic and screening procedures",
    "Family planning services",
    "Family planning",
    "Management of supply of blood and blood derived products",
    "Maternity and midwifery services",
    "Nursing care",
    "Personal care",
    "Services in slimming clinics",
    "Surgical procedures",
    "Termination of pregnancies",
    "Transport services, triage and medical advice provided remotely",
    "Treatment of disease, disorder or injury",
)
_ACTIVITY_RE = re.compile(
    "|".join(
        re.escape(a).replace(r"\ ", r"\s+") for a in sorted(REGULATED_ACTIVITIES, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_SECTION_RE = re.compile(
    r"^(?:(?P<req>Requirement notices?|Action we have told the provider to take|Compliance actions?)"
    r"|(?P<enf>Enforcement actions?(?: we have taken\b.*)?|Enforcement action we have taken\b.*)"
    r"|(?P<imp>Improvement actions))\s*:?$",
    re.IGNORECASE,
)
_BLOCK_RE = re.compile(r"^Regulated\s+activit(?:y|ies)\b", re.IGNORECASE)
_BREACH_RE = re.compile(
    r"^(?:How\s+the\s+regulation\s+(?:was|is)\s+not\s+being\s+met|Why\s+we\s+have\s+concerns)\s*:?\s*",
    re.IGNORECASE,
)
_TOOK_RE = re.compile(r"^The\s+enforcement\s+action\s+we\s+took\s*:?\s*", re.IGNORECASE)
_STOP_RE = re.compile(
    r"^(?:This section is primarily information for the provider|About CQC inspections"
    r"|How we define our judgements"
    r"|Glossary of terms|Information primarily for the provider)",
    re.IGNORECASE,
)
_DUE_RE = re.compile(r"\bby\s+((?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4})|\d{1,2}/\d{1,2}/\d{4})")


def notice_actions(units: list[Unit], year: int | None) -> list[Draft]:
    drafts: list[Draft] = []
    section: str | None = None
    section_kind: str | None = None
    previous_was_heading = False
    index = 0
    while index < len(units):
        unit = units[index]
        match = _SECTION_RE.match(unit.flat) if not unit.bullet and not unit.row else None
        if match:
            if not previous_was_heading:
                section = unit.flat
            section_kind = "enf" if match.group("enf") else "imp" if match.group("imp") else "req"
            previous_was_heading = True
            index += 1
            continue
        previous_was_heading = _STOP_RE.match(unit.flat) is not None and previous_was_heading
        if section_kind and _BLOCK_RE.match(unit.flat):
            draft, index = _read_block(units, index, section, section_kind, year)
            if draft:
                drafts.append(draft)
            continue
        index += 1
    return drafts


def _read_block(
    units: list[Unit], start: int, section: str | None, section_kind: str, year: int | None
) -> tuple[Draft | None, int]:
    table: list[str] = [units[start].flat]
    body: list[str] = []
    tail: list[str] = []
    part = table
    index = start + 1
    while index < len(units):
        unit = units[index]
        flat = unit.flat
        if _BLOCK_RE.match(flat) or _SECTION_RE.match(flat) or _STOP_RE.match(flat) or _ends_block(unit):
            break
        if part is table and _BREACH_RE.match(flat):
            part = body
            flat = _BREACH_RE.sub("", flat)
        elif part is not table and _TOOK_RE.match(flat):
            part = tail
            flat = _TOOK_RE.sub("", flat)
        if flat:
            part.append(flat)
        index += 1
    if not body:
        return None, index
    table_text = " ".join(table)
    body_text = " ".join(body)
    tail_text = " ".join(tail)
    activities = [" ".join(m.group(0).split()) for m in _ACTIVITY_RE.finditer(table_text)]
    kind, origin = _classify(section_kind, f"{body_text} {tail_text}")
    due = None
    if origin in (ActionOrigin.WARNING_NOTICE, ActionOrigin.ENFORCEMENT):
        found = _DUE_RE.search(tail_text) or _DUE_RE.search(body_text)
        due = parse_date(found.group(1)) if found else None
    action = ParsedAction(
        kind=kind,
        origin=origin,
        text=body_text,
        regulation=notice_regulation(table_text, body_text, year),
        due=due,
        section=section,
        regulated_activity="; ".join(dict.fromkeys(activities)) or None,
    )
    return Draft(start, action), index


def _ends_block(unit: Unit) -> bool:
    """A report heading after the last notice (an appendix, another section) is not part of its text."""
    return (
        not unit.bullet
        and (bool(END_RE.match(unit.flat)) or bool(KQ_QUESTION_RE.match(unit.flat)))
        and not _BREACH_RE.match(unit.flat)
    )


def _classify(section_kind: str, text: str) -> tuple[ActionKind, ActionOrigin]:
    if section_kind == "imp":
        return ActionKind.SHOULD, ActionOrigin.SHOULD_LIST
    if section_kind == "enf":
        if re.search(r"warning\s+notice", text, re.IGNORECASE):
            return ActionKind.MUST, ActionOrigin.WARNING_NOTICE
        return ActionKind.MUST, ActionOrigin.ENFORCEMENT
    return ActionKind.MUST, ActionOrigin.REQUIREMENT_NOTICE

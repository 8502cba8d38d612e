"""The key question of each action: where the report places it, else what its regulation implies.

Order of evidence (recorded as `key_question_source`):
1. stated: the action sits under a key-question heading ("Is the service safe?", "Are medical care services
   effective?", a SAF "Safe" block) without a report-level section heading in between;
2. regulation: the 2014 fundamental standards map to key questions as CQC's own guidance groups them:
   12 and 13 Safe; 11 and 14 Effective; 10 Caring; 9 and 16 Responsive; 4 to 7, 17, 19, 20 and 20A Well-led.
   Regulations 15 (premises) and 18 (staffing) sit under whichever key question the report cites them in
   ("This was a breach of regulation 18 …" under "Is the service safe?"); the 2009 Registration
   regulations (notifications, statement of purpose) are a Well-led matter. The 2010 regulations predate
   key questions and map to none;
3. none: left empty for the user to set.
"""

from __future__ import annotations

import re

from core.domain.parsed import ParsedAction, Regulation
from core.domain.vocabulary import KeyQuestion, KeyQuestionSource, Statute
from core.importing.actions import Draft
from core.importing.blocks import Unit
from core.importing.ratings import key_question
from core.importing.regulations import find_citations

_KQ_HEADING_RE = re.compile(
    r"^(?:(?:Is|Are)\s+(?:[\w’'()&,-]+\s+){0,8}?)?(safe|effective|caring|responsive(?:\s+to\s+people['’]s\s+needs)?"
    r"|well[\s-]*led)\s*\??$",
    re.IGNORECASE,
)
_SECTION_RE = re.compile(
    r"^(?:Overall summary|Summary of findings|Areas for improvement|Outstanding practice.*"
    r"|Requirement notices?|Enforcement actions?.*|Action we have told the provider to take"
    r"|Action we have asked the provider to take"
    r"|Compliance actions|Improvement actions|Letter from the Chief Inspector.*|Our ratings for .*"
    r"|Background(?: to .*)?|Our key findings.*|Summary of this inspection|Our inspection team"
    r"|How we carried out .*|Detailed findings|The five questions we ask.*"
    r"|Overall inspection|Latest inspection summary)$",
    re.IGNORECASE,
)
_BREACH_RE = re.compile(r"\bbreach(?:es)?\s+of\s+(?:the\s+)?regulations?\b", re.IGNORECASE)

_BY_REGULATION_2014: dict[str, KeyQuestion] = {
    "12": KeyQuestion.SAFE,
    "13": KeyQuestion.SAFE,
    "11": KeyQuestion.EFFECTIVE,
    "14": KeyQuestion.EFFECTIVE,
    "10": KeyQuestion.CARING,
    "9": KeyQuestion.RESPONSIVE,
    "16": KeyQuestion.RESPONSIVE,
    **dict.fromkeys(("4", "5", "6", "7", "17", "19", "20", "20A"), KeyQuestion.WELL_LED),
}
_BY_CONTEXT = frozenset({"15", "18"})


def question_context(units: list[Unit]) -> list[KeyQuestion | None]:
    """For each unit, the key question whose heading it sits under (None once a report-level section
    starts)."""
    current: KeyQuestion | None = None
    context: list[KeyQuestion | None] = []
    for unit in units:
        if not unit.bullet and not unit.row and len(unit.flat) <= 120:
            match = _KQ_HEADING_RE.match(unit.flat)
            if match:
                current = key_question(match.group(1))
            elif _SECTION_RE.match(unit.flat):
                current = None
        context.append(current)
    return context


def cited_in(
    units: list[Unit], context: list[KeyQuestion | None]
) -> dict[tuple[str, Statute | None], KeyQuestion]:
    """Regulation (number, statute) → the key question under which the report states its breach."""
    found: dict[tuple[str, Statute | None], KeyQuestion] = {}
    for unit, question in zip(units, context, strict=True):
        if question is None or not _BREACH_RE.search(unit.flat):
            continue
        for citation in find_citations(unit.flat):
            found.setdefault((citation.number, citation.statute), question)
    return found


def with_key_questions(drafts: list[Draft], units: list[Unit]) -> list[Draft]:
    """The drafts with a key question and its source on every action that has evidence for one."""
    context = question_context(units)
    cited = cited_in(units, context)
    for draft in drafts:
        stated = draft.action.key_question or (
            context[draft.position] if draft.position < len(context) else None
        )
        draft.action = _placed(draft.action, stated, cited)
    return drafts


def _placed(
    action: ParsedAction, stated: KeyQuestion | None, cited: dict[tuple[str, Statute | None], KeyQuestion]
) -> ParsedAction:
    if stated is not None:
        return action.model_copy(
            update={"key_question": stated, "key_question_source": KeyQuestionSource.STATED}
        )
    implied = by_regulation(action.regulation, cited)
    if implied is not None:
        return action.model_copy(
            update={"key_question": implied, "key_question_source": KeyQuestionSource.REGULATION}
        )
    return action.model_copy(update={"key_question": None, "key_question_source": KeyQuestionSource.NONE})


def by_regulation(
    regulation: Regulation | None, cited: dict[tuple[str, Statute | None], KeyQuestion] | None = None
) -> KeyQuestion | None:
    """The key question a regulation implies (see the module note), or None."""
    if regulation is None:
        return None
    if regulation.statute is Statute.REGISTRATION_2009:
        return KeyQuestion.WELL_LED
    if regulation.statute is not Statute.RA_2014:
        return None
    if regulation.number in _BY_CONTEXT:
        cited = cited or {}
        return cited.get((regulation.number, Statute.RA_2014)) or cited.get((regulation.number, None))
    return _BY_REGULATION_2014.get(regulation.number)

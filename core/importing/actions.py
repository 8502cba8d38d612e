"""MUST/SHOULD lists, "We recommend" recommendations and summary-page findings → draft actions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.domain.parsed import ParsedAction, Regulation
from core.domain.vocabulary import ActionKind, ActionOrigin, KeyQuestion
from core.importing.blocks import Unit, is_heading_like
from core.importing.ratings import KQ_QUESTION_RE, key_question, rating_of
from core.importing.regulations import regulation_in

_WHO = (
    r"(?:the\s+|a\s+)?(?:provider|trust|hospital|service|location|practice|registered\s+(?:person|provider|manager)"
    r"|home|unit|centre|agency|organisation|core\s+service|independent\s+hospital|ambulance\s+service)s?"
)
_LIST_HEADING_RE = re.compile(
    rf"^(?:Action\s+{_WHO}\s+(?P<a>must|should)\s+take(?:\s+action)?\s+to\s+improve"
    rf"|(?:Importantly,?\s+)?(?:In\s+addition,?\s+)?{_WHO}\s+(?P<b>must|should)(?:\s+also)?\s*:"
    rf"|The\s+areas?\s+where\s+{_WHO}\s+(?P<c>must|should)\s+make\s+improvements?\s+(?:are|is)"
    rf"|(?:.*[.:]\s+)?They\s+(?P<d>must|should)\s*:"
    rf"|(?P<e>Improvement)\s+actions)\s*:?\s*$",
    re.IGNORECASE,
)
_LETTER_RE = re.compile(r"^(?:Importantly|In addition)\b", re.IGNORECASE)
_OPENER_RE = re.compile(
    rf"^(?:{_WHO}|They|Staff|Managers|Leaders)\s+(?:must|should)\b|^(?:Ensure|Must|Should|Consider|Review)\b",
    re.IGNORECASE,
)
_SECTION_RE = re.compile(
    r"^(?:Overall summary|Summary of findings|Areas for improvement"
    r"|Letter from the Chief Inspector of [A-Za-z ]+"
    r"|Overall inspection|Overview|Outstanding practice and areas for improvement|Summary of this inspection"
    r"|Requirement notices|Enforcement actions|Action we have told the provider to take|Our findings"
    r"|Detailed findings|Background to this inspection)$",
    re.IGNORECASE,
)
END_RE = re.compile(
    r"^(?:Outstanding practice|Requirement notices?|Enforcement actions?|Action we have told"
    r"|Regulated activit|Our findings|Overview of ratings|Our ratings for|Summary of findings"
    r"|Our judgements|Population group|Background to|Our inspection team|How we carried out"
    r"|Detailed findings|The five questions|Updated\s+\d)",
    re.IGNORECASE,
)
_RECOMMEND_RE = re.compile(r"^We\s+recommend\b", re.IGNORECASE)
_NEGATIVE_RE = re.compile(
    r"(?:practice|issues|areas)\s+(?:that|where)\s+.{0,80}?(?:needs?|needed)\s+to\s+(?:make\s+)?improve"
    r"|areas\s+of\s+poor\s+practice|needs?\s+to\s+make\s+improvements",
    re.IGNORECASE,
)
_POSITIVE_RE = re.compile(r"good practice|outstanding practice|\bstrengths\b|\bpositive\b", re.IGNORECASE)
_HOWEVER_RE = re.compile(r"^However\s*[:,.]?\s*$", re.IGNORECASE)
_RATED_RE = re.compile(
    r"\bWe rated (?:it|this \w+|the \w+)(?: as)? (outstanding|good|requires improvement|inadequate)\b",
    re.IGNORECASE,
)


@dataclass
class Draft:
    """An action found at `position` (unit index); `provisional` ones give way to a duplicate elsewhere."""

    position: int
    action: ParsedAction
    provisional: bool = False


def _kind(word: str) -> ActionKind:
    return ActionKind.MUST if word.lower() == "must" else ActionKind.SHOULD


def list_heading(text: str) -> ActionKind | None:
    match = _LIST_HEADING_RE.match(text)
    if not match:
        return None
    word = next(w for w in match.groupdict().values() if w)
    return ActionKind.SHOULD if word.lower() == "improvement" else _kind(word)


def list_actions(units: list[Unit], year: int | None) -> list[Draft]:
    """Items of every MUST/SHOULD list (headings and lead-ins), with the core service they come under."""
    drafts: list[Draft] = []
    section: str | None = None
    index = 0
    while index < len(units):
        unit = units[index]
        if _SECTION_RE.match(unit.flat):
            section = unit.flat
        kind = None if unit.bullet or unit.row else list_heading(unit.flat)
        if kind is None:
            index += 1
            continue
        provisional = bool(_LETTER_RE.match(unit.flat))
        index = _read_list(units, index + 1, kind, section, year, provisional, drafts)
    return drafts


def _read_list(
    units: list[Unit],
    index: int,
    kind: ActionKind,
    section: str | None,
    year: int | None,
    provisional: bool,
    drafts: list[Draft],
) -> int:
    origin = ActionOrigin.MUST_LIST if kind is ActionKind.MUST else ActionOrigin.SHOULD_LIST
    service: str | None = None
    while index < len(units):
        unit = units[index]
        if unit.bullet or (not unit.row and _OPENER_RE.match(unit.flat) and not list_heading(unit.flat)):
            text = unit.flat
            drafts.append(
                Draft(
                    index,
                    ParsedAction(
                        kind=kind,
                        origin=origin,
                        text=text,
                        regulation=regulation_in(text, year),
                        service=service,
                        section=section,
                    ),
                    provisional,
                )
            )
            index += 1
            continue
        if (
            unit.row
            or list_heading(unit.flat)
            or END_RE.match(unit.flat)
            or rating_of(unit.flat)
            or not is_heading_like(unit.flat)
        ):
            return index
        following = units[index + 1] if index + 1 < len(units) else None
        if following is None or not (following.bullet or _OPENER_RE.match(following.flat)):
            return index
        service = unit.flat
        index += 1
    return index


def recommendations(units: list[Unit]) -> list[Draft]:
    """ "We recommend …" paragraphs, placed in the key-question section they sit in."""
    drafts: list[Draft] = []
    heading: str | None = None
    question: KeyQuestion | None = None
    for index, unit in enumerate(units):
        match = KQ_QUESTION_RE.match(unit.flat)
        if match and not unit.row:
            heading, question = unit.flat, key_question(match.group(1))
            continue
        if _RECOMMEND_RE.match(unit.flat):
            drafts.append(
                Draft(
                    index,
                    ParsedAction(
                        kind=ActionKind.SHOULD,
                        origin=ActionOrigin.RECOMMENDATION,
                        text=unit.flat,
                        key_question=question,
                        section=heading,
                    ),
                )
            )
    return drafts


def findings(units: list[Unit], *, sections: bool) -> list[Draft]:
    """Bullets a summary page lists as needing improvement ("However, we found areas … to improve:")."""
    drafts: list[Draft] = []
    section: str | None = None
    previous_polarity: bool | None = None
    index = 0
    while index < len(units):
        unit = units[index]
        if sections and _SECTION_RE.match(unit.flat):
            section = unit.flat
        if not unit.bullet:
            index += 1
            continue
        end = index
        while end < len(units) and units[end].bullet:
            end += 1
        lead = units[index - 1].flat if index > 0 else ""
        negative = _negative(lead, previous_polarity)
        if negative:
            for position in range(index, end):
                drafts.append(
                    Draft(
                        position,
                        ParsedAction(
                            kind=ActionKind.SHOULD,
                            origin=ActionOrigin.FINDING,
                            text=units[position].flat,
                            section=section,
                        ),
                    )
                )
        previous_polarity = negative if negative is not None else previous_polarity
        index = end
    return drafts


def _negative(lead: str, previous: bool | None) -> bool | None:
    """True when the lead-in introduces failings, False for strengths, None when it says neither."""
    if _NEGATIVE_RE.search(lead):
        return True
    if _POSITIVE_RE.search(lead):
        return False
    if _HOWEVER_RE.match(lead):
        return True if previous is None else not previous
    rated = _RATED_RE.search(lead)
    if rated:
        return rated.group(1).lower() in ("requires improvement", "inadequate")
    return None


def dedupe(drafts: list[Draft]) -> list[ParsedAction]:
    """One action per (normalised text, regulation, service); a provisional copy gives way to a listed one.

    The Chief Inspector's letter repeats the MUST items, often without the core-service grouping, so a
    provisional item without a service also gives way to the same text listed under any service.
    """
    chosen: dict[tuple[str, str | None, str | None], Draft] = {}
    for draft in drafts:
        key = _key(draft.action.text, draft.action.regulation, draft.action.service)
        held = chosen.get(key)
        if held is None or (held.provisional and not draft.provisional):
            chosen[key] = draft
    listed = {key[:2] for key, draft in chosen.items() if not draft.provisional}
    kept = [d for key, d in chosen.items() if not (d.provisional and key[2] is None and key[:2] in listed)]
    return [d.action for d in sorted(kept, key=lambda d: d.position)]


def _key(text: str, regulation: Regulation | None, service: str | None) -> tuple[str, str | None, str | None]:
    words = re.sub(r"[^\w]+", " ", text.casefold().replace("’", "'")).split()
    return " ".join(words), regulation.number if regulation else None, (service or "").casefold() or None

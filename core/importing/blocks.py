"""Normalised text → units: headings, paragraphs (wrapped lines joined), bullet items and table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_STRONG_HEADING_RE = re.compile(
    r"^(?:Areas for improvement|Outstanding practice(?: and areas for improvement)?|Requirement notices?"
    r"|Enforcement actions?|Action we have told the provider to take|Regulated activit(?:y|ies)\b.*"
    r"|How the regulation (?:was|is) not being met:?.*|Action the .{2,40} (?:MUST|SHOULD|must|should) take.*"
    r"|Summary of findings|Our findings|Overall summary|Compliance actions|Improvement actions"
    r"|This section is primarily information for the provider|The enforcement action we took:?.*)$"
)
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class Unit:
    """One logical piece of the report, in reading order."""

    text: str
    lines: list[str] = field(default_factory=list)
    bullet: bool = False
    row: bool = False
    block: int = 0  # index of the blank-line-separated block it came from

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t") if cell.strip()]

    @cached_property
    def flat(self) -> str:
        """The text on one line with single spaces (read only after the units are built, so it is kept)."""
        return " ".join(self.text.split())


def build_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    for number, block in enumerate(re.split(r"\n\s*\n", text)):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines:
            units.extend(_block_units(lines, number))
    return units


def _block_units(lines: list[str], number: int) -> list[Unit]:
    longest = max(len(line) for line in lines)
    units: list[Unit] = []
    for line in lines:
        current = units[-1] if units else None
        if line.startswith("• "):
            units.append(Unit(line[2:].strip(), [line], bullet=True, block=number))
        elif "\t" in line or _STRONG_HEADING_RE.match(line.strip()):
            units.append(Unit(line.strip(), [line], row="\t" in line, block=number))
        elif current is not None and not current.row and _joins(current, line, longest):
            current.text = join_wrapped(current.text, line.strip())
            current.lines.append(line)
        else:
            units.append(Unit(line.strip(), [line], block=number))
    return units


def _joins(current: Unit, line: str, longest: int) -> bool:
    """Whether `line` continues the wrapped paragraph or bullet item `current`."""
    if _STRONG_HEADING_RE.match(current.text):
        return False
    if current.bullet:
        return True
    previous = current.lines[-1].strip()
    if (
        line[:1].islower()
        or previous.endswith((",", "-", "(", "&"))
        or re.search(r"\b(and|or|of|the|to|a|in)$", previous)
    ):
        return True
    return longest >= 50 and len(previous) >= 0.6 * longest and not _looks_like_label(previous)


def _looks_like_label(line: str) -> bool:
    return line.endswith(":") and len(line) < 40


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped lines: a hyphen at a line end stays (pdfium marks soft hyphens separately)."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        return left + right
    return f"{left} {right}"


def is_heading_like(text: str) -> bool:
    """Short, unpunctuated, capitalised: a heading or subheading rather than prose."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 90
        and not stripped.endswith((*_SENTENCE_END, ","))
        and stripped[:1].isupper()
        and "\t" not in stripped
    )

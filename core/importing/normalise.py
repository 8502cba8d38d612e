"""Clean extracted text: one line-break style, no soft-hyphen markers, no running headers/footers."""

from __future__ import annotations

import re
from collections import Counter

_BULLET_GLYPHS = "•●▪■◦‣∙·○◆►➢✓"
_BULLET_RE = re.compile(rf"^[ \t]*(?:[{_BULLET_GLYPHS}]|[-–*](?=[ \t]))[ \t]*")
_SPACES_RE = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]")
_SOFT_HYPHEN_END_RE = re.compile(r"([A-Za-z]{0,30})[\ufffe\u00ad\x02]\n([a-z]{1,30})")
_HYPHENATED_RE = re.compile(r"\b([a-z]{1,30})-([a-z]{1,30})\b")
# First halves that make compounds rather than split words ("well-led", "person-centred", "long-term").
_COMPOUND_HEADS = frozenset(
    [
        "well",
        "person",
        "self",
        "long",
        "short",
        "non",
        "co",
        "re",
        "pre",
        "post",
        "multi",
        "part",
        "full",
        "half",
        "one",
        "two",
        "three",
        "day",
        "face",
        "sub",
        "inter",
        "end",
        "follow",
        "high",
        "low",
        "up",
        "cross",
        "under",
        "over",
        "mid",
        "ex",
        "anti",
        "de",
        "care",
    ]
)
_SOFT_HYPHEN_RE = re.compile(r"[\ufffe\u00ad\x02]")
_FOOTER_RE = re.compile(
    r"^(?:\d{1,4}\s+.{3,160}?\s+(?:Inspection|Quality)\s+[Rr]eport(?:\s+\d{1,2}\s+[A-Za-z]+\s+\d{4}|\s+\d{2}/\d{2}/\d{4})?"
    r"|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|Care Quality Commission\s*\|?\s*www\.cqc\.org\.uk(?:\s+Page\s+\d{1,4})?)$"
)
_GLYPHS = "–—‒―\\-•●○◦◆◇■□▪▫★☆\ue000-\uf8ff"
# Rating icons printed after a rating ("Inadequate –––", "Good ●●●○") come out of a PDF as a run of symbols.
_RATING_GLYPHS_RE = re.compile(
    rf"\b(Outstanding|Good|Requires improvement|Inadequate)[ \t]*(?:[{_GLYPHS}] ?){{1,40}}(?=\t|$)",
    re.IGNORECASE | re.MULTILINE,
)
_TAB_RE = re.compile(r" *\t[ \t]*")
_DIGITS_RE = re.compile(r"\d+")
_FURNITURE_START_RE = re.compile(r"\d+ [A-Za-z]")  # what every repeated furniture key below starts with
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"})


def normalise_text(raw: str) -> str:
    """The text the parser reads (and the database keeps): blocks separated by one blank line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\u2028", "\n")
    if any(ligature in text for ligature in "ﬁﬂﬀﬃﬄ"):  # translate() walks every character: only when needed
        text = text.translate(_LIGATURES)
    text = _join_soft_hyphens(text)
    text = _SOFT_HYPHEN_RE.sub("\n", text)  # a marker before a capital joined a heading to its text
    text = _INVISIBLE_RE.sub("", text)
    text = _RATING_GLYPHS_RE.sub(r"\1", text)
    text = _TAB_RE.sub("\t", _SPACES_RE.sub(" ", text))  # once over the whole text: per line it costs 10x
    lines = [_clean_line(line) for line in text.split("\n")]
    lines = _drop_running_furniture(lines)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _join_soft_hyphens(text: str) -> str:
    """Join words split at a line end (PDFium marks the break); a compound's hyphen is printed again."""
    if "\ufffe" not in text and "\u00ad" not in text and "\x02" not in text:
        return text
    compounds = {m.group(0) for m in _HYPHENATED_RE.finditer(text.casefold())}

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        compound = f"{head}-{tail}".casefold() in compounds or head.casefold() in _COMPOUND_HEADS
        return f"{head}-{tail}" if compound else head + tail

    return _SOFT_HYPHEN_END_RE.sub(join, text)


def _clean_line(line: str) -> str:
    line = line.strip(" ")
    if not line.strip("\t"):
        return ""
    bullet = _BULLET_RE.match(line)
    if bullet and line[bullet.end() :].strip():
        return "• " + line[bullet.end() :].strip()
    return line.strip("\t") if line.startswith("\t") and line.count("\t") == 1 else line


def _drop_running_furniture(lines: list[str]) -> list[str]:
    """Remove page headers/footers left in the text, re-joining a paragraph that a page break split."""
    repeated = _repeated_furniture(lines)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line or not (_FOOTER_RE.match(line) or _furniture_key(line) in repeated):
            out.append(line)
            index += 1
            continue
        mid_paragraph = bool(out) and bool(out[-1])
        index += 1
        while index < len(lines) and not lines[index]:
            index += 1
        if mid_paragraph and index < len(lines) and not _continues(out[-1], lines[index]):
            out.append("")
    return out


def _continues(before: str, after: str) -> bool:
    """Whether the line after a page break carries on the paragraph before it."""
    if after.startswith("• "):
        return False
    if after[:1].islower():
        return True
    return not before.rstrip().endswith((".", "!", "?", ":", '"', "”"))


def _furniture_key(line: str) -> str:
    return _DIGITS_RE.sub("#", line).casefold()


def _repeated_furniture(lines: list[str]) -> set[str]:
    """Lines that recur three or more times and carry a page number: running headers/footers."""
    counts = Counter(
        _furniture_key(line)
        for line in lines
        if line and len(line) < 160 and _DIGITS_RE.search(line) and _FURNITURE_START_RE.match(line)
    )
    return {
        key
        for key, count in counts.items()
        if count >= 3
        and re.match(r"^#+ [a-z].{10,}$", key)
        and not re.match(r"^#+ ([a-z]+ #+|and |to )", key)
    }

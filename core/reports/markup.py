"""The one way user and report text enters reportlab's paragraph markup: escaped, so it prints literally."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

_QUOTES = {'"': "&quot;", "'": "&#39;"}
# Control characters (and PDF extraction's U+FFFE markers) have no glyph and upset the markup parser.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text: object) -> str:
    """The text without characters that cannot be printed; tabs become spaces, line breaks stay."""
    return _UNPRINTABLE.sub("", str(text).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


def escape(text: object) -> str:
    """Text safe inside paragraph markup: &, <, > and quotes escaped; line breaks kept as <br/>."""
    return _xml_escape(printable(text), _QUOTES).replace("\n", "<br/>")


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup)."""
    return Paragraph(escape(text), style)


def labelled(label: str, text: object, style: ParagraphStyle) -> Paragraph:
    """'<b>Label</b> text', both escaped."""
    return Paragraph(f"<b>{escape(label)}</b> {escape(text)}", style)

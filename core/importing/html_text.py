"""Saved CQC web pages (.html/.htm) → text that keeps the page's block structure as line breaks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "address",
    "details",
    "summary",
    "hr",
    "pre",
}
_CELL = {"td", "th"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n\n• ")
        elif tag in _CELL:
            self.parts.append("\t")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag in _BLOCK or tag == "li":
            self.parts.append("\n\n" if tag != "tr" else "\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: blocks on their own lines, list items as bullets, cells TAB-separated."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    lines = [re.sub(r" *\t *", "\t", line).strip(" ") for line in text.split("\n")]
    lines = [line.strip("\t") if not line.strip("\t ").strip() else line for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.lstrip("\t") for line in lines)).strip()


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, if any."""
    match = _CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(html|body|div|p)\b", head[:1024])
    )

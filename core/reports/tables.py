"""Tables for the printed documents: the long action table and the small fact, ratings and count tables.

A long table is laid out a page at a time (RowTable), so its cost stays linear in the number of rows (one
reportlab Table of thousands of rows is quadratic, see performance.md §3), and its header row is repeated
at the top of every page and nowhere else. Cells are plain text split into lines to the column width once
(reportlab's simpleSplit), not Paragraphs: nothing in a cell is markup. So every row's height is known
before layout and a page's rows are counted, never measured: one Table per page, drawn as it stands. Cell
looks are shared CellStyles rather than per-cell style commands. A 10,000-action plan (1,471 pages) takes
2.6 s of CPU to render this way; it took 7.2 s with windows of rows that reportlab measured and split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from typing import Any, Generic, TypeVar, cast

from reportlab.lib.colors import Color
from reportlab.lib.utils import _simpleSplit  # type: ignore[attr-defined]  # simpleSplit with our measure
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from core.reports.fonts import BOLD, REGULAR
from core.reports.markup import escape, printable
from core.reports.styles import (
    CELL_FONT_SIZE,
    CELL_LEADING,
    CELL_PADDING,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GROUP_FILL,
    HEADER_FILL,
    INK,
    RULE,
    styles,
    text_colour_on,
)

T = TypeVar("T")
_TOP_OF_FRAME = FRAME_HEIGHT - 1  # a flowable offered this much height starts a fresh page

Command = tuple[Any, ...]


class _Table(Table):
    """A table whose rows are cut across pages only when a row is taller than a whole page.

    It drives reportlab's own layout (_calc, _splitRows, _rowHeights), which types-reportlab leaves out.
    With every row height given, the layout depends on the width alone, so it is worked out once per width
    (reportlab's wrap and split would each work it out again: several times per page).
    """

    _rowHeights: list[float]
    _calculated_for: float | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:
        if self._calculated_for == availWidth:
            return
        super()._calc(availWidth, availHeight)  # type: ignore[misc]  # reportlab's private layout step
        if None not in self._argH:  # type: ignore[attr-defined]
            self._calculated_for = availWidth

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        if not self.must_cut_row(availHeight):
            pieces: list[Flowable] = self._splitRows(availHeight, doInRowSplit=False)  # type: ignore[attr-defined]
            if pieces or availHeight < _TOP_OF_FRAME:
                return pieces  # split between rows, or moved whole to the next page
        cut: list[Flowable] = self._splitRows(availHeight, doInRowSplit=True)  # type: ignore[attr-defined]
        return cut

    def _drawCell(
        self, cellval: Any, cellstyle: CellStyle, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        """A plain text cell as one text object, its lines moved down by the leading, where reportlab
        makes a text object for every line (and measures it, unused); a blank cell draws nothing."""
        plain = isinstance(cellval, str) and (cellstyle.alignment, cellstyle.valign) == ("LEFT", "TOP")
        if not plain or cellstyle.href or cellstyle.destination or cellstyle.direction or cellstyle.shaping:
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # not in types-reportlab
            return
        if not cellval:
            return
        canvas = self.canv
        current: CellStyle | None = self._curcellstyle  # type: ignore[has-type]  # reportlab's draw state
        if current is not cellstyle:  # as reportlab does: set only what changed since the last cell
            if current is None or cellstyle.color != current.color:
                canvas.setFillColor(cast(Color, cellstyle.color))  # our cells' colours are Colors
            if current is None or (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading) != (
                current.fontname,
                current.fontsize,
                current.leading,
            ):
                canvas.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        x = pos[0] + cellstyle.leftPadding
        y = pos[1] + size[1] - cellstyle.topPadding - cellstyle.fontsize
        text = canvas.beginText(x, y)
        for line in cellval.split("\n"):
            text.textLine(line)
        canvas.drawText(text)

    def must_cut_row(self, avail_height: float) -> bool:
        """Whether the row reaching past avail_height is taller than a page, so it has to be cut anyway."""
        header = self._rowHeights[0] if self.repeatRows else 0.0
        used = 0.0
        for height in self._rowHeights:
            if used + height > avail_height:
                return height > _TOP_OF_FRAME - header
            used += height
        return False


class _CellStyle(CellStyle):
    """The cells' look as defaults, so a table needs no style command per cell to get it."""

    fontname = REGULAR
    fontsize = CELL_FONT_SIZE
    leading = CELL_LEADING
    leftPadding = CELL_PADDING
    rightPadding = CELL_PADDING
    topPadding = 2.5
    bottomPadding = 3.5
    color = INK
    valign = "TOP"


@cache
def _cell_style(font: str, ink: Color) -> CellStyle:
    """One shared style per font and ink. Shared safely only because no long table is given a command
    that changes cell styles (FONT, TEXTCOLOR, ALIGN...): reportlab would change them in place."""
    style = _CellStyle(f"{font} {ink.hexval()}")
    style.fontname, style.color = font, ink
    return style


def _lines_height(cells: Sequence[str]) -> float:
    lines = max((cell.count("\n") + 1 for cell in cells), default=1)
    return lines * CELL_LEADING + _CellStyle.topPadding + _CellStyle.bottomPadding


@dataclass(frozen=True)
class Row:
    """One table row of plain text already split into lines, with its cells' styles and its height,
    worked out once, so the tables that lay it out (one or two per page it could land on) never measure
    it again. Its commands name columns only; the row index is filled in when the row is placed."""

    cells: tuple[str, ...]
    styles: tuple[CellStyle, ...]
    height: float
    commands: tuple[Command, ...] = ()
    keep_with_next: bool = False

    @classmethod
    def of_lines(
        cls,
        cells: tuple[str, ...],
        styles: tuple[CellStyle, ...],
        commands: tuple[Command, ...] = (),
        *,
        keep_with_next: bool = False,
    ) -> Row:
        return cls(cells, styles, _lines_height(cells), commands, keep_with_next)


BASE_COMMANDS: tuple[Command, ...] = (
    ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
    ("BOX", (0, 0), (-1, -1), 0.6, RULE),
)
HEADER_FILLS: tuple[Command, ...] = (
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
)
HEADER_COMMANDS: tuple[Command, ...] = (
    ("FONT", (0, 0), (-1, 0), BOLD, CELL_FONT_SIZE, CELL_LEADING),
    *HEADER_FILLS,
)


class RowTable(Flowable):
    """A long table laid out a page at a time.

    Every row's height is known, so the rows that fit where the table stands are counted, not measured,
    and the page breaks after the last of them that is not kept with the row after it. Those rows, under
    the header row, become one reportlab Table that fits; the rows left over become a new RowTable, which
    starts the next page with the header again. Only a row taller than a page is cut, by reportlab.
    """

    def __init__(self, header: Row, rows: Sequence[Row], widths: Sequence[float]) -> None:
        super().__init__()
        self._header = header
        self._rows = list(rows)
        self._widths = list(widths)
        self._placed: _Table | None = None

    def _fit(self, avail_height: float) -> tuple[int, int]:
        """How many rows fit in avail_height under the header, and how many of those the page may end
        after (not between a row and the row kept with it)."""
        used, fit, breakable = self._header.height, 0, 0
        for row in self._rows:
            if used + row.height > avail_height:
                break
            used += row.height
            fit += 1
            if not row.keep_with_next:
                breakable = fit
        return fit, breakable

    def _table(self, size: int) -> _Table:
        """The header and the first `size` rows as one reportlab Table."""
        rows = [self._header, *self._rows[:size]]
        commands: list[Command] = [*BASE_COMMANDS, *HEADER_FILLS]
        for index, row in enumerate(rows):
            commands += [
                (op, (first, index), (last, index), *args) for op, first, last, *args in row.commands
            ]
        return _Table(
            [list(r.cells) for r in rows],
            colWidths=self._widths,
            repeatRows=1,
            splitInRow=1,
            rowHeights=[r.height for r in rows],
            style=TableStyle(commands),
            cellStyles=[list(r.styles) for r in rows],
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        fit, _ = self._fit(availHeight)
        if fit < len(self._rows):  # more rows than fit here: never "fits", so the frame asks for a split
            self._placed = None
            return availWidth, availHeight + 1
        self._placed = self._table(fit)
        self.width, self.height = self._placed.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit, breakable = self._fit(availHeight)
        if fit < len(self._rows) and self._rows[fit].height > _TOP_OF_FRAME - self._header.height:
            # The next row is taller than a page, so it could not stand whole anywhere: it is cut here.
            table = self._table(fit + 1)
            table.wrap(availWidth, availHeight)
            cut = table.split(availWidth, availHeight)
            return [*cut, *self._continue(fit + 1)] if cut else []
        at_top = availHeight >= _TOP_OF_FRAME
        # Rows kept together that are longer than a page break where they must.
        size = breakable or (fit if at_top else 0)
        if not size:
            return []  # nothing can end here: the table moves to the next page
        return [self._table(size), *self._continue(size)]

    def _continue(self, start: int) -> list[Flowable]:
        rest = self._rows[start:]
        return [RowTable(self._header, rest, self._widths)] if rest else []

    def draw(self) -> None:  # only reached when every row left fits where it stands
        assert self._placed is not None
        self._placed.drawOn(self.canv, 0, 0)


# -- columns ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column(Generic[T]):
    """How one column shows an item: its header, relative width and text (wrapped to the width).

    fill gives a cell background; the words always carry the meaning too.
    """

    header: str
    width: float
    text: Callable[[T], str]
    bold: bool = False
    fill: Callable[[T], Color | None] | None = None


@dataclass(frozen=True)
class GroupTitle:
    """A full-width row that heads the rows after it (kept on the same page as the next row)."""

    text: str


@dataclass(frozen=True)
class Detail:
    """A row under the item before it, spanning every column but the first (e.g. the action's steps),
    kept on the same page as that item."""

    text: str


def scaled_widths(weights: Sequence[float], total: float = FRAME_WIDTH) -> list[float]:
    scale = total / sum(weights)
    return [w * scale for w in weights]


def plain_lines(text: str, font: str, width: float) -> str:
    """Text split into lines that fit the cell, for a plain (non-paragraph) cell; a word too long for
    the cell is broken where it reaches the edge."""
    inner = width - 2 * CELL_PADDING
    text = printable(text)
    if "\n" not in text and _width(text, font) <= inner:
        return text
    measure = partial(_width, font=font)
    lines: list[str] = []
    for part in text.split("\n"):
        # reportlab's own line splitting (simpleSplit's), measuring with the remembered word widths
        for line in _simpleSplit(part, inner, measure) or [""]:
            # a line of several words fits by construction; only a line of one word can be too wide
            lines.extend(_break_word(line, font, inner) if " " not in line else [line])
    return "\n".join(lines)


@lru_cache(maxsize=65536)
def _width(text: str, font: str) -> float:
    """The width of a cell's text or word: words recur (a plan of 10,000 actions measures about 400,000),
    so each is measured once."""
    return stringWidth(text, font, CELL_FONT_SIZE)


def _break_word(line: str, font: str, inner: float) -> list[str]:
    """A line too wide for the cell (one long word), broken after a hyphen where possible.

    The pieces up to and including each hyphen are measured whole (a reference like L015-2021-S011506
    takes three measurements); a piece too wide by itself is broken where it reaches the edge, in one pass
    with each glyph measured once, so a 100,000-character word takes linear time."""
    if _width(line, font) <= inner:
        return [line]
    lines: list[str] = []
    current, used = "", 0.0
    for piece in _AFTER_HYPHENS.split(line):
        width = _width(piece, font)
        if used + width <= inner:
            current, used = current + piece, used + width
            continue
        if current:
            lines.append(current)
        current, used = piece, width
        if width > inner:
            *whole, current = _break_anywhere(piece, font, inner)
            lines += whole
            used = _width(current, font)
    return [*lines, current]


_AFTER_HYPHENS = re.compile(r"(?<=-)(?=.)")


def _break_anywhere(word: str, font: str, inner: float) -> list[str]:
    """A word without hyphens broken where it reaches the edge, each glyph measured once."""
    widths: dict[str, float] = {}
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, char in enumerate(word):
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, CELL_FONT_SIZE)
        if used + width > inner and index > start:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += width
    pieces.append(word[start:])
    return pieces


_GROUP_COMMANDS: tuple[Command, ...] = (("SPAN", 0, -1), ("BACKGROUND", 0, -1, GROUP_FILL))
_DETAIL_COMMANDS: tuple[Command, ...] = (("SPAN", 1, -1),)


def data_table(columns: Sequence[Column[T]], items: Sequence[T | GroupTitle | Detail]) -> RowTable:
    """A long table of items, optionally broken up by group titles and followed by detail rows."""
    widths = scaled_widths([c.width for c in columns])
    fonts = [BOLD if column.bold else REGULAR for column in columns]
    plain = tuple(_cell_style(font, INK) for font in fonts)
    bold = (_cell_style(BOLD, INK),) * len(columns)
    regular = (_cell_style(REGULAR, INK),) * len(columns)
    header = Row.of_lines(
        tuple(plain_lines(c.header, BOLD, w) for c, w in zip(columns, widths, strict=True)), bold
    )
    blank = ("",) * (len(columns) - 1)
    rows: list[Row] = []
    for item in items:
        if isinstance(item, GroupTitle):
            title = plain_lines(item.text, BOLD, sum(widths))
            rows.append(Row.of_lines((title, *blank), bold, _GROUP_COMMANDS, keep_with_next=True))
            continue
        if isinstance(item, Detail):
            if rows:
                rows[-1] = replace(rows[-1], keep_with_next=True)
            text = plain_lines(item.text, REGULAR, sum(widths[1:]))
            rows.append(Row.of_lines(("", text, *blank[1:]), regular, _DETAIL_COMMANDS))
            continue
        cells: list[str] = []
        styles = plain
        commands: list[Command] = []
        for index, (column, width, font) in enumerate(zip(columns, widths, fonts, strict=True)):
            cells.append(plain_lines(column.text(item), font, width))
            fill = column.fill(item) if column.fill else None
            if fill is not None:
                commands.append(("BACKGROUND", index, index, fill))
                if (ink := text_colour_on(fill)) is not INK:
                    styles = (*styles[:index], _cell_style(font, ink), *styles[index + 1 :])
        rows.append(Row.of_lines(tuple(cells), styles, tuple(commands)))
    return RowTable(header, rows, widths)


# -- small tables -------------------------------------------------------------------------------------


def facts_table(facts: Sequence[tuple[str, str]], label_width: float = 110) -> Table:
    """Label / value lines (the header block of a document)."""
    cell, cell_bold = styles().cell, styles().cell_bold
    data = [[Paragraph(escape(label), cell_bold), Paragraph(escape(value), cell)] for label, value in facts]
    table = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    fills: dict[tuple[int, int], Color] | None = None,
    *,
    bold_first_column: bool = False,
) -> Table:
    """A small table of short texts (counts, ratings): header row shaded, cells optionally filled."""
    data = [[plain_lines(h, BOLD, w) for h, w in zip(header, widths, strict=True)]]
    for row in rows:
        fonts = [BOLD if bold_first_column and n == 0 else REGULAR for n in range(len(row))]
        data.append([plain_lines(t, f, w) for t, f, w in zip(row, fonts, widths, strict=True)])
    commands: list[Command] = [*BASE_COMMANDS, *HEADER_COMMANDS, ("LINEBEFORE", (1, 0), (-1, -1), 0.35, RULE)]
    if bold_first_column:
        commands.append(("FONT", (0, 1), (0, -1), BOLD, CELL_FONT_SIZE, CELL_LEADING))
    for (col, line), fill in (fills or {}).items():
        commands += [
            ("BACKGROUND", (col, line), (col, line), fill),
            ("TEXTCOLOR", (col, line), (col, line), text_colour_on(fill)),
        ]
    return Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(commands),
        cellStyles=[[_CellStyle("cell") for _ in row] for row in data],
    )

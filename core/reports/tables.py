"""Tables for the printed documents: the long action table and the small fact, ratings and count tables.

A long table is laid out a window of rows at a time (RowTable), so its cost stays linear in the number
of rows (one reportlab Table of thousands of rows is quadratic, see performance.md §3), and its header
row is repeated at the top of every page and nowhere else. Cells are plain text split into lines to the
column width once (simpleSplit), not Paragraphs: nothing in a cell is markup, and a 10,000-action plan
laid out in 7.0 s this way against 11.7 s with Paragraphs for the long texts. Cell defaults live in a
CellStyle subclass rather than in per-cell style commands, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Generic, TypeVar

from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
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
WINDOW_ROWS = 24  # rows measured at a time: about a page of one- or two-line rows
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
        fonts: Sequence[str],
        commands: tuple[Command, ...] = (),
        *,
        inks: Sequence[Color] = (),
        keep_with_next: bool = False,
    ) -> Row:
        inks = inks or [INK] * len(cells)
        styles = tuple(_cell_style(f, i) for f, i in zip(fonts, inks, strict=True))
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

    Every row's height is known, so the rows that fit where the table stands are counted, not measured:
    a Table is made of the header row, those rows and the rows up to and including the first that does
    not fit (with the rows kept with it), and reportlab splits it there, keeping title rows with the row
    after them and cutting a row taller than a page. The rows left over become a new RowTable, which
    starts the next page with the header again.
    """

    def __init__(self, header: Row, rows: Sequence[Row], widths: Sequence[float]) -> None:
        super().__init__()
        self._header = header
        self._rows = list(rows)
        self._widths = list(widths)
        self._windows: dict[tuple[int, bool], _Table] = {}
        self._placed: _Table | None = None

    def _window(self, size: int, keep_together: bool = True) -> _Table:
        if (size, keep_together) not in self._windows:
            self._windows[(size, keep_together)] = self._make_window(size, keep_together)
        return self._windows[(size, keep_together)]

    def _window_size(self, avail_height: float) -> int:
        """The rows that fit, the first that does not, and the rows kept with it: all reportlab needs to
        choose where to split."""
        used = self._header.height
        size = 0
        while size < len(self._rows) and used + self._rows[size].height <= avail_height:
            used += self._rows[size].height
            size += 1
        size += 1
        while size < len(self._rows) and self._rows[size - 1].keep_with_next:
            size += 1
        return min(size, len(self._rows))

    def _make_window(self, size: int, keep_together: bool) -> _Table:
        rows = [self._header, *self._rows[:size]]
        commands: list[Command] = [*BASE_COMMANDS, *HEADER_FILLS]
        for index, row in enumerate(rows):
            for op, first, last, *args in row.commands:
                commands.append((op, (first, index), (last, index), *args))
            if keep_together and row.keep_with_next and index + 1 < len(rows):
                commands.append(("NOSPLIT", (0, index), (-1, index + 1)))
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
        size = self._window_size(availHeight)
        window = self._window(size)
        width, height = window.wrap(availWidth, availHeight)
        self._placed = window
        self.width, self.height = width, height
        if size < len(self._rows):  # more rows follow: never "fits", so the frame asks for a split
            height = max(height, availHeight) + 1
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        size = self._window_size(availHeight)
        window = self._window(size)
        window.wrap(availWidth, availHeight)
        pieces = window.split(availWidth, availHeight)
        if not pieces and availHeight >= _TOP_OF_FRAME:
            # A title row is kept with the row after it, unless the two do not fit on one page.
            window = self._window(size, keep_together=False)
            window.wrap(availWidth, availHeight)
            pieces = window.split(availWidth, availHeight)
        if not pieces:
            return []
        rest = self._rows[size:]
        if len(pieces) == 1:  # the whole window fits here: only when it holds every row left
            return [pieces[0], *self._continue(rest)]
        first, second = pieces[0], pieces[1]
        shown = _row_count(first) - 1
        if _row_count(second) - 1 == size - shown:
            return [first, *self._continue(self._rows[shown:])]
        return [first, second, *self._continue(rest)]  # a row taller than a page was cut in two

    def _continue(self, rows: list[Row]) -> list[Flowable]:
        return [RowTable(self._header, rows, self._widths)] if rows else []

    def draw(self) -> None:  # only reached when the last window fits where it stands
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


def _row_count(piece: Flowable) -> int:
    """Rows in a piece of a split table (reportlab's _cellvalues, which types-reportlab leaves out)."""
    cells: list[list[object]] = piece._cellvalues  # type: ignore[attr-defined]
    return len(cells)


def scaled_widths(weights: Sequence[float], total: float = FRAME_WIDTH) -> list[float]:
    scale = total / sum(weights)
    return [w * scale for w in weights]


def plain_lines(text: str, font: str, width: float) -> str:
    """Text split into lines that fit the cell, for a plain (non-paragraph) cell; a word too long for
    the cell is broken where it reaches the edge."""
    inner = width - 2 * CELL_PADDING
    text = printable(text)
    if "\n" not in text and stringWidth(text, font, CELL_FONT_SIZE) <= inner:
        return text
    lines: list[str] = []
    for part in text.split("\n"):
        for line in simpleSplit(part, font, CELL_FONT_SIZE, inner) or [""]:
            lines.extend(_break_word(line, font, inner))
    return "\n".join(lines)


def _break_word(line: str, font: str, inner: float) -> list[str]:
    """A line too wide for the cell (one long word), broken after a hyphen where possible.

    One pass over the characters with each glyph measured once, so a 100,000-character word takes
    linear time (measuring every prefix again, as before, took minutes for 10,000)."""
    if stringWidth(line, font, CELL_FONT_SIZE) <= inner:
        return [line]
    widths: dict[str, float] = {}
    pieces: list[str] = []
    start, used, hyphen = 0, 0.0, -1
    for index, char in enumerate(line):
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, CELL_FONT_SIZE)
        if used + width > inner and index > start:
            cut = hyphen + 1 if hyphen >= start else index
            pieces.append(line[start:cut])
            start = cut
            used = sum(widths[c] for c in line[start:index])
            hyphen = -1
        used += width
        if char == "-":
            hyphen = index
    pieces.append(line[start:])
    return pieces


_GROUP_COMMANDS: tuple[Command, ...] = (("SPAN", 0, -1), ("BACKGROUND", 0, -1, GROUP_FILL))
_DETAIL_COMMANDS: tuple[Command, ...] = (("SPAN", 1, -1),)


def data_table(columns: Sequence[Column[T]], items: Sequence[T | GroupTitle | Detail]) -> RowTable:
    """A long table of items, optionally broken up by group titles and followed by detail rows."""
    widths = scaled_widths([c.width for c in columns])
    fonts = [BOLD if column.bold else REGULAR for column in columns]
    header = Row.of_lines(
        tuple(plain_lines(c.header, BOLD, w) for c, w in zip(columns, widths, strict=True)),
        [BOLD] * len(columns),
    )
    blank = ("",) * (len(columns) - 1)
    rows: list[Row] = []
    for item in items:
        if isinstance(item, GroupTitle):
            title = plain_lines(item.text, BOLD, sum(widths))
            rows.append(
                Row.of_lines((title, *blank), [BOLD] * len(columns), _GROUP_COMMANDS, keep_with_next=True)
            )
            continue
        if isinstance(item, Detail):
            if rows:
                rows[-1] = replace(rows[-1], keep_with_next=True)
            text = plain_lines(item.text, REGULAR, sum(widths[1:]))
            rows.append(Row.of_lines(("", text, *blank[1:]), [REGULAR] * len(columns), _DETAIL_COMMANDS))
            continue
        cells: list[str] = []
        inks: list[Color] = []
        commands: list[Command] = []
        for index, (column, width, font) in enumerate(zip(columns, widths, fonts, strict=True)):
            cells.append(plain_lines(column.text(item), font, width))
            fill = column.fill(item) if column.fill else None
            inks.append(INK if fill is None else text_colour_on(fill))
            if fill is not None:
                commands.append(("BACKGROUND", index, index, fill))
        rows.append(Row.of_lines(tuple(cells), fonts, tuple(commands), inks=inks))
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

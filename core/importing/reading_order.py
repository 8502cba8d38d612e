"""Text pieces placed on a page → lines in visual reading order.

A PDF's content stream may draw a page in any order (a cover's header block last, a table cell by
cell, two columns line by line), so reading order is rebuilt from where each piece sits: pieces on
one baseline form a line (wide gaps become TAB-separated cells), lines run top to bottom, and where
consecutive lines split into a left and a right side at one gutter the sides are read one after the
other (a two-column page, a table's wrapped cells) unless each row is a single short line per side
(a ratings table: kept as "question TAB rating").

Everything here is sorting plus linear sweeps, O(n log n) in the number of pieces: a page of
hundreds of thousands of separately placed glyphs costs a sort, not a comparison of every pair.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

_CELL_GAP = 0.8  # a horizontal gap wider than this many line heights separates table cells
_SPACE_GAP = 0.15  # a gap wider than this many line heights is a word space
_ROW_STEP = 1.3  # a baseline step this much larger than a run's closest one starts a table row
_BULLETS = frozenset("•●▪■◦‣∙·○◆►➢✓-–*")  # a bullet glyph belongs to its item, however far apart
_WIDE_SIDE = 0.25  # a side whose lines are this share of the page width is running text, not a cell


@dataclass(slots=True)
class Piece:
    """One run of text and its box, in PDF units (y grows upwards)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float = 0.0  # font size where known (0: unknown)


@dataclass(slots=True)
class Cell:
    text: str
    left: float
    right: float


@dataclass(slots=True)
class Line:
    cells: list[Cell]
    bottom: float
    top: float
    furniture_key: str | None = field(default=None)
    size: float = 0.0
    text: str = field(init=False, default="")  # the cells TAB-separated (cells do not change once in a line)

    def __post_init__(self) -> None:
        self.text = "\t".join(cell.text for cell in self.cells)

    @property
    def left(self) -> float:
        return self.cells[0].left

    @property
    def right(self) -> float:
        return self.cells[-1].right

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def page_lines(pieces: list[Piece], width: float) -> list[Line]:
    """The page's lines in reading order."""
    lines = _baseline_lines(pieces)
    if not lines:
        return []
    return _read_sides(lines, width)


# ------------------------------------------------------------------------------------------ lines
def _baseline_lines(pieces: list[Piece]) -> list[Line]:
    """Group pieces sharing a baseline (sorted by vertical centre, then swept once), top line first."""
    ordered = sorted((p for p in pieces if p.text.strip()), key=lambda p: (-(p.top + p.bottom) / 2, p.left))
    groups: list[list[Piece]] = []
    band_bottom = band_top = 0.0
    for piece in ordered:
        height = max(piece.top - piece.bottom, 0.5)
        if groups:
            overlap = min(band_top, piece.top) - max(band_bottom, piece.bottom)
            if overlap > 0.5 * min(band_top - band_bottom, height):
                groups[-1].append(piece)
                band_bottom, band_top = min(band_bottom, piece.bottom), max(band_top, piece.top)
                continue
        groups.append([piece])
        band_bottom, band_top = piece.bottom, piece.top
    return [_line(group) for group in groups]


def _line(group: list[Piece]) -> Line:
    if len(group) == 1:  # most lines are one run
        piece = group[0]
        return Line(
            [Cell(" ".join(piece.text.split()), piece.left, piece.right)],
            piece.bottom,
            piece.top,
            size=piece.size,
        )
    group.sort(key=lambda p: p.left)
    bottom = min(p.bottom for p in group)
    top = max(p.top for p in group)
    height = max(top - bottom, 1.0)
    cells: list[Cell] = []
    for piece in group:
        text = " ".join(piece.text.split())
        if cells:
            cell = cells[-1]
            if (
                piece.left <= cell.right - 0.5
                and piece.right <= cell.right + 0.5
                and cell.text.endswith(text)
            ):
                continue  # drawn twice over itself (fake bold, shadow): keep one copy
            gap = piece.left - cell.right
            if gap <= _CELL_GAP * height or cell.text in _BULLETS:
                joiner = " " if gap > _SPACE_GAP * height and not cell.text.endswith(" ") else ""
                cell.text += joiner + text
                cell.right = max(cell.right, piece.right)
                continue
        cells.append(Cell(text, piece.left, piece.right))
    return Line(cells, bottom, top, size=max(p.size for p in group))


# ------------------------------------------------------------------------------------------ sides
@dataclass(slots=True)
class _Run:
    """Consecutive lines whose cells all fall left or right of one gutter (lo, hi)."""

    start: int
    lo: float
    hi: float
    end: int = 0


def _read_sides(lines: list[Line], width: float) -> list[Line]:
    out: list[Line] = []
    index = 0
    while index < len(lines):
        if len(lines[index].cells) >= 3:
            row, index = _grid_row(lines, index)
            out.append(row)
            continue
        run = _side_run(lines, index)
        if run is None:
            out.append(lines[index])
            index += 1
            continue
        out.extend(_order_run(lines[run.start : run.end], run, width))
        index = run.end
    return out


def _side_run(lines: list[Line], start: int) -> _Run | None:
    """The longest run from `start` that splits at one gutter, when it has at least two two-sided lines."""
    first = lines[start]
    if len(first.cells) != 2:
        return None
    run = _Run(start, first.cells[0].right, first.cells[1].left)
    two_sided = 1
    closest = 1.5 * first.height
    index = start + 1
    while index < len(lines):
        line = lines[index]
        step = _step(lines[index - 1], line)
        if len(line.cells) == 1 and step > _ROW_STEP * closest:
            break  # after a wider step than any inside the run: the text below a table, not a wrapped cell
        closest = min(closest, step) if step > 0 else closest
        if len(line.cells) == 2:
            lo, hi = max(run.lo, line.cells[0].right), min(run.hi, line.cells[1].left)
            two_sided += 1
        elif len(line.cells) == 1 and line.right <= run.hi:
            lo, hi = max(run.lo, line.right), run.hi
        elif len(line.cells) == 1 and line.left >= run.lo:
            lo, hi = run.lo, min(run.hi, line.left)
        else:
            break
        if lo >= hi:
            if len(line.cells) == 2:
                two_sided -= 1
            break
        run.lo, run.hi = lo, hi
        index += 1
    run.end = index
    return run if two_sided >= 2 else None


def _order_run(lines: list[Line], run: _Run, width: float) -> list[Line]:
    """The run cut into rows (a two-sided line after a larger step than the run's closest one starts a row),
    each read as table cells when it is one short line per side, else its left side then its right side."""
    steps = [_step(a, b) for a, b in pairwise(lines)]
    closest = max(min(steps, default=1.0), 1.0)
    out: list[Line] = []
    row: list[Line] = [lines[0]]
    for step, line in zip(steps, lines[1:], strict=True):
        if len(line.cells) == 2 and step > _ROW_STEP * closest:
            out.extend(_order_row(row, run, width))
            row = []
        row.append(line)
    out.extend(_order_row(row, run, width))
    return out


def _order_row(row: list[Line], run: _Run, width: float) -> list[Line]:
    left: list[Line] = []
    right: list[Line] = []
    for line in row:
        for cell in line.cells:
            side = left if cell.right <= run.hi else right
            side.append(Line([cell], line.bottom, line.top))
    if len(row) == len(left) == len(right) and not (
        len(row) > 1 and _wide(left, width) and _wide(right, width)
    ):
        return row  # one short line per side on every line: table rows, kept as cells
    if (
        not (_wide(left, width) and _wide(right, width))
        and min(len(left), len(right)) == 1
        and max(len(left), len(right)) <= 3
    ):
        return [_merged(row, [left, right])]  # a table row with a wrapped cell: one line of whole cells
    return left + right


def _merged(lines: list[Line], columns: list[list[Line]]) -> Line:
    cells = [
        Cell(
            " ".join(part.text for part in column),
            min(part.left for part in column),
            max(part.right for part in column),
        )
        for column in columns
        if column
    ]
    return Line(cells, min(line.bottom for line in lines), max(line.top for line in lines))


def _wide(side: list[Line], width: float) -> bool:
    widths = sorted(line.right - line.left for line in side)
    return widths[len(widths) // 2] >= _WIDE_SIDE * width


def _grid_row(lines: list[Line], start: int) -> tuple[Line, int]:
    """A grid row (three or more cells) with the lines its wrapped cells run on to, as one line of cells."""
    head = lines[start]
    starts = [cell.left for cell in head.cells]
    columns: list[list[Line]] = [[Line([cell], head.bottom, head.top)] for cell in head.cells]
    index = start + 1
    while index < len(lines):
        line = lines[index]
        step = _step(lines[index - 1], line)
        placed = [_column(starts, cell.left) for cell in line.cells]
        # Wrapped cells carry on a line below at the cells' own line spacing, in only some of the columns or
        # with the first column's text carrying on in lower case; a full line with a capitalised first cell at
        # that spacing is the next row of a tightly set grid.
        new_row = step > 1.45 * head.height or (
            0 in placed and len(line.cells) >= len(head.cells) - 1 and not line.cells[0].text[:1].islower()
        )
        if new_row or -1 in placed:
            break
        for column, cell in zip(placed, line.cells, strict=True):
            columns[column].append(Line([cell], line.bottom, line.top))
        index += 1
    if index == start + 1:
        return head, index
    return _merged(lines[start:index], columns), index


def _step(above: Line, below: Line) -> float:
    """The baseline step between two lines. Boxes hug the glyphs (a line without descenders has a higher
    bottom, one without capitals a lower top), so the smaller of the two distances is the closer estimate."""
    return min(above.top - below.top, above.bottom - below.bottom)


def _column(starts: list[float], left: float) -> int:
    """The column whose start is the last at or before `left` (a little slack), -1 before the first."""
    position = bisect_right(starts, left + 3) - 1
    return position

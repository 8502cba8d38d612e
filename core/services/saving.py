"""Saving what the user asked for, all or nothing: the register as CSV or Excel, a printed document as PDF."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from core.domain.actions import RegisterRow
from core.domain.documents import ExportFormat
from core.domain.errors import FileWriteError
from core.files import write_bytes
from core.services.actions import ActionQueries

ProgressFn = Callable[[int, int], None]
FETCH_CHUNK = 2_000


class _Cancelled(Exception):
    """Raised inside a writer when the user cancels; the partial file is then removed."""


def spreadsheet_format(path: Path) -> ExportFormat:
    """CSV or Excel, from the file name's extension."""
    formats = {".csv": ExportFormat.CSV, ".xlsx": ExportFormat.XLSX}
    found = formats.get(Path(path).suffix.lower())
    if found is None:
        raise FileWriteError(
            f"{Path(path).name} does not end in .csv or .xlsx, so Candour cannot tell which to write."
        )
    return found


def export_register(
    actions: ActionQueries,
    ids: Sequence[int],
    path: Path,
    fmt: ExportFormat | None = None,
    *,
    filter_text: str,
    exported_at: dt.datetime,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> int | None:
    """Write the actions with these ids, in this order, to path as CSV or Excel (default: by its extension).

    Returns how many were written, or None when cancelled (nothing is written then). Progress runs
    from 0 to twice the count: reading the actions, then writing them.
    """
    from core.reports.export import write_csv, write_xlsx  # openpyxl loads only when exporting

    path = Path(path)
    fmt = fmt or spreadsheet_format(path)
    if fmt not in (ExportFormat.CSV, ExportFormat.XLSX):
        raise FileWriteError(f"The register is exported as CSV or Excel, not {fmt.value}.")
    total = len(ids)

    def report(done: int, _total: int, offset: int = 0) -> None:
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        if progress is not None:
            progress(offset + done, 2 * total)

    try:
        rows = _fetch(actions, ids, report)
        notes = actions.latest_notes([r.id for r in rows])
        write_progress = partial(report, offset=total)
        if fmt is ExportFormat.CSV:
            write_csv(rows, path, notes, progress=write_progress)
        else:
            write_xlsx(rows, path, notes, filter_text, exported_at=exported_at, progress=write_progress)
    except _Cancelled:
        return None
    return len(rows)


def _fetch(
    actions: ActionQueries, ids: Sequence[int], report: Callable[[int, int], None]
) -> list[RegisterRow]:
    rows: list[RegisterRow] = []
    for start in range(0, len(ids), FETCH_CHUNK):
        report(start, len(ids))
        rows.extend(actions.register_rows(ids[start : start + FETCH_CHUNK]))
    report(len(ids), len(ids))
    return rows


def save_document(data: bytes, path: Path) -> Path:
    """Write a built PDF to path (a FileWriteError names the file and the reason when that fails)."""
    path = Path(path)
    write_bytes(path, data)
    return path

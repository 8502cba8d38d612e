"""Reading report files and pasted text: refuse anything unreadable with one plain sentence."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from core.domain.errors import ReportImportError
from core.domain.imports import LoadedReport
from core.domain.vocabulary import ReportFormat
from core.importing.decode import decode_text
from core.importing.html_text import html_charset, html_to_text, looks_like_html
from core.importing.normalise import normalise_text
from core.importing.report import NOT_A_REPORT, looks_like_cqc_report, parse_report
from core.importing.sandbox import pdf_to_text_bounded

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".pdf", ".html", ".htm", ".txt", ".text"})
MAX_BYTES = 40 * 1024 * 1024
_MIN_TEXT_CHARS = 40
_SIGNATURES = {
    b"PK\x03\x04": "a zipped document (such as .docx)",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"{\\rtf": "a Rich Text document",
}


def find_report_files(paths: Iterable[Path]) -> list[Path]:
    """Files pass through; folders expand to the supported files inside them (recursive, sorted)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ReportImportError(f"{path.name or path} does not exist, so there is nothing to import.")
        if path.is_dir():
            inside = sorted(p for p in _files_in(path) if p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not inside:
                raise ReportImportError(
                    f"{path.name or path} is a folder with no PDF, web page or text files in it, "
                    "so there is nothing to import."
                )
            found.extend(inside)
        else:
            found.append(path)
    return found


def _files_in(folder: Path) -> list[Path]:
    """Every regular file under folder; a sub-folder that cannot be read is refused, never skipped."""
    unreadable: list[OSError] = []
    found = [
        Path(root) / name
        for root, _dirs, names in os.walk(folder, onerror=unreadable.append)
        for name in names
        if (Path(root) / name).is_file()
    ]
    if unreadable:
        where = Path(unreadable[0].filename or folder)
        raise ReportImportError(
            f"{where} could not be read ({(unreadable[0].strerror or 'access denied').lower()}), "
            f"so nothing in {folder.name or folder} was imported; give Candour access to it or choose the "
            "files themselves."
        )
    return found


def load_file(path: Path) -> LoadedReport:
    path = Path(path)
    name = path.name or str(path)
    if not os.path.lexists(path):
        raise ReportImportError(f"{name} does not exist, so there is nothing to import.")
    if path.is_dir():
        raise ReportImportError(f"{name} is a folder, not a report file; choose the report files inside it.")
    try:
        data = _read_regular_file(path, name)
    except ReportImportError:
        raise
    except OSError as error:
        raise ReportImportError(f"{name} could not be read ({error.strerror or 'access denied'}).") from None
    return load_bytes(data, name, path.suffix.lower())


def _read_regular_file(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES. A named pipe or a device (which would block or
    never end) is refused: it is opened without waiting and checked before anything is read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        facts = os.fstat(handle.fileno())
        if not stat.S_ISREG(facts.st_mode):
            raise ReportImportError(
                f"{name} is not a regular file (it is a {_kind(facts.st_mode)}), so it was not read."
            )
        if facts.st_size > MAX_BYTES:
            raise ReportImportError(
                f"{name} is {facts.st_size // (1024 * 1024)} MB, larger than the 40 MB a CQC "
                "report can be, so it was not read."
            )
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReportImportError(f"{name} is larger than the 40 MB a CQC report can be, so it was not read.")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def load_text(text: str, source: str = "pasted text") -> LoadedReport:
    if not isinstance(text, str):
        raise ReportImportError(f"{source} is not text, so there is nothing to import.")
    data = text.encode("utf-8", errors="surrogatepass")
    if looks_like_html(text):
        return _finish(source, data, ReportFormat.HTML, html_to_text(text))
    return _finish(source, data, ReportFormat.TEXT, text)


def load_bytes(data: bytes, name: str, suffix: str) -> LoadedReport:
    """A file's bytes → LoadedReport, choosing the reader by content first and the suffix second."""
    if not data.strip():
        raise ReportImportError(f"{name} is empty, so there is nothing to import.")
    if data[:1024].lstrip().startswith(b"%PDF"):
        return _finish(name, data, ReportFormat.PDF, pdf_to_text_bounded(data, name))
    if suffix == ".pdf":
        raise ReportImportError(
            f"{name} is not a PDF (it is damaged or was saved in another format), so it cannot be read."
        )
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise ReportImportError(
                f"{name} is {what}, not a PDF, web page or text file, so it cannot be imported."
            )
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise ReportImportError(
            f"{name} is a {suffix} file; Candour imports CQC reports saved as PDF, web page (.html) or text."
        )
    text = decode_text(data, html_charset(data) if suffix in (".html", ".htm") else None)
    if text is None:
        raise ReportImportError(f"{name} contains binary data rather than text, so it cannot be imported.")
    if suffix in (".html", ".htm") or looks_like_html(text):
        return _finish(name, data, ReportFormat.HTML, html_to_text(text))
    return _finish(name, data, ReportFormat.TEXT, text)


def _finish(source: str, data: bytes, report_format: ReportFormat, raw_text: str) -> LoadedReport:
    text = normalise_text(raw_text)
    characters = len("".join(text.split()))
    if characters < _MIN_TEXT_CHARS:
        if report_format is ReportFormat.PDF and characters == 0:
            raise ReportImportError(
                f"{source} has no text layer (it looks like a scanned image), so there is nothing to import."
            )
        if report_format is ReportFormat.PDF:
            raise ReportImportError(
                f"{source} holds only {characters} characters of text, too little to be an "
                f"inspection report, so nothing was imported."
            )
        raise ReportImportError(f"{source} is empty or almost empty, so there is nothing to import.")
    if not looks_like_cqc_report(text):
        raise ReportImportError(
            f"{source} does not look like a CQC inspection report: {NOT_A_REPORT}, so nothing was imported."
        )
    try:
        report = parse_report(text, source, report_format)
    except RecursionError:
        raise ReportImportError(f"{source} is too deeply nested to read, so nothing was imported.") from None
    except Exception as error:  # noqa: BLE001 - the user sees a sentence, never a traceback
        raise ReportImportError(
            f"{source} could not be read as a CQC report ({type(error).__name__} while parsing), "
            f"so nothing was imported."
        ) from None
    return LoadedReport(
        source=source, sha256=hashlib.sha256(data).hexdigest(), format=report_format, text=text, report=report
    )

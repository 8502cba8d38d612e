"""Reading report files for the preview (pool thread, no widgets) and committing the user's choices."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from core.domain.errors import CandourError
from core.domain.imports import ImportOutcome, ImportStatus, LoadedReport
from core.domain.parsed import ParsedReport
from core.services.imports import ImportService

log = logging.getLogger(__name__)
ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class LoadedFile:
    """One file as the preview sees it: read (loaded), unreadable (error) or already in Candour (previous)."""

    name: str
    loaded: LoadedReport | None = None
    error: str | None = None
    previous: str | None = None
    superseded: dict[int, str] = field(default_factory=dict)  # inspection index → why it is superseded
    archived: bool = False  # the location is archived (on the page or in Candour)

    @property
    def importable(self) -> bool:
        return self.loaded is not None and self.error is None and self.previous is None

    @property
    def report(self) -> ParsedReport | None:
        return self.loaded.report if self.loaded is not None else None


@dataclass(frozen=True)
class Choice:
    """A file the user confirmed, with their edited report (None: skipped, outcome explains)."""

    file: LoadedFile
    report: ParsedReport | None


def unexpected(name: str, error: BaseException) -> str:
    log.error("Unexpected error reading %s", name, exc_info=error)
    return f"{name} could not be read because of an unexpected error ({type(error).__name__}: {error})."


def load_paths(
    imports: ImportService, paths: Sequence[Path], progress: ProgressFn, cancel: threading.Event
) -> list[LoadedFile]:
    """Expand folders, then read each file; a bad file is reported and does not stop the others."""
    try:
        files = imports.expand(paths)
    except CandourError as error:
        return [LoadedFile(name=_names(paths), error=str(error))]
    except Exception as error:  # noqa: BLE001 - shown to the user as one sentence
        return [LoadedFile(name=_names(paths), error=unexpected(_names(paths), error))]
    results: list[LoadedFile] = []
    for done, path in enumerate(files):
        if cancel.is_set():
            break
        progress(done, len(files), f"Reading file {done + 1} of {len(files)}: {path.name}")
        results.append(_checked(imports, path.name, partial(imports.load, path)))
    progress(len(results), len(files), "")
    return results


def load_pasted(imports: ImportService, text: str) -> list[LoadedFile]:
    return [_checked(imports, "pasted text", lambda: imports.load_text(text, "pasted text"))]


def _checked(imports: ImportService, name: str, load: Callable[[], LoadedReport]) -> LoadedFile:
    try:
        loaded = load()
        previous = imports.previously_imported(loaded.sha256)
        superseded = imports.superseded(loaded.report)
        archived = imports.location_archived(loaded.report)
    except CandourError as error:
        return LoadedFile(name=name, error=str(error))
    except Exception as error:  # noqa: BLE001 - shown to the user as one sentence
        return LoadedFile(name=name, error=unexpected(name, error))
    return LoadedFile(
        name=loaded.source or name, loaded=loaded, previous=previous, superseded=superseded, archived=archived
    )


def commit_choices(
    imports: ImportService, choices: Sequence[Choice], progress: ProgressFn, cancel: threading.Event
) -> list[ImportOutcome]:
    """Write each chosen file in its own transaction; files not chosen become explanatory outcomes."""
    outcomes: list[ImportOutcome] = []
    for done, choice in enumerate(choices):
        if choice.report is None or choice.file.loaded is None:
            outcomes.append(_skipped(choice.file))
            continue
        if cancel.is_set():
            outcomes.append(
                _refused(choice.file.name, f"{choice.file.name} was not imported: you cancelled.")
            )
            continue
        progress(done, len(choices), f"Importing file {done + 1} of {len(choices)}: {choice.file.name}")
        try:
            outcomes.append(imports.commit(choice.file.loaded, choice.report))
        except CandourError as error:
            outcomes.append(_refused(choice.file.name, str(error)))
        except Exception as error:  # noqa: BLE001 - one bad file must not hide the others' outcomes
            outcomes.append(_refused(choice.file.name, unexpected(choice.file.name, error)))
    progress(len(choices), len(choices), "")
    return outcomes


def _skipped(file: LoadedFile) -> ImportOutcome:
    if file.previous:
        return ImportOutcome(source=file.name, status=ImportStatus.UNCHANGED, message=file.previous)
    if file.error:
        return _refused(file.name, file.error)
    return _refused(file.name, f"{file.name} was not imported: you left it unticked.")


def _refused(name: str, message: str) -> ImportOutcome:
    return ImportOutcome(source=name, status=ImportStatus.REFUSED, message=message)


def _names(paths: Sequence[Path]) -> str:
    return ", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else "")

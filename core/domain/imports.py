"""A report read and ready to import, and what an import did, file by file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from core.domain.parsed import ParsedReport
from core.domain.vocabulary import ReportFormat


@dataclass(frozen=True)
class LoadedReport:
    """A report file (or pasted text) read and parsed, not yet imported: what the preview shows."""

    source: str
    sha256: str
    format: ReportFormat
    text: str
    report: ParsedReport


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"  # the same document was imported before
    REFUSED = "refused"


class ImportOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    status: ImportStatus
    message: str = ""
    report_id: int | None = None
    location_id: int | None = None
    location_name: str | None = None
    inspections: list[str] = []  # date descriptions, newest first
    new_must: int = 0
    new_should: int = 0
    already_present: int = 0  # actions the database already had (repeated by this report)
    checks: list[str] = []  # the self-check's warnings: actions the report promises that were not found

    def line(self) -> str:
        """One line for the command line and the import summary."""
        if self.status is not ImportStatus.IMPORTED:
            return self.message
        dates = "; ".join(self.inspections) or "no dated inspection"
        line = (
            f"{self.source}: {self.location_name} — {dates} — {self.new_must} must, {self.new_should} should"
        )
        if self.already_present:
            line += f" ({self.already_present} already in Candour)"
        for check in self.checks:
            line += f"\n  Check: {check}"
        return line

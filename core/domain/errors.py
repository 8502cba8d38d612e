"""Errors a user may see. Each carries one plain sentence, never a traceback."""

from __future__ import annotations


class CandourError(Exception):
    """Base for every error Candour shows to its user; str(error) is the sentence to show."""


class NotFound(CandourError):
    pass


class RuleViolation(CandourError):
    """A workflow rule refused the change (e.g. completing a MUST action without evidence)."""


class StaleVersion(CandourError):
    """Someone else changed the record since it was read."""


class ReportImportError(CandourError):
    """A file could not be read as a CQC report; the message names the file and the reason."""


class DatabaseError(CandourError):
    """The database cannot be opened or used (newer schema, not a Candour file, locked...)."""


class ServerUnavailable(DatabaseError):
    """The database server did not answer, or the connection to it was lost: nothing was changed, and the same
    request may be made again when it is back."""


class FileWriteError(CandourError):
    """A file the user asked for could not be written; the message names the file and the reason."""

"""Evidence: files copied into the database (by SHA-256) or links, attached to actions."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.domain.actions import Evidence
from core.domain.errors import NotFound, RuleViolation
from core.files import write_error
from core.services import audit, mapping, rules
from core.services.actions import ActionQueries
from core.services.context import ServiceContext
from core.store.orm import ActionRecord, BlobRecord, EvidenceRecord

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024
MAX_SAVED_NAME = 120


# Opening one of these runs it: they are never handed to the system without a warning.
RUNNABLE_SUFFIXES = frozenset(
    {
        ".exe",
        ".com",
        ".bat",
        ".cmd",
        ".ps1",
        ".psm1",
        ".vbs",
        ".vbe",
        ".js",
        ".jse",
        ".wsf",
        ".wsh",
        ".msi",
        ".msp",
        ".scr",
        ".pif",
        ".cpl",
        ".hta",
        ".jar",
        ".lnk",
        ".url",
        ".reg",
        ".sh",
        ".bash",
        ".command",
        ".app",
        ".py",
        ".pyw",
        ".pl",
        ".rb",
        ".desktop",
        ".appimage",
        ".run",
        ".bin",
        ".docm",
        ".xlsm",
        ".pptm",
    }
)


def is_runnable(name: str) -> bool:
    """True for file types that run a program when opened (an executable, a script, a shortcut)."""
    return Path(name.strip().rstrip(". ")).suffix.lower() in RUNNABLE_SUFFIXES


def refuse_unsafe_file_link(url: str) -> None:
    """A file:// link must name a file on this computer that does not run a program when opened."""
    parsed = urlparse(url)
    path = unquote(parsed.path)
    remote = parsed.netloc.lower() not in ("", "localhost") or path.startswith(("//", "\\\\"))
    if remote:
        raise RuleViolation(
            f"'{url}' points to a file on another computer; Candour only "
            "opens file links on this computer. Attach the file itself, or use an https:// link."
        )
    if is_runnable(path):
        raise RuleViolation(
            f"'{url}' points to a program or script; Candour does not open those from a link."
        )


def safe_file_name(name: str) -> str:
    """A bare file name: no folders, no '..', no characters Windows refuses."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r'[<>:"|?*\x00-\x1f]', "_", base).strip(" .")
    return base or "evidence"


class EvidenceService:
    def __init__(self, ctx: ServiceContext, queries: ActionQueries) -> None:
        self._ctx = ctx
        self._queries = queries

    def attach_file(
        self, action_id: int, path: Path, description: str | None = None, *, version: int | None = None
    ) -> Evidence:
        content = self._read(path)
        digest = hashlib.sha256(content).hexdigest()
        with self._ctx.db.writing() as session:
            action = self._queries.require_version(session, action_id, version)
            if session.get(BlobRecord, digest) is None:
                session.add(BlobRecord(sha256=digest, size=len(content), content=content))
            record = EvidenceRecord(
                action_id=action_id,
                original_name=safe_file_name(path.name),
                sha256=digest,
                size=len(content),
                description=_clean(description),
                added_by=self._ctx.actor,
                added_at=self._ctx.now(),
            )
            return self._add(session, action, record)

    def add_link(
        self, action_id: int, url: str, description: str | None = None, *, version: int | None = None
    ) -> Evidence:
        url = url.strip()
        parsed = urlparse(url)
        if not (parsed.scheme in ("http", "https", "file") and (parsed.netloc or parsed.path)):
            raise RuleViolation(f"'{url}' is not a web or file link (it should start with https://).")
        if parsed.scheme == "file":
            refuse_unsafe_file_link(url)
        with self._ctx.db.writing() as session:
            action = self._queries.require_version(session, action_id, version)
            record = EvidenceRecord(
                action_id=action_id,
                url=url,
                description=_clean(description),
                added_by=self._ctx.actor,
                added_at=self._ctx.now(),
            )
            return self._add(session, action, record)

    def remove(self, evidence_id: int, *, action_id: int | None = None) -> None:
        """Detach an evidence item; the history keeps its title. Its file content is erased from the database
        when no other item uses it (personal data must be erasable). With action_id, only if the item
        belongs to that action (an undo names both)."""
        with self._ctx.db.writing() as session:
            record = self._get(session, evidence_id)
            if action_id is not None and record.action_id != action_id:
                raise NotFound(
                    f"Evidence item {evidence_id} no longer belongs to this action, so it was left alone."
                )
            action = self._queries.require(session, record.action_id)
            rules.require_change(self._ctx, action, "removing evidence")
            audit.record(
                session,
                self._ctx,
                entity="evidence",
                entity_id=record.id,
                action_id=action.id,
                operation="delete",
                old=mapping.evidence(record).title,
            )
            sha256 = record.sha256
            session.delete(record)
            session.flush()
            if sha256 is not None:
                _erase_unused(session, [sha256])
            action.evidence_count -= 1
            action.updated_at, action.updated_by = self._ctx.now(), self._ctx.actor

    def purge(self) -> int:
        """Erase every stored file content no evidence item uses; returns how many were erased."""
        with self._ctx.db.writing() as session:
            return _erase_unused(session, list(session.scalars(select(BlobRecord.sha256))))

    def describe(self, evidence_id: int, description: str) -> Evidence:
        """Say what an evidence item shows (kept in the history; locked once the action is verified)."""
        with self._ctx.db.writing() as session:
            record = self._get(session, evidence_id)
            action = self._queries.require(session, record.action_id)
            rules.require_change(self._ctx, action, "describing its evidence")
            new = _clean(description)
            if new != record.description:
                audit.record(
                    session,
                    self._ctx,
                    entity="evidence",
                    entity_id=record.id,
                    action_id=action.id,
                    operation="update",
                    field="description",
                    old=record.description,
                    new=new,
                )
                record.description = new
                action.updated_at, action.updated_by = self._ctx.now(), self._ctx.actor
            return mapping.evidence(record)

    def content(self, evidence_id: int) -> tuple[str, bytes]:
        """(safe file name, bytes) of a file evidence item."""
        with self._ctx.db.reading() as session:
            record = self._get(session, evidence_id)
            if record.sha256 is None:
                raise RuleViolation("That evidence item is a link, not a file.")
            blob = session.get(BlobRecord, record.sha256)
            assert blob is not None
            return safe_file_name(record.original_name or "evidence"), blob.content

    def save_copy(self, evidence_id: int, folder: Path) -> Path:
        """Write the file into folder under its (sanitised) original name; never outside folder.

        A copy saved before with the same content is reused rather than rewritten: on Windows the program
        showing it (a PDF reader, Word) keeps it locked, so opening the same evidence twice must not write.
        """
        name, content = self.content(evidence_id)
        target = (folder / f"{evidence_id}-{_shortened(name)}").resolve()
        if folder.resolve() not in target.parents:
            raise RuleViolation(f"The evidence name {name!r} would be written outside {folder}.")
        if target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content:
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as error:
            raise write_error(target, error) from error
        return target

    def _add(self, session: Session, action: ActionRecord, record: EvidenceRecord) -> Evidence:
        rules.require_change(self._ctx, action, "adding evidence")
        session.add(record)
        action.evidence_count += 1
        action.updated_at, action.updated_by = self._ctx.now(), self._ctx.actor
        session.flush()
        evidence = mapping.evidence(record)
        audit.record(
            session,
            self._ctx,
            entity="evidence",
            entity_id=record.id,
            action_id=action.id,
            operation="create",
            new=evidence.title,
        )
        return evidence

    @staticmethod
    def _read(path: Path) -> bytes:
        if not path.exists():
            raise RuleViolation(f"{path} does not exist.")
        if not path.is_file():
            raise RuleViolation(f"{path} is not a file, so it cannot be attached as evidence.")
        if path.stat().st_size > MAX_EVIDENCE_BYTES:
            raise RuleViolation(f"{path.name} is larger than 200 MB; attach a link to it instead.")
        try:
            return path.read_bytes()
        except OSError as error:
            raise RuleViolation(f"{path.name} cannot be read ({error.strerror}).") from error

    @staticmethod
    def _get(session: Session, evidence_id: int) -> EvidenceRecord:
        record = session.get(EvidenceRecord, evidence_id)
        if record is None:
            raise NotFound(f"Evidence item {evidence_id} no longer exists.")
        return record


def _shortened(name: str, limit: int = MAX_SAVED_NAME) -> str:
    """The name cut to `limit` characters, keeping its extension (Windows paths stop at 260 characters)."""
    if len(name) <= limit:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) < 12 else ""
    return name[: limit - len(suffix)].rstrip(" .") + suffix


def _erase_unused(session: Session, digests: list[str]) -> int:
    used = set(session.scalars(select(EvidenceRecord.sha256).where(EvidenceRecord.sha256.in_(digests))))
    unused = [d for d in digests if d not in used]
    if unused:
        session.execute(delete(BlobRecord).where(BlobRecord.sha256.in_(unused)))
    return len(unused)


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None

"""Evidence: files copied into the database (by SHA-256) or links, attached to actions."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from core.domain.actions import Evidence
from core.domain.errors import NotFound, RuleViolation
from core.services import audit, mapping, rules
from core.services.actions import ActionQueries
from core.services.context import ServiceContext
from core.store.orm import ActionRecord, BlobRecord, EvidenceRecord

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024


def safe_file_name(name: str) -> str:
    """A bare file name: no folders, no '..', no characters Windows refuses."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r'[<>:"|?*\x00-\x1f]', "_", base).strip(" .")
    return base or "evidence"


class EvidenceService:
    def __init__(self, ctx: ServiceContext, queries: ActionQueries) -> None:
        self._ctx = ctx
        self._queries = queries

    def attach_file(self, action_id: int, path: Path, description: str | None = None, *,
                    version: int | None = None) -> Evidence:
        content = self._read(path)
        digest = hashlib.sha256(content).hexdigest()
        with self._ctx.db.writing() as session:
            action = self._queries.require_version(session, action_id, version)
            if session.get(BlobRecord, digest) is None:
                session.add(BlobRecord(sha256=digest, size=len(content), content=content))
            record = EvidenceRecord(action_id=action_id, original_name=safe_file_name(path.name), sha256=digest,
                                    size=len(content), description=_clean(description),
                                    added_by=self._ctx.actor, added_at=self._ctx.now())
            return self._add(session, action, record)

    def add_link(self, action_id: int, url: str, description: str | None = None, *,
                 version: int | None = None) -> Evidence:
        url = url.strip()
        parsed = urlparse(url)
        if not (parsed.scheme in ("http", "https", "file") and (parsed.netloc or parsed.path)):
            raise RuleViolation(f"'{url}' is not a web or file link (it should start with https://).")
        with self._ctx.db.writing() as session:
            action = self._queries.require_version(session, action_id, version)
            record = EvidenceRecord(action_id=action_id, url=url, description=_clean(description),
                                    added_by=self._ctx.actor, added_at=self._ctx.now())
            return self._add(session, action, record)

    def remove(self, evidence_id: int) -> None:
        """Detach an evidence item (the history keeps what it was; the file content stays stored)."""
        with self._ctx.db.writing() as session:
            record = self._get(session, evidence_id)
            action = self._queries.require(session, record.action_id)
            rules.require_change(self._ctx, action, "removing evidence")
            audit.record(session, self._ctx, entity="evidence", entity_id=record.id, action_id=action.id,
                         operation="delete", old=mapping.evidence(record).title)
            session.delete(record)
            action.evidence_count -= 1
            action.updated_at, action.updated_by = self._ctx.now(), self._ctx.actor

    def describe(self, evidence_id: int, description: str) -> Evidence:
        """Say what an evidence item shows (kept in the history; locked once the action is verified)."""
        with self._ctx.db.writing() as session:
            record = self._get(session, evidence_id)
            action = self._queries.require(session, record.action_id)
            rules.require_change(self._ctx, action, "describing its evidence")
            new = _clean(description)
            if new != record.description:
                audit.record(session, self._ctx, entity="evidence", entity_id=record.id, action_id=action.id,
                             operation="update", field="description", old=record.description, new=new)
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
        """Write the file into folder under its (sanitised) original name; never outside folder."""
        name, content = self.content(evidence_id)
        folder.mkdir(parents=True, exist_ok=True)
        target = (folder / f"{evidence_id}-{name}").resolve()
        if folder.resolve() not in target.parents:
            raise RuleViolation(f"The evidence name {name!r} would be written outside {folder}.")
        target.write_bytes(content)
        return target

    def _add(self, session: Session, action: ActionRecord, record: EvidenceRecord) -> Evidence:
        rules.require_change(self._ctx, action, "adding evidence")
        session.add(record)
        action.evidence_count += 1
        action.updated_at, action.updated_by = self._ctx.now(), self._ctx.actor
        session.flush()
        evidence = mapping.evidence(record)
        audit.record(session, self._ctx, entity="evidence", entity_id=record.id, action_id=action.id,
                     operation="create", new=evidence.title)
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


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None

"""Organisation settings stored in the database, so they travel with the data and its backups."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.documents import CoverSheet
from core.domain.registry import OrgSettings
from core.services import audit
from core.services.context import ServiceContext
from core.store.orm import SettingRecord

_KEY = "org"
_COVERS = "pack-covers"  # meeting series -> its board pack cover sheet


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self) -> OrgSettings:
        with self._ctx.db.reading() as session:
            return self.get_in(session)

    @staticmethod
    def get_in(session: Session) -> OrgSettings:
        """The settings, read in a session already open (one read for a page and its settings)."""
        value = session.scalar(select(SettingRecord.value).where(SettingRecord.key == _KEY))
        return OrgSettings.model_validate(json.loads(value)) if value else OrgSettings()

    def save(self, settings: OrgSettings) -> OrgSettings:
        """Store the settings; each changed value goes into the history."""
        old = self.get()
        with self._ctx.db.writing() as session:
            for name in type(settings).model_fields:
                before, after = getattr(old, name), getattr(settings, name)
                if before != after:
                    audit.record(
                        session,
                        self._ctx,
                        entity="setting",
                        entity_id=0,
                        action_id=None,
                        operation="update",
                        field=name,
                        old=before,
                        new=after,
                    )
            session.merge(SettingRecord(key=_KEY, value=settings.model_dump_json()))
        return settings

    # -- board pack cover sheets, remembered per meeting series ---------------------------------------

    def pack_cover(self, series: str) -> CoverSheet | None:
        stored = self._covers().get(series.strip())
        return CoverSheet.model_validate(stored) if stored is not None else None

    def pack_series(self) -> list[str]:
        """The meeting series with a remembered cover sheet, in alphabetical order."""
        return sorted(self._covers(), key=str.casefold)

    def save_pack_cover(self, series: str, cover: CoverSheet) -> None:
        covers = self._covers() | {series.strip(): cover.model_dump(mode="json")}
        with self._ctx.db.writing() as session:
            session.merge(SettingRecord(key=_COVERS, value=json.dumps(covers)))

    def _covers(self) -> dict[str, dict[str, Any]]:
        with self._ctx.db.reading() as session:
            value = session.scalar(select(SettingRecord.value).where(SettingRecord.key == _COVERS))
        return json.loads(value) if value else {}

"""Checking the whole history: the hash chain recomputed entry by entry."""

from __future__ import annotations

from dataclasses import dataclass

from core.services.context import ServiceContext
from core.store.audit_chain import ChainBreak, first_break


@dataclass(frozen=True)
class HistoryCheck:
    entries: int
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None

    @property
    def sentence(self) -> str:
        if self.broken is not None:
            return self.broken.sentence()
        return f"The history is intact: all {self.entries} entries match their seals."


def verify_history(ctx: ServiceContext) -> HistoryCheck:
    with ctx.db.reading() as session:
        count, broken = first_break(session)
    return HistoryCheck(entries=count, broken=broken)

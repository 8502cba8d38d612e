"""Changes: what one command changed (which actions, locations, people and reports), so each view can
refresh only what it shows."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Entity(StrEnum):
    ACTION = "action"
    LOCATION = "location"
    PERSON = "person"
    REPORT = "report"


class Changes(BaseModel):
    """Ids changed by a command. `added_or_removed` names the kinds of thing that gained or lost rows
    (a list showing them must re-query, not just repaint rows); `everything` means "reload it all"
    (another database, or a bulk statement whose rows are not known one by one)."""

    model_config = ConfigDict(frozen=True)

    actions: frozenset[int] = frozenset()
    locations: frozenset[int] = frozenset()
    people: frozenset[int] = frozenset()
    reports: frozenset[int] = frozenset()
    added_or_removed: frozenset[Entity] = frozenset()
    everything: bool = False

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True, added_or_removed=frozenset(Entity))

    @property
    def is_empty(self) -> bool:
        return not (
            self.everything
            or self.actions
            or self.locations
            or self.people
            or self.reports
            or self.added_or_removed
        )

    def touches(self, *entities: Entity) -> bool:
        """True when anything of these kinds changed."""
        if self.everything:
            return True
        ids = {
            Entity.ACTION: self.actions,
            Entity.LOCATION: self.locations,
            Entity.PERSON: self.people,
            Entity.REPORT: self.reports,
        }
        return any(ids[e] or e in self.added_or_removed for e in entities)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            actions=self.actions | other.actions,
            locations=self.locations | other.locations,
            people=self.people | other.people,
            reports=self.reports | other.reports,
            added_or_removed=self.added_or_removed | other.added_or_removed,
            everything=self.everything or other.everything,
        )

"""Who is using Candour: a person in the database, with their role. Everything they change carries it.

On one computer the person is chosen at first start (and named with --user / CANDOUR_USER on the command
line); on a shared server a login can map onto the same object. Services only ever see an Identity.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from core.domain.vocabulary import Access


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True)

    person_id: int
    name: str
    access: Access

    @property
    def describe(self) -> str:
        """'Tom Hughes (governance lead)'."""
        return f"{self.name} ({self.access.label.lower()})"

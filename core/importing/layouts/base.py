"""What every report layout offers the registry, and the document it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.blocks import Unit, build_units


@dataclass
class Document:
    """Normalised text and its units; `head` is the start of the text that markers are looked for in."""

    text: str
    units: list[Unit] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Document:
        return cls(text, build_units(text))

    @cached_property
    def words(self) -> str:
        """The whole text lower-cased on one line with single spaces, for fast phrase tests."""
        return " ".join(unit.flat for unit in self.units).lower()

    @cached_property
    def head(self) -> str:
        return " ".join(unit.flat for unit in self.units[:80])


class Layout(Protocol):
    """One generation or kind of CQC report. `matches` scores 0 (not this layout) to 1 (certainly)."""

    name: str

    def matches(self, document: Document) -> float: ...

    def location(self, document: Document) -> ParsedLocation: ...

    def parse(self, document: Document) -> list[ParsedInspection]: ...

"""The sample register, loaded once for all the document tests (they only read it), and PDF text helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.domain.actions import ActionFilter, SortKey
from core.services.app import Services, open_services
from core.services.context import ServiceContext
from core.services.demo import load_demo
from core.store.db import Database

NOW = dt.datetime(2026, 3, 2, 9, 30)
REFERENCE = re.compile(r"\b[A-Z]{3}-\d{4}-[MS]\d{2}\b")


def references(services: Services, flt: ActionFilter | None = None) -> set[str]:
    """The references of the actions the filter selects (all of them without one)."""
    ids = services.actions.ids(flt or ActionFilter(), SortKey.REFERENCE)
    return {a.reference for a in services.actions.summaries(ids)}


@pytest.fixture(scope="package")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Services on the sample data, at 2 Mar 2026 09:30, signed in as Tom Hughes. Read-only for the tests."""
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    services = open_services(ctx=ServiceContext(db=Database(path), actor="tester", clock=lambda: NOW))
    load_demo(services)
    services.sign_in(services.people.find("Tom Hughes").id)
    yield services
    services.close()


class Pdf:
    """A built PDF's pages as text, whitespace collapsed so wrapped table cells read as one line."""

    def __init__(self, data: bytes) -> None:
        assert data.startswith(b"%PDF-")
        self.reader = PdfReader(BytesIO(data))
        self.pages = [" ".join((page.extract_text() or "").split()) for page in self.reader.pages]
        self.text = " ".join(self.pages)

    def section(self, start: str, end: str | None = None) -> str:
        """The text from heading `start` to heading `end` (or the end)."""
        assert start in self.text, f"missing heading {start!r}"
        after = self.text.split(start, 1)[1]
        if end is None:
            return after
        assert end in after, f"missing heading {end!r}"
        return after.split(end, 1)[0]


def pdf_text(data: bytes) -> Pdf:
    return Pdf(data)

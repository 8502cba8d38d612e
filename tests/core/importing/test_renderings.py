"""Every seed and sample imports the same from a plain printing of its text (as a word processor prints a
text file: lines as written, TABs to tab stops, blank lines as space, no headings or tables), so the reader
works from positions alone; a history page printed this way once lost most of its older inspections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.importing import load_file
from tests.support.report_pdf import render_plain_pdf

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[2] / "resources" / "samples"
CASES = [("sample", p.stem) for p in sorted((HERE / "expected_samples").glob("*.json"))] + [
    ("seed", p.stem) for p in sorted((HERE / "expected_seeds").glob("*.json")) if p.stem[:3].isdigit()
]


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k not in ("source", "format")}


@pytest.mark.parametrize(("kind", "stem"), CASES)
def test_a_plain_printing_imports_to_the_expectation(kind: str, stem: str, tmp_path: Path, request) -> None:
    if kind == "seed":
        source = request.getfixturevalue("shared_dir") / "corpus" / "seeds" / f"{stem}.txt"
        want = json.loads((HERE / "expected_seeds" / f"{stem}.json").read_text(encoding="utf-8"))
    else:
        source = SAMPLES / f"{stem}.txt"
        want = json.loads((HERE / "expected_samples" / f"{stem}.json").read_text(encoding="utf-8"))
    pdf = render_plain_pdf(source.read_text(encoding="utf-8"), tmp_path / f"{stem}.pdf")
    got = _comparable(load_file(pdf).report.to_json_dict())
    want = _comparable(want)
    assert got["location"] == want["location"]
    assert [[a["text"] for a in i["actions"]] for i in got["inspections"]] == [
        [a["text"] for a in i["actions"]] for i in want["inspections"]
    ]
    assert got == want

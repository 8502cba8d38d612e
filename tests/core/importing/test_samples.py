"""Every fictional sample report in resources/samples/ imports to its hand-written expectation.

The expectations (expected_samples/<stem>.json) are ParsedReport.to_json_dict() without the
`source` and `format` keys; resources/samples/README.md explains the conventions they follow.
Each sample is checked twice: as text, and rendered to a PDF with running headers and footers,
page breaks inside paragraphs and wrapped bullets (tests/support/report_pdf.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.report_pdf import render_report_pdf, sample_title

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"
EXPECTED = Path(__file__).resolve().parent / "expected_samples"

SAMPLE_STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


def _expected(stem: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def _comparable(report_json: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report_json.items() if k not in ("source", "format")}


def _assert_matches(got: dict[str, Any], want: dict[str, Any]) -> None:
    # Compare piece by piece first so a failure names the part that differs.
    assert got.get("location") == want["location"]
    got_inspections = got.get("inspections", [])
    assert len(got_inspections) == len(want["inspections"])
    for got_i, want_i in zip(got_inspections, want["inspections"], strict=True):
        for key in want_i:
            if key == "actions":
                continue
            assert got_i.get(key) == want_i[key], key
        got_texts = [a["text"] for a in got_i["actions"]]
        want_texts = [a["text"] for a in want_i["actions"]]
        assert got_texts == want_texts
        for got_a, want_a in zip(got_i["actions"], want_i["actions"], strict=True):
            assert got_a == want_a
    assert got == want


def test_every_sample_has_an_expectation() -> None:
    assert SAMPLE_STEMS, f"no samples in {SAMPLES}"
    expected = sorted(p.stem for p in EXPECTED.glob("*.json"))
    assert expected == SAMPLE_STEMS


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_sample_text_imports_to_expectation(stem: str) -> None:
    from core.importing import load_text

    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    loaded = load_text(text, source=f"{stem}.txt")
    _assert_matches(_comparable(loaded.report.to_json_dict()), _expected(stem))


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_sample_pdf_imports_to_expectation(stem: str, tmp_path: Path) -> None:
    from core.importing import load_file

    want = _expected(stem)
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    newest = want["inspections"][0] if want["inspections"] else {}
    title = sample_title(want["location"]["name"], newest.get("published"))
    pdf = render_report_pdf(text, tmp_path / f"{stem}.pdf", title=title)
    loaded = load_file(pdf)
    got = _comparable(loaded.report.to_json_dict())
    _assert_matches(got, want)
    assert loaded.report.format.value == "pdf"


# ------------------------------------------------------------- the renderer itself (no parser)
def _pdf_body_text(pdf: Path, title: str) -> str:
    """pypdfium2 text of the PDF without the running header/footer, whitespace collapsed."""
    import re

    import pypdfium2 as pdfium

    furniture = [
        re.compile(rf"^\d+ {re.escape(title)}$"),
        re.compile(r"^Care Quality Commission \| www\.cqc\.org\.uk( Page \d+)?$"),
        re.compile(r"^Page \d+$"),
    ]
    doc = pdfium.PdfDocument(str(pdf))
    try:
        lines: list[str] = []
        for index in range(len(doc)):
            page_text = doc[index].get_textpage().get_text_range()
            for line in page_text.replace("\r", "").split("\n"):
                line = line.strip()
                if any(p.match(line) for p in furniture):
                    continue
                lines.append(re.sub(r"^•\s*", "", line))
    finally:
        doc.close()
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_rendered_pdf_carries_every_expected_action_text(stem: str, tmp_path: Path) -> None:
    want = _expected(stem)
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    title = sample_title(want["location"]["name"], want["inspections"][0].get("published"))
    pdf = render_report_pdf(text, tmp_path / f"{stem}.pdf", title=title)
    body = _pdf_body_text(pdf, title)
    for inspection in want["inspections"]:
        for action in inspection["actions"]:
            assert action["text"] in body
    assert want["location"]["name"] in body


def test_long_report_text_reaches_the_requested_length(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from tests.support.report_pdf import make_long_report_text

    text = make_long_report_text(24)
    pdf = render_report_pdf(text, tmp_path / "long.pdf", title="Harrowfield PET-CT Centre Inspection report")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        assert 18 <= len(doc) <= 32
    finally:
        doc.close()

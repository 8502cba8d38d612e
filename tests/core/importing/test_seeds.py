"""Every seed in ../shared/corpus/seeds and the real St Joseph's PDF import to their full expected extraction.

The expectations (expected_seeds/<stem>.json) were written from reading each report:
ParsedReport.to_json_dict() without `source`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.importing import load_file

EXPECTED = Path(__file__).resolve().parent / "expected_seeds"
SEED_STEMS = sorted(p.stem for p in EXPECTED.glob("*.json") if p.stem[:3].isdigit())


def _expected(stem: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def _check(got: dict[str, Any], want: dict[str, Any]) -> None:
    got = {k: v for k, v in got.items() if k != "source"}
    assert got["location"] == want["location"]
    assert len(got["inspections"]) == len(want["inspections"])
    for got_i, want_i in zip(got["inspections"], want["inspections"], strict=True):
        assert {k: v for k, v in got_i.items() if k != "actions"} == {
            k: v for k, v in want_i.items() if k != "actions"
        }
        assert [a["text"] for a in got_i["actions"]] == [a["text"] for a in want_i["actions"]]
    assert got == want


def test_every_seed_has_an_expectation(shared_dir: Path) -> None:
    seeds = sorted(p.stem for p in (shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert seeds and seeds == SEED_STEMS


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_imports_to_expectation(stem: str, shared_dir: Path) -> None:
    loaded = load_file(shared_dir / "corpus" / "seeds" / f"{stem}.txt")
    assert loaded.format.value == "text"
    _check(loaded.report.to_json_dict(), _expected(stem))


def test_real_care_home_pdf_imports_to_expectation(shared_dir: Path) -> None:
    pdf = shared_dir / "corpus" / "real" / "st-josephs-nursing-home-2020.pdf"
    loaded = load_file(pdf)
    assert loaded.source == "st-josephs-nursing-home-2020.pdf"
    assert loaded.format.value == "pdf"
    _check(loaded.report.to_json_dict(), _expected("st-josephs-nursing-home-2020"))
    # The running footer ("2 St Joseph's Nursing Home Inspection report 10 January 2020") is gone.
    assert "Inspection report 10 January 2020" not in loaded.text


def test_seed_counts(shared_dir: Path) -> None:
    """The headline numbers, so a wrong expectation file cannot hide a regression."""
    counts = {}
    for stem in SEED_STEMS:
        report = load_file(shared_dir / "corpus" / "seeds" / f"{stem}.txt").report
        counts[stem[:3]] = [len(i.actions) for i in report.inspections]
    assert counts == {"000": [2], "001": [2], "002": [0], "003": [3], "004": [0, 4, 12, 0, 0]}


def test_history_page_dates_and_kinds(shared_dir: Path) -> None:
    report = load_file(shared_dir / "corpus" / "seeds" / "004_3ab40004898717f7.txt").report
    review, routine, focused, *_ = report.inspections
    assert review.kind == "monthly review of our data" and review.inspection_dates == []
    assert review.assessment_date is not None and review.assessment_date.isoformat() == "2023-07-06"
    assert [d.isoformat() for d in focused.inspection_dates] == ["2019-01-15", "2019-01-28"]
    assert focused.overall_rating == "Requires improvement" and routine.overall_rating == "Good"


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_rendered_as_a_pdf_with_running_header_and_footer_imports_the_same(
    stem: str, shared_dir: Path, tmp_path: Path
) -> None:
    # CQC's own PDFs carry a running header and footer on every page; two seeds lost their location and
    # every action that way, and the SAF seed's quality-statement scores at the top of pages looked like
    # furniture.
    from tests.support.report_pdf import render_report_pdf, sample_title

    want = _expected(stem)
    published = want["inspections"][0].get("published") if want["inspections"] else None
    text = (shared_dir / "corpus" / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    pdf = render_report_pdf(
        text, tmp_path / f"{stem}.pdf", title=sample_title(want["location"]["name"], published)
    )
    got = load_file(pdf).report.to_json_dict()
    assert got["format"] == "pdf"
    _check({k: v for k, v in got.items() if k != "format"}, {k: v for k, v in want.items() if k != "format"})

"""Report import speed: a ~40-page report PDF parsed, extracted, and imported end to end into a fresh
database, against `pdftotext` on the same file; and a folder of 50 report PDFs imported in one go.

Goals (issue 9): parsing a 40-page report's text (layout choice, ratings, actions, key questions, self-check)
< 30 ms; importing the 40-page PDF end to end (extract in reading order, clean, parse, commit) within 2.5x of
`pdftotext` on the same file in the same run. The extraction alone is also shown against `pdftotext`, like for
like (both turn the whole PDF into text). Run alone: python -m benchmarks.bench_parse
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import partial
from pathlib import Path

from benchmarks.harness import Row, median_after, median_time, print_table
from core.domain.vocabulary import ReportFormat
from core.importing.normalise import normalise_text
from core.importing.pdf_text import pdf_to_text
from core.importing.report import parse_report
from core.paths import resource_path
from core.services.app import Services, open_services

FOLDER_SIZE = 50


def _long_pdf(folder: Path, pages: int = 40) -> Path:
    from tests.support.report_pdf import make_long_report_text, render_report_pdf

    return render_report_pdf(
        make_long_report_text(pages),
        folder / "long-report.pdf",
        title="Harrowfield PET-CT Centre Inspection report",
        pages_hint=pages,
    )


def _report_folder(folder: Path) -> Path:
    """50 distinct report PDFs: the samples, each location renamed with a number so each files anew."""
    import json

    from tests.support.report_pdf import render_report_pdf

    folder.mkdir()
    samples = sorted(resource_path("samples").glob("*.txt"))
    expected = Path(__file__).resolve().parents[1] / "tests" / "core" / "importing" / "expected_samples"
    for n in range(FOLDER_SIZE):
        sample = samples[n % len(samples)]
        text = sample.read_text(encoding="utf-8")
        location = json.loads((expected / f"{sample.stem}.json").read_text(encoding="utf-8"))["location"][
            "name"
        ]
        name = f"{location} {n + 1}"
        render_report_pdf(
            text.replace(location, name),
            folder / f"report-{n + 1:02d}.pdf",
            title=f"{name} Inspection report",
        )
    return folder


def _pdftotext(paths: list[Path]) -> None:
    for path in paths:
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)


def _fresh_database(folder: Path, counter: list[int]) -> Services:
    counter[0] += 1
    return open_services(folder / f"bench-{counter[0]}.sqlite3", create=True)


def _import(services: Services, paths: list[Path]) -> None:
    try:
        outcomes = services.imports.import_paths(paths)
        if any(o.report_id is None for o in outcomes):
            raise RuntimeError("; ".join(o.line() for o in outcomes))
    finally:
        services.close()


def run(runs: int = 7) -> list[Row]:
    has_pdftotext = shutil.which("pdftotext") is not None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = _long_pdf(folder)
        data = pdf.read_bytes()
        raw = pdf_to_text(data, pdf.name)
        text = normalise_text(raw)
        counter = [0]
        databases = folder / "databases"
        databases.mkdir()
        fresh = partial(_fresh_database, databases, counter)
        single = median_after(fresh, lambda services: _import(services, [pdf]), runs)
        baseline = median_time(lambda: _pdftotext([pdf]), runs) if has_pdftotext else None
        reports = sorted(_report_folder(folder / "fifty").glob("*.pdf"))
        fifty = median_after(fresh, lambda services: _import(services, reports), 3)
        fifty_baseline = median_time(lambda: _pdftotext(reports), 3) if has_pdftotext else None
        note = "" if has_pdftotext else "pdftotext not installed (apt-get install poppler-utils)"
        extract = median_time(lambda: pdf_to_text(data, pdf.name), runs)
        return [
            Row(
                "import: parse a 40-page report's text",
                median_time(lambda: parse_report(text, pdf.name, ReportFormat.PDF), runs, warmup=2),
                goal_s=0.03,
            ),
            Row(
                "import: clean a 40-page report's extracted text",
                median_time(lambda: normalise_text(raw), runs),
            ),
            Row("import: 40-page PDF to text in reading order", extract, baseline, "pdftotext", note=note),
            Row(
                "import: 40-page PDF end to end (extract, parse, commit)",
                single,
                baseline,
                "pdftotext",
                2.5 * baseline if baseline else None,
                note=note or "goal: within 2.5x of pdftotext",
            ),
            Row(
                f"import: a folder of {FOLDER_SIZE} report PDFs",
                fifty,
                fifty_baseline,
                "pdftotext on all",
                note=note,
            ),
        ]


if __name__ == "__main__":
    print_table(run())

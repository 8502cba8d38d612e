"""Report import speed: parse a ~40-page report's text, extract its PDF, and load_file end to end.

Run: python -m benchmarks.bench_parse [--pages 40] [--runs 7]
Goals: parsing the text < 50 ms; load_file < 0.3 s and within 4x of `pdftotext` (when installed).
Prints figures only; it never asserts a time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.harness import Row, median_time, print_table


def _build_pdf(folder: Path, pages: int) -> Path:
    """A long report PDF from the samples' renderer (running headers/footers, wrapped bullets, tables)."""
    from tests.support.report_pdf import make_long_report_text, render_report_pdf

    text = make_long_report_text(pages)
    return render_report_pdf(text, folder / "long-report.pdf", title="Harrowfield PET-CT Centre Inspection report",
                             pages_hint=pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import pypdfium2 as pdfium

    from core.domain.vocabulary import ReportFormat
    from core.importing import load_file
    from core.importing.normalise import normalise_text
    from core.importing.pdf_text import pdf_to_text
    from core.importing.report import parse_report

    with tempfile.TemporaryDirectory() as tmp:
        pdf = _build_pdf(Path(tmp), args.pages)
        data = pdf.read_bytes()
        document = pdfium.PdfDocument(data)
        page_count = len(document)
        document.close()
        raw = pdf_to_text(data, pdf.name)
        text = normalise_text(raw)
        loaded = load_file(pdf)
        print(f"{pdf.name}: {page_count} pages, {len(data) // 1024} KB, {len(text):,} characters of text, "
              f"{loaded.report.action_count} actions, ratings {len(loaded.report.inspections[0].ratings)}")

        rows = [
            Row("parse text (normalise + parse)", median_time(
                lambda: parse_report(normalise_text(raw), pdf.name, ReportFormat.PDF), args.runs), goal_s=0.05),
            Row("pypdfium2 extraction (geometry)", median_time(lambda: pdf_to_text(data, pdf.name), args.runs)),
        ]
        pdftotext = shutil.which("pdftotext")
        baseline = None
        if pdftotext:
            baseline = median_time(lambda: subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True),
                                   args.runs)
            rows.append(Row("pdftotext CLI (baseline)", baseline))
        end_to_end = median_time(lambda: load_file(pdf), args.runs)
        rows.append(Row("load_file end to end", end_to_end, baseline_s=baseline,
                        baseline="pdftotext" if baseline else "", goal_s=0.3))
        print_table(rows)
        if baseline:
            ratio = end_to_end / baseline
            print(f"load_file / pdftotext = {ratio:.2f}x (goal: within 4x) — {'pass' if ratio <= 4 else 'MISS'}")
        else:
            print("pdftotext is not installed: no baseline ratio (apt-get install poppler-utils)")


if __name__ == "__main__":
    main()

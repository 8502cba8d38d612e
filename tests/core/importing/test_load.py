"""The public API: files, folders, formats, encodings and every kind of bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from core import importing
from core.domain.errors import ReportImportError
from core.importing import SUPPORTED_SUFFIXES, find_report_files, load_file, load_text

REPORT = """\
Rowan Care Limited

Rowan Lodge

Inspection report

1 Rowan Way
Ashby
AB1 2CD
Tel: 01632 960111

Date of inspection visit: 14 May 2019
Date of publication: 03/07/2019

Ratings

Overall rating for this service\tGood
Is the service safe?\tGood
Is the service well-led?\tRequires improvement

Is the service well-led?

Our findings

We recommend the provider reviews its audits – it’s overdue.
"""


def test_public_api_is_exactly_the_documented_one() -> None:
    assert sorted(importing.__all__) == sorted(
        ["SUPPORTED_SUFFIXES", "load_file", "load_text", "find_report_files"]
    )
    assert SUPPORTED_SUFFIXES == frozenset({".pdf", ".html", ".htm", ".txt", ".text"})


def test_load_text_reports_source_hash_and_text() -> None:
    loaded = load_text(REPORT)
    assert loaded.source == "pasted text"
    assert loaded.sha256 == hashlib.sha256(REPORT.encode("utf-8")).hexdigest()
    assert loaded.format.value == "text" and "Rowan Lodge" in loaded.text
    assert loaded.report.location.postcode == "AB1 2CD"
    assert loaded.report.inspections[0].overall_rating == "Good"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-16", "utf-16-le", "utf-8"])
def test_text_files_in_any_common_encoding_decode_correctly(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode(encoding))
    loaded = load_file(path)
    assert loaded.source == "report.txt"
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    action = loaded.report.inspections[0].actions[0]
    assert action.text == "We recommend the provider reviews its audits – it’s overdue."


def test_saved_web_page_drops_scripts_and_keeps_blocks(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<script>var must = 'The provider must ensure';</script>"
        "<nav><ul><li>Hospital</li></ul></nav><h1>Kestrel Unit</h1>"
        "<p>Overall: Good read more about inspection ratings</p><p>1 Road, Town, KB3 5WD</p>"
        "<p>Provided and run by:<br>Meridian Ltd</p><h2>Latest inspection summary</h2>"
        "<h3>Overall inspection</h3><p>Good</p><p>Updated 3 July 2019</p>"
        "<p>However, we found areas of practice that the service needed to improve:</p>"
        "<ul><li>Cleaning records were not &amp; always completed.</li></ul></body></html>",
        encoding="utf-8",
    )
    loaded = load_file(page)
    assert loaded.format.value == "html"
    assert "var must" not in loaded.text and "color:red" not in loaded.text
    report = loaded.report
    assert (report.location.name, report.location.provider, report.location.postcode) == (
        "Kestrel Unit",
        "Meridian Ltd",
        "KB3 5WD",
    )
    assert [a.text for a in report.inspections[0].actions] == [
        "Cleaning records were not & always completed."
    ]


def test_find_report_files_expands_folders_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/z.pdf", "a.TXT", "b/c.htm", "notes.docx", "b/d.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    single = tmp_path / "notes.docx"
    found = find_report_files([tmp_path, single])
    assert found == [
        tmp_path / "a.TXT",
        tmp_path / "b" / "c.htm",
        tmp_path / "b" / "d.html",
        tmp_path / "b" / "z.pdf",
        single,
    ]
    with pytest.raises(ReportImportError, match=r"missing\.pdf does not exist"):
        find_report_files([tmp_path / "missing.pdf"])


# ------------------------------------------------------------------------------------ bad input
def _refusal(path: Path) -> str:
    with pytest.raises(ReportImportError) as caught:
        load_file(path)
    message = str(caught.value)
    assert path.name in message
    assert message.count(". ") == 0 and message.endswith("."), message  # one sentence
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "is empty" in _refusal(path)


def test_zero_length_pdf(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    path.write_bytes(b"")
    assert "is empty" in _refusal(path)


def _real_pdf(tmp_path: Path) -> bytes:
    from reportlab.pdfgen import canvas

    path = tmp_path / "made.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Overall rating for this service Good")
    pdf.drawString(72, 700, "Care Quality Commission inspection report for a test location.")
    pdf.save()
    return path.read_bytes()


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(_real_pdf(tmp_path)[:300])
    message = _refusal(path)
    assert "damaged" in message or "no text layer" in message


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    message = _refusal(path)
    assert "damaged" in message or "no text layer" in message


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    source = tmp_path / "plain.pdf"
    source.write_bytes(_real_pdf(tmp_path))
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "password-protected" in _refusal(path)


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 72, 400, 600, fill=1)
    pdf.save()
    assert "no text layer" in _refusal(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.docx", b"PK\x03\x04" + b"\x00" * 200),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(200)),
        ("noise.txt", bytes(range(256)) * 8),
        ("report.pdf", b"This is not really a PDF at all, just words."),
        ("table.xlsx", b"plain words in an unsupported kind of file"),
    ],
)
def test_binary_and_unsupported_files(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _refusal(path)


@pytest.mark.parametrize(
    "text",
    [
        "INVOICE 2041\nTo: Acme Ltd\nWidgets x 4 ........ £40.00\nTotal due by 30 June 2024: £48.00\n" * 3,
        "Chapter One\n\nIt was a bright cold day in April, and the clocks were striking thirteen. She must go, "
        "he said, and she should not look back.\n" * 5,
    ],
)
def test_documents_that_are_not_cqc_reports(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.txt"
    path.write_text(text, encoding="utf-8")
    assert "does not look like a CQC inspection report" in _refusal(path)
    with pytest.raises(ReportImportError, match=r"^pasted text does not look like"):
        load_text(text)


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(41 * 1024 * 1024)  # sparse: no 41 MB written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a huge file must not be read"))
    assert "40 MB" in _refusal(path)


def test_directory_and_symlink_to_directory(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(folder)
    assert "is a folder" in _refusal(folder)
    assert "is a folder" in _refusal(link)


def test_missing_path(tmp_path: Path) -> None:
    assert "does not exist" in _refusal(tmp_path / "gone.pdf")


def test_empty_pasted_text() -> None:
    with pytest.raises(ReportImportError, match=r"^pasted text is empty"):
        load_text("   \n\n ")


def test_a_text_pdf_too_short_to_be_a_report_is_not_called_a_scan(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "note.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Meeting moved to Tuesday.")
    pdf.save()
    message = _refusal(path)
    assert "scanned" not in message and "holds only 22 characters of text" in message


def test_a_cqc_document_with_nothing_extracted_is_kept_and_says_so() -> None:
    loaded = load_text(
        "Care Quality Commission\n\nFernlea House\n\nInspection report\n\nA note about our visits, "
        "which were postponed until later in the year.\n"
    )
    (inspection,) = loaded.report.inspections
    assert loaded.report.location.name == "Fernlea House"
    assert inspection.checks[0].startswith("No inspection or publication date, rating or action was found")

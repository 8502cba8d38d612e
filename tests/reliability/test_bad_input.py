"""Broken, empty, foreign and hostile files: one clear sentence each, and the database exactly as it was."""

import sqlite3
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core.cli.main import main
from core.paths import resource_path

SAMPLE = resource_path("samples") / "asc-inadequate-care-home-2022.txt"


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as raw:
        return list(raw.iterdump())


def text_pdf(path: Path, lines: list[str]) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n, line in enumerate(lines):
        pdf.drawString(50, 800 - 14 * (n % 50), line[:100])
        if n % 50 == 49:
            pdf.showPage()
    pdf.save()
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt("secret")
    with path.open("wb") as out:
        writer.write(out)
    return path


def image_only_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.save()
    return path


def bad_files(folder: Path) -> dict[str, Path]:
    report_pdf = text_pdf(folder / "report.pdf", SAMPLE.read_text(encoding="utf-8").splitlines())
    good = report_pdf.read_bytes()
    files = {
        "empty": folder / "empty.txt",
        "zero-length pdf": folder / "zero.pdf",
        "truncated pdf": folder / "truncated.pdf",
        "corrupted pdf": folder / "corrupted.pdf",
        "encrypted pdf": encrypted_pdf(folder / "encrypted.pdf", report_pdf),
        "image-only pdf": image_only_pdf(folder / "scan.pdf"),
        "huge file": folder / "huge.txt",
        "one 1 MB line": folder / "oneline.txt",
        "invoice": folder / "invoice.txt",
        "novel chapter": folder / "chapter.txt",
        "binary": folder / "photo.png",
        "unsupported type": folder / "minutes.docx",
    }
    files["empty"].write_bytes(b"")
    files["zero-length pdf"].write_bytes(b"")
    files["truncated pdf"].write_bytes(good[: len(good) // 3])
    files["corrupted pdf"].write_bytes(good[:200] + bytes(range(256)) * 40 + good[-100:])
    with files["huge file"].open("wb") as out:
        out.write(b"Lorem ipsum dolor sit amet. " * (50 * 1024 * 1024 // 28 + 1))
    files["one 1 MB line"].write_text("word " * 210_000, encoding="utf-8")
    files["invoice"].write_text(
        "INVOICE 2041\nBill to: Ashcombe Dental Ltd\nScale and polish x 14   £840.00\n"
        "VAT 20%   £168.00\nTotal due   £1,008.00\nPayment within 30 days.\n",
        encoding="utf-8",
    )
    files["novel chapter"].write_text(
        "Chapter One\n\nIt was a bright cold day in April, and the clocks were striking thirteen. "
        "She knew she must leave before dawn, and that she should not look back.\n" * 40,
        encoding="utf-8",
    )
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    files["unsupported type"].write_bytes(b"PK\x03\x04" + bytes(500))
    return files


@pytest.fixture
def seeded_db(tmp_path: Path) -> Path:
    db = tmp_path / "seeded.sqlite3"
    assert main(["init", str(db)]) == 0
    assert main(["--db", str(db), "import", str(resource_path("samples") / "gp-practice-2018.txt")]) == 0
    return db


def test_every_bad_file_is_refused_in_one_sentence_and_nothing_changes(tmp_path, seeded_db, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    files = bad_files(folder)
    capsys.readouterr()
    for label, path in files.items():
        before = dump(seeded_db)
        code = main(["--db", str(seeded_db), "import", str(path)])
        _out, err = capsys.readouterr()
        assert code != 0, label
        assert path.name in err, (label, err)
        assert err.count("\n") == 1 and "Traceback" not in err, (label, err)
        assert dump(seeded_db) == before, label


def test_missing_path_and_symlink_to_a_folder(tmp_path, seeded_db, capsys):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path)
    for path in (tmp_path / "no-such-report.pdf", link):
        before = dump(seeded_db)
        capsys.readouterr()
        code = main(["--db", str(seeded_db), "parse", str(path)])
        err = capsys.readouterr().err
        assert code == 2 and path.name in err and err.count("\n") == 1
        assert dump(seeded_db) == before
        code = main(["--db", str(seeded_db), "import", str(path)])
        err = capsys.readouterr().err
        assert code != 0 and path.name in err and err.count("\n") == 1, err
        assert dump(seeded_db) == before


def test_legacy_encodings_and_scripted_html_still_import(tmp_path, capsys):
    text = SAMPLE.read_text(encoding="utf-8").replace("’", "'").replace("–", "-").replace("●", "*")
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes((text.replace("Care", "Café Care", 1)).encode("cp1252"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    html = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    html.write_text(
        f"<html><head><style>p {{ color: red }}</style><script>alert('must not run')</script>"
        f"</head><body style='margin:0'>{body}</body></html>",
        encoding="utf-8",
    )
    for path in (cp1252, bom, html):
        code = main(["parse", str(path), "--json"])
        out = capsys.readouterr().out
        assert code == 0, path
        assert "alert(" not in out and "color: red" not in out
        assert '"warning-notice"' in out

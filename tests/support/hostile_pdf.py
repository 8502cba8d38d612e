"""Small PDFs built to be expensive to read, written by hand (no large files are kept in the repository).

- expanding_pdf: one page whose content stream is a few MB compressed and `expanded_mb` once inflated.
- many_pages_pdf: a plain text page repeated `pages` times.
"""

from __future__ import annotations

import zlib
from pathlib import Path

_CHUNK = b"% padding " + b" " * (1024 * 1024 - 11) + b"\n"  # a comment line: valid, and draws nothing


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def expanding_pdf(path: Path, expanded_mb: int) -> Path:
    """A page that says 'Inspection report' and then inflates to expanded_mb megabytes of content."""
    packer = zlib.compressobj(9)
    body = [packer.compress(b"BT /F1 12 Tf 72 720 Td (Inspection report) Tj ET\n")]
    body += [packer.compress(_CHUNK) for _ in range(expanded_mb)]
    body.append(packer.flush())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        _stream(b"".join(body), "/Filter /FlateDecode "),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_pdf(objects))
    return path


def many_pages_pdf(path: Path, pages: int, lines: list[str]) -> Path:
    """`pages` pages, each showing `lines` (shared content stream, so the file stays small)."""
    text = (
        b"BT /F1 10 Tf 12 TL 50 700 Td "
        + b"".join(
            b"("
            + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")
            + b") ' "
            for line in lines
        )
        + b"ET"
    )
    kids = " ".join(f"{5 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _stream(text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources << /Font << /F1 4 0 R >> >> >>"
        )
    ] * pages
    path.write_bytes(_pdf(objects))
    return path

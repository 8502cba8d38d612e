"""Evidence names with folders or '..' never escape the folder they are saved into."""

import pytest

from core.services.evidence import safe_file_name


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\evil.bat", "evil.bat"),
    ("..", "evidence"),
    ("con:report?.pdf", "con_report_.pdf"),
    ("  .hidden. ", "hidden"),
    ("Audit – Chloé.pdf", "Audit – Chloé.pdf"),
])
def test_safe_file_name(name, expected):
    assert safe_file_name(name) == expected


def test_saved_copy_stays_inside_the_folder(services, register, tmp_path):
    sneaky = tmp_path / "..\\..\\escape.txt"  # a legal file name on POSIX
    sneaky.write_text("evidence", encoding="utf-8")
    evidence = services.evidence.attach_file(register["must"].id, sneaky)
    assert evidence.original_name == "escape.txt"
    folder = tmp_path / "open"
    saved = services.evidence.save_copy(evidence.id, folder)
    assert saved.parent == folder.resolve()
    assert saved.read_text(encoding="utf-8") == "evidence"

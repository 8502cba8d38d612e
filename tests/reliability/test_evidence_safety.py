"""Evidence names with folders or '..' never escape the folder they are saved into."""

import pytest

from core.domain.errors import FileWriteError
from core.services.evidence import safe_file_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\evil.bat", "evil.bat"),
        ("..", "evidence"),
        ("con:report?.pdf", "con_report_.pdf"),
        ("  .hidden. ", "hidden"),
        ("Audit – Chloé.pdf", "Audit – Chloé.pdf"),
    ],
)
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


def _attached(services, register, tmp_path, name="minutes.pdf", content=b"%PDF minutes"):
    source = tmp_path / name
    source.write_bytes(content)
    return services.evidence.attach_file(register["must"].id, source)


def test_opening_the_same_evidence_again_reuses_the_copy_without_writing(
    services, register, tmp_path, monkeypatch
):
    """On Windows the reader showing the first copy keeps it locked: a second write would fail."""
    evidence = _attached(services, register, tmp_path)
    folder = tmp_path / "open"
    first = services.evidence.save_copy(evidence.id, folder)

    def locked(self, data):
        raise PermissionError(
            13, "The process cannot access the file because it is being used by another process"
        )

    monkeypatch.setattr(type(first), "write_bytes", locked)
    assert services.evidence.save_copy(evidence.id, folder) == first
    assert first.read_bytes() == b"%PDF minutes"


def test_a_copy_that_cannot_be_written_is_one_sentence_naming_it(services, register, tmp_path, monkeypatch):
    evidence = _attached(services, register, tmp_path)
    folder = tmp_path / "open"
    (folder / f"{evidence.id}-minutes.pdf").parent.mkdir()
    (folder / f"{evidence.id}-minutes.pdf").write_bytes(b"an older, different file")

    def locked(self, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(folder), "write_bytes", locked)
    with pytest.raises(
        FileWriteError,
        match=rf"{evidence.id}-minutes.pdf could not be written: Candour is not "
        r"allowed to write there \(the file may be open in another program\)",
    ):
        services.evidence.save_copy(evidence.id, folder)


def test_a_long_name_is_shortened_keeping_its_extension(services, register, tmp_path):
    evidence = _attached(services, register, tmp_path, name="A" * 200 + ".pdf")
    saved = services.evidence.save_copy(evidence.id, tmp_path / "open")
    assert saved.suffix == ".pdf" and len(saved.name) <= len(f"{evidence.id}-") + 120
    assert saved.read_bytes() == b"%PDF minutes"

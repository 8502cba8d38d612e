"""Writing files where Windows differs: a file open in another program cannot be replaced there."""

import errno
import os

import pytest

from core.domain.errors import FileWriteError
from core.files import write_bytes


def test_a_target_locked_by_another_program_is_left_whole_with_one_sentence(tmp_path, monkeypatch):
    """Windows refuses to replace a PDF that a reader has open (a sharing violation, EACCES)."""
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF the plan the reader shows")

    def sharing_violation(source, destination):
        raise PermissionError(
            errno.EACCES, "The process cannot access the file because it is being used by another process"
        )

    monkeypatch.setattr(os, "replace", sharing_violation)
    with pytest.raises(FileWriteError) as caught:
        write_bytes(target, b"%PDF a new plan")
    assert str(caught.value) == (
        f"{target} could not be written: Candour is not allowed to write there (the file "
        "may be open in another program)."
    )
    assert target.read_bytes() == b"%PDF the plan the reader shows"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]  # no partial file left beside it

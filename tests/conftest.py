"""Shared fixtures. Qt runs offscreen; every test gets its own database file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip with a message where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared CQC corpus is not beside this checkout")
    return SHARED

"""The command line run in-process on the test's database, with the small register loaded."""

import pytest

from core.cli.main import main


@pytest.fixture
def cli(db_path, register, capsys):
    """Run `candour --db <test db> --user cli-user ARGS...`; returns (exit status, stdout, stderr)."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--user", "cli-user", *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run

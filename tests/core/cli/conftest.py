"""The command line run in-process on the test's database, with the small register loaded."""

import pytest

from core.cli.main import main


@pytest.fixture
def cli(database_target, register, capsys):
    """Run `candour --db <test db> --user 'Sam Reid' ARGS...` (or as `user`); returns (exit status, stdout,
    stderr)."""

    def run(*args: str, user: str = "Sam Reid") -> tuple[int, str, str]:
        code = main(["--db", database_target, "--user", user, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run

"""The command line's commands. The `candour` entry point is `desktop.main`, which opens the window when it is
given no command and hands every command to `main` here; core never loads the desktop."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from core import __version__
from core.cli import (
    actions_cmd,
    database_cmd,
    documents_cmd,
    evidence_cmd,
    import_cmd,
    people_cmd,
    sources_cmd,
    steps_cmd,
    sync_cmd,
    team_cmd,
    transfer_cmd,
)
from core.cli.common import CommandError, ServicesFactory
from core.cli.output import TerminalText, one_line
from core.domain.errors import CandourError
from core.services.app import Services, open_services

COMMAND_MODULES = (
    actions_cmd,
    steps_cmd,
    sources_cmd,
    people_cmd,
    import_cmd,
    sync_cmd,
    documents_cmd,
    transfer_cmd,
    database_cmd,
    evidence_cmd,
    team_cmd,
)
# Called with (--db, --user) when no command is given; returns the exit status.
WindowOpener = Callable[[str | None, str | None], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="candour", description="Track CQC inspection actions to closure. With no command, opens the app."
    )
    parser.add_argument(
        "--db", help="database file path or SQLAlchemy URL (default: CANDOUR_DB or your data folder)"
    )
    parser.add_argument(
        "--user", help="who you are: the name of a person in the database (default: CANDOUR_USER)"
    )
    parser.add_argument("--version", action="version", version=f"candour {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, open_window: WindowOpener | None = None) -> int:
    real_out, real_err = sys.stdout, sys.stderr
    # Without a console (Windows' candour-app, the bundled Candour.exe) there are no streams to wrap.
    if real_out is not None:
        sys.stdout = TerminalText(real_out)
    if real_err is not None:
        sys.stderr = TerminalText(real_err)
    try:
        return run(argv, open_window)
    finally:
        sys.stdout, sys.stderr = real_out, real_err


def run(argv: Sequence[str] | None = None, open_window: WindowOpener | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    opened: list[Services] = []

    def open_db() -> Services:
        if not opened:
            opened.append(open_services(args.db, user=args.user))
            require_identity(args, opened[0])
        return opened[0]

    try:
        if args.command is None:
            if open_window is None:
                parser.print_usage(sys.stderr)
                print("candour: choose a command (see 'candour --help').", file=sys.stderr)
                return 2
            return open_window(args.db, args.user)
        handler: Callable[[argparse.Namespace, ServicesFactory], int] = args.handler
        return handler(args, open_db)
    except (CandourError, CommandError) as error:
        print(f"candour: {one_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("candour: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `candour actions | head`: the reader has all it wanted, which is not an error
        _discard_stdout()
        return 0
    finally:
        for services in opened:
            services.close()


def require_identity(args: argparse.Namespace, services: Services) -> None:
    """A command that changes the database must say who is making the change, once the database has
    people to be (a new database has nobody yet, so its first import or sample data needs no name)."""
    if getattr(args, "writes", False) and services.identity is None and services.people.list():
        raise CommandError(
            f"'candour {args.command}' changes the database, so it needs to know who you are: "
            "give --user NAME (someone 'candour people' lists) or set CANDOUR_USER."
        )


def _discard_stdout() -> None:
    """Point stdout at the null device, so Python's final flush at exit does not fail on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())

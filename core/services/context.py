"""What every service shares: the database, who is acting, and the clock."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from dataclasses import dataclass, field

from core.clock import local_now
from core.domain.identity import Identity
from core.store.db import Database


def account_name() -> str:
    """The operating system's account name: recorded only while nobody has signed in as a person."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def _now() -> dt.datetime:
    return local_now().replace(microsecond=0)


@dataclass
class ServiceContext:
    """`actor` is the name written into the record; once a person signs in it is always theirs."""

    db: Database
    actor: str = field(default_factory=account_name)
    clock: Callable[[], dt.datetime] = _now
    identity: Identity | None = None
    administrator: bool = False  # the server login that owns the tables (candour team ...): sets up people
    team: bool = False  # signed in by a server login: the server's roles apply, and are checked here first

    def sign_in(self, identity: Identity | None) -> None:
        self.identity = identity
        if identity is not None:
            self.actor = identity.name

    def now(self) -> dt.datetime:
        return self.clock()

    def now_utc(self) -> dt.datetime:
        """The same instant in UTC, with its offset (the clock reads the computer's local time)."""
        return self.clock().astimezone(dt.UTC)

    def today(self) -> dt.date:
        return self.clock().date()

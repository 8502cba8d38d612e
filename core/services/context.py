"""What every service shares: the database, who is acting, and the clock."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from core.store.db import Database


def default_actor() -> str:
    """The OS account name, unless CANDOUR_USER says otherwise."""
    configured = os.environ.get("CANDOUR_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class ServiceContext:
    db: Database
    actor: str = field(default_factory=default_actor)
    clock: Callable[[], dt.datetime] = _now

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

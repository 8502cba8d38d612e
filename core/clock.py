"""Candour's wall clock. Times are kept as local wall-clock time without an offset (as the database stores
them and people read them); this is the one place that reads the system clock for them."""

from __future__ import annotations

import datetime as dt


def local_now() -> dt.datetime:
    """Now, as local wall-clock time without an offset."""
    return dt.datetime.now(dt.UTC).astimezone().replace(tzinfo=None)


def local_today() -> dt.date:
    return local_now().date()


def file_stamp() -> str:
    """Now for a file name, e.g. '20260302-093000' (sorts in time order, no characters Windows refuses)."""
    return local_now().strftime("%Y%m%d-%H%M%S")

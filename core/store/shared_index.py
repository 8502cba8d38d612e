"""A leftover -shm file Candour may not write (left by another user, or marked read-only) would keep a
writable database read-only: SQLite opens such an index read-only and refuses every write.

The -shm file is SQLite's shared index of the -wal, rebuilt from the -wal by the first connection to open
the database. So when Candour may not write it but may write the database and its folder, it checks that
no other program has the database open by taking SQLite's exclusive lock (a connection in exclusive locking
mode keeps its index in its own memory and never opens the -shm file; the lock is refused while anyone else
has the database open). Holding that lock, the index is stale by definition, and Candour removes it so the
database opens writable. If another program has the database open, the file is left alone, and a save says
which file stands in the way.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path


def index_of(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def unwritable_index(path: Path) -> bool:
    """Whether path's -shm exists and Candour may not write it."""
    index = index_of(path)
    return index.exists() and not os.access(index, os.W_OK)


def remove_stale_index(path: Path) -> bool:
    """Remove path's unwritable -shm when the database and its folder are writable and nobody has the
    database open; True when it was removed."""
    if not unwritable_index(path) or not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return False
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=0)) as probe:
            probe.isolation_level = None
            probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")  # refused while any other connection has the database open
            probe.execute("COMMIT")  # the exclusive lock stays until the connection closes
            _remove(index_of(path))
            return True
    except (sqlite3.Error, OSError):
        return False


def _remove(index: Path) -> None:
    try:
        index.unlink()
    except PermissionError:  # Windows deletes no read-only file: make it writable first
        index.chmod(stat.S_IREAD | stat.S_IWRITE)
        index.unlink()

"""Whether a database file's write-ahead log (its -wal file) belongs to it, checked before SQLite opens it.

SQLite cannot tell: it applies any valid -wal beside a database file to that file, so a database replaced
(by a backup copied over it, or by another database) while its old -wal remained would take on pages of a
different state or file. Candour therefore stamps every write transaction: the database header's
user_version (a field SQLite leaves to the application) holds a write stamp, random for each database at
its first write and one more at each write after. The -wal's committed frames carry the stamps of the
transactions in it (each writes the header page, page 1). The log belongs to the file when the file's stamp
is one of them (part of the log is already copied into the file), or the one just before the first (none
is yet). A database without a stamp (never written by this Candour) or a log without page 1 cannot be
checked, and is opened as SQLite would.

The log's format: https://www.sqlite.org/fileformat2.html#walformat (a 32-byte header, then frames of a
24-byte header and one page; a frame counts when its salts match the header's and the running checksum
holds, and frames count up to the last commit frame).
"""

from __future__ import annotations

import secrets
import struct
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.domain.errors import DatabaseError

_MAGIC = (0x377F0682, 0x377F0683)  # the low bit says the checksums read the words big-endian
_HEADER = 32
_FRAME_HEADER = 24
_STAMP_OFFSET = 60  # user_version, in the database header at the start of page 1
_STAMPS = 2**31 - 1


def stamp_write(session: Session) -> None:
    """Within a write transaction on SQLite: the next write stamp into the database header."""
    current = int(session.execute(text("PRAGMA user_version")).scalar() or 0)
    following = current % _STAMPS + 1 if current else secrets.randbelow(_STAMPS) + 1
    session.execute(text(f"PRAGMA user_version = {following}"))


def refuse_foreign_log(path: Path) -> None:
    """One sentence, and nothing opened, when path's -wal holds another file's (or another state's) pages."""
    log = path.with_name(path.name + "-wal")
    try:
        with path.open("rb") as database:
            header = database.read(100)
        stamps = list(_committed_stamps(log))
    except OSError:
        return  # unreadable here: opening it says why
    if len(header) < 100 or not stamps:
        return
    stamp = struct.unpack(">I", header[_STAMP_OFFSET : _STAMP_OFFSET + 4])[0]
    if stamp == 0 or stamp in stamps or stamp % _STAMPS + 1 == stamps[0]:
        return
    raise DatabaseError(
        f"{log} does not belong to {path.name}: the database file was replaced while this log of its "
        f"earlier content remained, so Candour did not open it; move {log.name} (and {path.name}-shm, if "
        "there is one) out of the folder, keeping them, and open the database again."
    )


def _committed_stamps(log: Path) -> Iterator[int]:
    """The write stamps in the log's committed page-1 frames, in log order."""
    if not log.is_file() or log.stat().st_size <= _HEADER:
        return
    with log.open("rb") as wal:
        header = wal.read(_HEADER)
        magic, _version, page_size, _sequence, salt1, salt2, check1, check2 = struct.unpack(">8I", header)
        if magic not in _MAGIC or page_size < 512 or page_size & (page_size - 1):
            return  # not a log SQLite would use
        order = ">" if magic & 1 else "<"
        sums = _checksum(header[:24], order, (0, 0))
        if sums != (check1, check2):
            return
        pending: list[int] = []
        while len(frame := wal.read(_FRAME_HEADER + page_size)) == _FRAME_HEADER + page_size:
            page, size_after, frame_salt1, frame_salt2, sum1, sum2 = struct.unpack(">6I", frame[:24])
            if (frame_salt1, frame_salt2) != (salt1, salt2):
                return
            sums = _checksum(frame[:8] + frame[24:], order, sums)
            if sums != (sum1, sum2):
                return
            if page == 1:
                offset = _FRAME_HEADER + _STAMP_OFFSET
                pending.append(struct.unpack(">I", frame[offset : offset + 4])[0])
            if size_after:  # a commit frame: what came before it is committed
                yield from pending
                pending = []


def _checksum(data: bytes, order: str, start: tuple[int, int]) -> tuple[int, int]:
    """SQLite's WAL checksum: two running 32-bit sums over pairs of 32-bit words."""
    first, second = start
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for even, odd in zip(words[::2], words[1::2], strict=True):
        first = (first + even + second) & 0xFFFFFFFF
        second = (second + odd + first) & 0xFFFFFFFF
    return first, second

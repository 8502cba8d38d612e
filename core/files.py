"""Writing files the user asked for so that a failure never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from core.domain.errors import FileWriteError

_REASONS = {
    errno.EACCES: "Candour is not allowed to write there",
    errno.EPERM: "Candour is not allowed to write there",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "its folder does not exist",
    errno.EISDIR: "that name is a folder",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
}


def write_error(target: Path, error: OSError) -> FileWriteError:
    """One sentence naming the file and why it could not be written."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or str(error)).rstrip(".").lower()
    if error.errno in (errno.EACCES, errno.EPERM) and target.exists():
        reason += " (the file may be open in another program)"
    return FileWriteError(f"{target} could not be written: {reason}.")


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A not-yet-existing path beside `target` to write to; it replaces `target` when the block succeeds.

    When the block fails the partial file is removed and `target` is left as it was. An OSError (an
    unwritable folder, a full disk) comes out as a FileWriteError naming `target`.
    """
    target = Path(target)
    if target.is_dir():
        raise write_error(target, IsADirectoryError(errno.EISDIR, "Is a directory"))
    # Created by the writer itself, so the final file gets the user's usual permissions (umask).
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        yield partial
        os.replace(partial, target)
    except OSError as error:
        raise write_error(target, error) from error
    finally:
        with suppress(OSError):  # gone already after a successful replace
            partial.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    """Write data to target in one piece (see replacing)."""
    with replacing(target) as partial:
        partial.write_bytes(data)

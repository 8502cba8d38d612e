"""Writing files the user asked for so that a failure never leaves half a file behind."""

from __future__ import annotations

import atexit
import errno
import os
import secrets
import shutil
import tempfile
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
        sync_file(partial)
        partial.replace(target)
        sync_folder(target.parent)
    except OSError as error:
        raise write_error(target, error) from error
    finally:
        with suppress(OSError):  # gone already after a successful replace
            partial.unlink(missing_ok=True)


def sync_file(path: Path) -> None:
    """Force the file's content to the disk, so a power cut after the rename cannot leave it empty."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Force the folder's entry (the rename) to the disk. Windows cannot open a folder; NTFS logs it."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_bytes(target: Path, data: bytes) -> None:
    """Write data to target in one piece (see replacing)."""
    with replacing(target) as partial:
        partial.write_bytes(data)


_private: list[Path] = []


def private_temp_folder() -> Path:
    """This process's own temporary folder (mkdtemp: a fresh name, readable only by this user), removed on
    exit. Never a shared, predictable path, where someone else's symlink could redirect what is written."""
    if not _private or not _private[0].is_dir():
        _private[:] = [Path(tempfile.mkdtemp(prefix="candour-"))]
        atexit.register(shutil.rmtree, _private[0], ignore_errors=True)
    return _private[0]

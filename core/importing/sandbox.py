"""Reading a PDF's text in a separate process, within a memory allowance and a time limit.

A PDF is a program for a page: a 1 MB file can expand to gigabytes, or to hundreds of thousands of
separately placed letters. The reader (core.importing.pdf_text) therefore runs in a child process:

- The parent watches the child's memory (psutil, on every platform, Windows included) and stops it
  when it passes MEMORY_LIMIT; the user is told "this PDF would need more than 1 GB to read".
- On POSIX the child also gets a hard address-space limit (resource.setrlimit) a little above that, so a
  sudden allocation between two looks cannot take the computer's memory either. Windows has no
  setrlimit; there the watching parent is the limit (a job object would need pywin32).
- The parent stops a child that runs longer than TIME_LIMIT_S.

Whatever happens in the child, the caller gets the text or a ReportImportError with one sentence.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import psutil

from core.domain.errors import ReportImportError

MEMORY_LIMIT = 1024 * 1024 * 1024
TIME_LIMIT_S = 180.0
_POLL_S = 0.02
_HARD_LIMIT_FACTOR = 1.5  # the POSIX backstop, above the watched allowance
_PRELOAD = ["core.importing.pdf_text", "pypdfium2", "pypdf"]


def pdf_to_text_bounded(data: bytes, name: str, *, memory_limit: int = 0, time_limit: float = 0.0) -> str:
    """pdf_to_text(data, name), run in a child process within memory_limit bytes and time_limit seconds."""
    memory_limit = memory_limit or MEMORY_LIMIT
    time_limit = time_limit or TIME_LIMIT_S
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(sender, data, name, memory_limit), daemon=True)
    child.start()
    sender.close()
    try:
        outcome = _wait(child, receiver, memory_limit, time_limit)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    return _result(outcome, name, memory_limit, time_limit)


def _context() -> Any:
    if sys.platform == "win32" or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")  # a clean, pre-loaded parent: ~20 ms a child
    context.set_forkserver_preload(_PRELOAD)
    return context


def _wait(child: BaseProcess, receiver: Connection, memory_limit: int, time_limit: float) -> tuple[str, Any]:
    """('ok', text), ('refused', sentence), ('memory', None), ('time', None) or ('died', exit code)."""
    deadline = time.monotonic() + time_limit
    watched = _process(child.pid)
    while True:
        if receiver.poll(_POLL_S):
            try:
                outcome: tuple[str, Any] = receiver.recv()
                return outcome
            except EOFError:  # the child ended without a word: killed by the system, or crashed
                child.join()
                return ("died", child.exitcode)
        if not child.is_alive() and not receiver.poll(0):
            return ("died", child.exitcode)
        if _resident(watched) > memory_limit:
            return ("memory", None)
        if time.monotonic() > deadline:
            return ("time", None)


def _process(pid: int | None) -> psutil.Process | None:
    try:
        return psutil.Process(pid) if pid else None
    except psutil.Error:
        return None


def _resident(process: psutil.Process | None) -> int:
    try:
        return process.memory_info().rss if process is not None else 0
    except psutil.Error:
        return 0


def _result(outcome: tuple[str, Any], name: str, memory_limit: int, time_limit: float) -> str:
    kind, value = outcome
    if kind == "ok":
        return str(value)
    if kind == "refused":
        raise ReportImportError(str(value))
    if kind == "memory" or (kind == "died" and sys.platform != "win32" and value is not None and value < 0):
        raise ReportImportError(
            f"{name} was not imported: this PDF would need more than "
            f"{_size(memory_limit)} to read (it may be built to exhaust memory)."
        )
    if kind == "time":
        raise ReportImportError(
            f"{name} was not imported: reading it took longer than {time_limit:.0f} seconds "
            "(it may be built to never finish)."
        )
    raise ReportImportError(
        f"{name} could not be read: the PDF reader stopped on it, so nothing was imported."
    )


def _size(limit: int) -> str:
    gigabytes = limit / (1024**3)
    return f"{gigabytes:g} GB" if gigabytes >= 1 else f"{limit // (1024**2)} MB"


def _read_in_child(sender: Connection, data: bytes, name: str, memory_limit: int) -> None:
    _limit_address_space(memory_limit)
    from core.importing.pdf_text import pdf_to_text

    try:
        sender.send(("ok", pdf_to_text(data, name)))
    except ReportImportError as error:
        sender.send(("refused", str(error)))
    except MemoryError:
        sender.send(("memory", None))
    finally:
        sender.close()


def _limit_address_space(memory_limit: int) -> None:
    """POSIX only: a hard ceiling on the child's address space, above what it has mapped already."""
    if sys.platform == "win32":
        return
    import resource

    mapped = psutil.Process(os.getpid()).memory_info().vms
    ceiling = mapped + int(memory_limit * _HARD_LIMIT_FACTOR)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))

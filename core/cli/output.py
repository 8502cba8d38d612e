"""Everything the command line prints goes through here: control characters never reach the terminal.

A name, note or file name holding an escape sequence (ESC [ 2 K erases a line), a carriage return or a
backspace could otherwise forge or hide what Candour prints. `TerminalText` wraps stdout and stderr and
drops such characters; `one_line` also folds line breaks in values that belong on one line (a name in a
table, a file name in an import summary), so they cannot start a line of their own.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that reorder text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def terminal_safe(text: str) -> str:
    """Text without characters a terminal would act on instead of showing (tabs and newlines stay)."""
    return _CONTROL.sub("", text)


def one_line(value: object) -> str:
    """A value shown within one line: line breaks become ' ⏎ ', control characters go."""
    return terminal_safe(_BREAKS.sub(" ⏎ ", str(value)))


class TerminalText:
    """A text stream that passes everything on except control characters."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> object:  # encoding, isatty, fileno ... of the real stream
        return getattr(self.stream, name)

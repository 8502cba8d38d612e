"""ServerWatch: whether the team's server answers, said in one line while it does not.

The server is lost when a save or read found it gone (`report`) or when the change feed's own connection
broke; the feed tries again every two seconds. It is back when the feed is connected again and a moment has
passed since the last failure: then `back` fires, the line goes, the views re-read what they show (the feed
announces everything it missed) and the open editors save the typing that was waiting. Nothing is
half-written meanwhile: every change is one transaction, and one that did not reach the server changed
nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.widgets.info_bar import InfoBar

SETTLE_S = 1.0  # after a failure, how long the feed must stay connected before saving again


class ServerWatch(QObject):
    back = Signal()

    def __init__(
        self,
        line: InfoBar,
        reachable: Callable[[], bool],
        server: str,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.line = line
        self.reachable = reachable
        self.server = server
        self.clock = clock
        self.lost = False
        self._since = 0.0

    def report(self, sentence: str) -> None:
        """A read or write found the server gone (the sentence says how): say so, and wait for it."""
        self.lost, self._since = True, self.clock()
        self.line.setToolTip(sentence)
        self.line.show_message(
            f"The server {self.server} is not answering. Candour keeps trying; what you typed is kept "
            "and saved when it is back."
        )

    def check(self) -> None:
        """From the window's live timer: notice a lost feed, or the server's return."""
        if not self.reachable():
            if not self.lost:
                self.report(f"The connection to the server {self.server} was lost.")
            else:
                self._since = self.clock()
            return
        if self.lost and self.clock() - self._since >= SETTLE_S:
            self.lost = False
            self.line.hide()
            self.back.emit()

"""Sizing windows for the screens people have: a 1280x720 or 1366x768 laptop at 100 %, or 1920x1080 at 150 %
(the same 1280x720 in Qt's logical pixels)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window frame and title bar, which a window's own size does not include.
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(window: QWidget) -> QRect:
    """The screen area a window may use (the work area: without the task bar)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, preferred: QSize) -> QSize:
    """Resize to `preferred`, or as much of it as the screen's work area allows; returns the size set."""
    area = available_area(window).size() - FRAME_ALLOWANCE
    size = preferred.boundedTo(area).expandedTo(window.minimumSizeHint().boundedTo(area))
    window.resize(size)
    return size

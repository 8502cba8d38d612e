"""Stands in for a main-window view whose module is not installed in this build."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.panel import Panel


class PlaceholderPanel(Panel):
    def __init__(self, label: str, *args: Any) -> None:
        super().__init__(*args)
        note = QLabel(f"{label} is not available in this build.")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setEnabled(False)
        QVBoxLayout(self).addWidget(note)

"""Line icons from resources/icons, drawn in the palette's text colour so they suit light and dark themes."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from core.paths import resource_path

_SIZES = (16, 20, 24, 32, 48)


def icon(name: str) -> QIcon:
    """The named icon tinted for the current palette (empty icon when the file is missing)."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return _icon(name, colour)


@lru_cache(maxsize=64)
def _icon(name: str, colour: str) -> QIcon:
    path = resource_path(f"icons/{name}.svg")
    result = QIcon()
    if not path.exists():
        return result
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result

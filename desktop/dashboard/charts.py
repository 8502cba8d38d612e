"""Dashboard charts (QtCharts): actions by location and by key question, and overdue over time.

Every bar carries its count as a label and the legend names each status, so nothing relies on colour.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from core.domain.registry import CountByStatus
from core.domain.vocabulary import Rag
from desktop.theme import RAG_COLOURS

TOP_LOCATIONS = 15
NAME_CHARS = 28
# (label, CountByStatus field, colour): open actions, as the tiles count them (open or in progress); actions
# awaiting verification have their own tile.
SERIES = (("Open", "open", "#505a5f"), ("In progress", "in_progress", RAG_COLOURS[Rag.AMBER]))


def chart_view(title: str, parent: QWidget | None = None) -> QChartView:
    view = QChartView(parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(title)
    view.setMinimumHeight(180)
    view.setChart(_styled(QChart(), title))
    return view


def _replace(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)
    if old is not None:
        old.deleteLater()  # setChart only releases the old chart


def _styled(chart: QChart, title: str) -> QChart:
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    chart.setTitle(title)
    chart.setTitleBrush(text)
    font = chart.titleFont()
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    chart.setBackgroundRoundness(4)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setLabelColor(text)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _axis_colours(axis: QBarCategoryAxis | QValueAxis) -> None:
    palette = QGuiApplication.palette()
    axis.setLabelsColor(palette.color(QPalette.ColorRole.WindowText))
    grid = palette.color(QPalette.ColorRole.Mid)
    axis.setGridLineColor(grid)
    axis.setLinePenColor(grid)


def _short(name: str) -> str:
    """A category label: shortened, and escaped because QtCharts renders axis labels as HTML."""
    return escape(name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…")


def show_status_bars(view: QChartView, title: str, rows: list[CountByStatus], empty: str) -> None:
    """Horizontal stacked bars, one per row (first row at the top), one segment per live status."""
    chart = _styled(QChart(), title)
    rows = [r for r in rows if r.live]
    if not rows:
        chart.setTitle(f"{title} — {empty}")
        _replace(view, chart)
        return
    rows = list(reversed(rows))  # Qt draws the first category at the bottom
    series = QHorizontalStackedBarSeries()
    for label, field, colour in SERIES:
        bars = QBarSet(label)
        bars.setColor(QColor(colour))
        bars.setBorderColor(QColor(colour))
        bars.setLabelColor(QColor("#ffffff"))
        bars.append([float(getattr(r, field)) for r in rows])
        series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setBarWidth(0.7)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([_short(r.label) for r in rows])
    categories.setTruncateLabels(False)  # names are already shortened; QtCharts would cut them to "..."
    values = QValueAxis()
    whole_numbers(values, max(r.live for r in rows))
    for axis, side in ((categories, Qt.AlignmentFlag.AlignLeft), (values, Qt.AlignmentFlag.AlignBottom)):
        _axis_colours(axis)
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    _replace(view, chart)
    view.setMinimumHeight(max(180, 40 + 18 * len(rows)))


def top_locations(rows: list[CountByStatus]) -> list[CountByStatus]:
    return sorted(rows, key=lambda r: (-r.live, r.label.casefold()))[:TOP_LOCATIONS]


def show_trend(view: QChartView, title: str, points: list[tuple[dt.date, int]]) -> None:
    """Overdue actions at each month end (and today), as a line with every point labelled."""
    chart = _styled(QChart(), title)
    chart.legend().hide()
    if not points:
        chart.setTitle(f"{title} — no data yet")
        _replace(view, chart)
        return
    line = QLineSeries()
    line.setName("Overdue actions")
    line.setColor(QColor(RAG_COLOURS[Rag.RED]))
    line.setPointsVisible(True)
    line.setMarkerSize(9)  # a single point (data that starts this month) must still be seen
    line.setPointLabelsVisible(True)
    line.setPointLabelsFormat("@yPoint")
    line.setPointLabelsColor(QGuiApplication.palette().color(QPalette.ColorRole.WindowText))
    for n, (_date, count) in enumerate(points):
        line.append(QPointF(n, count))
    chart.addSeries(line)
    months = QBarCategoryAxis()
    months.append([_month_label(date, n == len(points) - 1) for n, (date, _c) in enumerate(points)])
    counts = QValueAxis()
    whole_numbers(counts, max(c for _d, c in points), headroom=True)
    for axis, side in ((months, Qt.AlignmentFlag.AlignBottom), (counts, Qt.AlignmentFlag.AlignLeft)):
        _axis_colours(axis)
        chart.addAxis(axis, side)
        line.attachAxis(axis)
    _replace(view, chart)


MAX_TICKS = 6


def whole_numbers(axis: QValueAxis, highest: int, *, headroom: bool = False) -> None:
    """An axis of counts from 0 with ticks at whole numbers: a step of 1, 2 or 5 times a power of ten, and at
    most MAX_TICKS of them (more labels than a short chart has room for are cut to "...")."""
    highest, extra = max(highest, 1), 1 if headroom else 0  # headroom: room above for the point labels
    step = next(
        n * 10**power
        for power in range(12)
        for n in (1, 2, 5)
        if math.ceil(highest / (n * 10**power)) + extra < MAX_TICKS
    )
    top = step * (math.ceil(highest / step) + extra)
    axis.setLabelFormat("%d")
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)


def _month_label(date: dt.date, is_today: bool) -> str:
    # Month names only: the axis is too narrow for years, and the title says "month end".
    return "Today" if is_today else date.strftime("%b")

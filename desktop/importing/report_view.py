"""Read-only widgets describing an extracted report: its location and each inspection with rating chips."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.domain.parsed import ParsedInspection, ParsedLocation, ParsedReport
from core.domain.vocabulary import ActionKind
from desktop.locations.rating_chips import rating_chip_colour, ratings_row, short_rating
from desktop.widgets.chips import CHIP_COLOUR_ROLE, ChipDelegate
from desktop.widgets.date_button import format_date
from desktop.widgets.plain_text import plain_label

NOT_STATED = "not stated"


def _value(text: str | None) -> QLabel:
    label = plain_label(text or NOT_STATED)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setEnabled(bool(text))  # "not stated" reads as greyed out
    return label


def location_box(location: ParsedLocation) -> QGroupBox:
    """Two columns of facts, so the box stays short and leaves room for the actions."""
    box = QGroupBox("Location")
    left, right = QFormLayout(), QFormLayout()
    left.addRow("Name:", _value(location.name))
    left.addRow("Address:", _value(location.address))
    left.addRow("Postcode:", _value(location.postcode))
    right.addRow("Provider:", _value(location.provider))
    right.addRow("Phone:", _value(location.phone))
    if location.archived:
        right.addRow("Status:", _value("Archived (no longer registered)"))
    row = QHBoxLayout(box)
    row.addLayout(left, 3)
    row.addSpacing(16)
    row.addLayout(right, 2)
    return box


def inspection_title(inspection: ParsedInspection) -> str:
    if inspection.inspection_dates:
        dates = ", ".join(format_date(d) for d in inspection.inspection_dates)
        return f"Inspection visited {dates}"
    if inspection.assessment_date:
        return f"Assessment of {format_date(inspection.assessment_date)}"
    return f"Inspection published {format_date(inspection.published, 'on an unknown date')}"


def inspection_box(inspection: ParsedInspection) -> QGroupBox:
    box = QGroupBox(inspection_title(inspection))
    layout = QVBoxLayout(box)
    facts = [inspection.kind.capitalize() if inspection.kind else "Full inspection report"]
    if inspection.published:
        facts.append(f"published {format_date(inspection.published)}")
    if inspection.assessment_date:
        facts.append(f"assessed {format_date(inspection.assessment_date)}")
    facts.append(f"actions found: {_action_counts(inspection)}")
    layout.addWidget(_value(" · ".join(facts)))
    if inspection.overall_rating or inspection.ratings:
        layout.addWidget(ratings_row(inspection.overall_rating, inspection.ratings, inspection.scores))
    else:
        layout.addWidget(_value("This report gives no ratings."))
    if inspection.service_ratings:
        layout.addWidget(plain_label("Service ratings:"))
        layout.addWidget(service_ratings_table(inspection))
    return box


def _action_counts(inspection: ParsedInspection) -> str:
    kinds = Counter(a.kind for a in inspection.actions)
    if not inspection.actions:
        return "none"
    return f"{kinds[ActionKind.MUST]} MUST, {kinds[ActionKind.SHOULD]} SHOULD"


def service_ratings_table(inspection: ParsedInspection) -> QTableView:
    """Services down, 'Overall' and key questions across, each cell a rating chip."""
    services = inspection.service_ratings
    columns: list[str] = []
    for ratings in services.values():
        columns += [c for c in ratings if c not in columns]
    columns.sort(key=lambda c: (c != "overall", c))
    model = QStandardItemModel(len(services), len(columns) + 1)
    model.setHorizontalHeaderLabels(["Service"] + [c.capitalize() for c in columns])
    for row, (service, ratings) in enumerate(services.items()):
        model.setItem(row, 0, _item(service, service))
        for col, question in enumerate(columns, start=1):
            rating = ratings.get(question)
            item = _item(short_rating(rating), f"{service}, {question}: {rating or 'no rating'}")
            if colour := rating_chip_colour(rating):
                item.setData(colour, CHIP_COLOUR_ROLE)
            model.setItem(row, col, item)
    return _fitted_table(model, columns)


def _item(text: str, tip: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip(tip)
    item.setData(tip, Qt.ItemDataRole.AccessibleTextRole)
    return item


def _fitted_table(model: QStandardItemModel, columns: list[str]) -> QTableView:
    table = QTableView()
    table.setAccessibleName("Service ratings")
    table.setModel(model)
    model.setParent(table)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setItemDelegate(ChipDelegate(table))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, len(columns) + 1):
        table.setColumnWidth(col, 96)
    visible_rows = min(model.rowCount(), 8)
    table.setFixedHeight(header.sizeHint().height() + visible_rows * 26 + 4)
    return table


def report_details(report: ParsedReport) -> QWidget:
    """The location and every inspection, stacked; goes inside a scroll area."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(location_box(report.location))
    for inspection in report.inspections:
        layout.addWidget(inspection_box(inspection))
    if not report.inspections:
        layout.addWidget(_value("No inspection was recognised in this document."))
    layout.addStretch(1)
    return widget

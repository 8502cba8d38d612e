"""Options of the provider's action plan for CQC: the location and the inspection whose breaches it
answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from core.domain.documents import CqcPlanOptions
from core.domain.registry import InspectionSummary, LocationSummary
from desktop.documents.options_dialog import OptionsDialog

InspectionsFn = Callable[[int], list[InspectionSummary]]
GapsFn = Callable[[CqcPlanOptions], list[str]]


def gaps_warning(gaps: list[str]) -> str:
    """The warning shown before printing a plan with requirements that have no steps yet."""
    many = len(gaps) != 1
    return (
        f"Warning: {len(gaps)} requirement{'s have' if many else ' has'} no steps planned yet "
        f"({', '.join(gaps)}). The plan will print 'No steps planned yet' for {'them' if many else 'it'}: "
        "add the steps in the action editor before sending it to CQC."
    )


def inspection_label(inspection: InspectionSummary) -> str:
    """e.g. '14 Sep 2021, routine inspection: Requires improvement, 7 actions'."""
    text = inspection.describe_dates() + (f", {inspection.kind}" if inspection.kind else "")
    count = f"{inspection.action_count} action{'s' if inspection.action_count != 1 else ''}"
    return (
        f"{text}: {inspection.overall_rating}, {count}" if inspection.overall_rating else f"{text}: {count}"
    )


class CqcPlanDialog(OptionsDialog):
    """Locations with breaches come first and can be chosen; the others are listed, greyed out."""

    def __init__(
        self,
        locations: Sequence[LocationSummary],
        inspections: InspectionsFn,
        preselect: int | None = None,
        parent: QWidget | None = None,
        *,
        gaps: GapsFn | None = None,
    ) -> None:
        super().__init__(
            "CQC action plan",
            "The provider's action plan for CQC after requirement or warning "
            "notices: per regulation breached, what was wrong, the actions being taken, by whom, "
            "by when, and how they will be monitored.",
            parent,
        )
        self._found: dict[int, list[InspectionSummary]] = {loc.id: inspections(loc.id) for loc in locations}
        self._gaps = gaps or (lambda _options: [])
        self.gaps: list[str] = []
        self.location = QComboBox()
        self.inspection = QComboBox()
        self._fill_locations(locations)
        self.add_row("&Location:", self.location)
        self.add_row("&Inspection:", self.inspection)
        self.order_tabs(self.location, self.inspection)
        self.location.currentIndexChanged.connect(self._on_location_changed)
        self.inspection.currentIndexChanged.connect(self._describe)
        self._choose(preselect)
        self._on_location_changed()

    def _fill_locations(self, locations: Sequence[LocationSummary]) -> None:
        with_breaches = [loc for loc in locations if self._found[loc.id]]
        without = [loc for loc in locations if not self._found[loc.id]]
        model = self.location.model()
        assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
        for loc in with_breaches:
            self.location.addItem(loc.name, loc.id)
        for loc in without:
            self.location.addItem(f"{loc.name} (no breaches)", loc.id)
            item = model.item(self.location.count() - 1)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip("No inspection of this location found breaches of the regulations.")

    def _choose(self, location_id: int | None) -> None:
        """The given location when it has breaches, else the first that has."""
        index = self.location.findData(location_id) if location_id is not None else -1
        if index < 0 or not self._found.get(location_id or -1):
            index = 0
        self.location.setCurrentIndex(index)

    @property
    def location_id(self) -> int | None:
        value = self.location.currentData()
        return value if value is not None and self._found.get(value) else None

    def options(self) -> CqcPlanOptions:
        location_id = self.location_id
        if location_id is None:
            raise ValueError("No location with breaches is chosen.")
        return CqcPlanOptions(location_id=location_id, inspection_id=self.inspection.currentData())

    def _on_location_changed(self, *_args: object) -> None:
        self.inspection.blockSignals(True)
        self.inspection.clear()
        for inspection in self._found.get(self.location_id or -1, []):
            self.inspection.addItem(inspection_label(inspection), inspection.id)
        self.inspection.setEnabled(self.inspection.count() > 0)
        self.inspection.blockSignals(False)
        self._describe()

    def _describe(self, *_args: object) -> None:
        if self.location_id is None:
            self.show_summary(
                "No location has breaches of the regulations, so there is no CQC action plan to print.",
                ready=False,
            )
            return
        inspection = self._found[self.location_id][max(0, self.inspection.currentIndex())]
        self.gaps = self._gaps(self.options())
        text = (
            f"{self.location.currentText()}'s action plan answering the breaches found at the "
            f"inspection of {inspection.describe_dates()}."
        )
        self.show_summary(text + ("\n\n" + gaps_warning(self.gaps) if self.gaps else ""))

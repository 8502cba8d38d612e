"""The editor's main tab: the action text, owner, due date (with slippage), priority, status, success
measure, verification and where the action came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionDetail
from core.domain.vocabulary import ActionStatus, KeyQuestion, KeyQuestionSource, Priority
from core.domain.wording import signed_days
from core.domain.workflow import Transition
from desktop.editor.controller import EditorController
from desktop.widgets.date_button import DateButton, format_date
from desktop.widgets.plain_text import plain_label

ADD_PERSON = "add"


def _label(text: str = "") -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SavingTextBox(QWidget):
    """A text box with a Save button that is enabled only when the text differs from what was loaded.

    show_value() never overwrites unsaved typing, so a reload after a conflict loses nothing.
    """

    def __init__(self, name: str, placeholder: str, save_text: str = "Save") -> None:
        super().__init__()
        self.name = name
        self.loaded_value = ""
        self.seen_value = ""  # what was loaded when the typing began: someone may have saved since
        self.edit = QPlainTextEdit(placeholderText=placeholder)
        self.edit.setAccessibleName(name)
        self.edit.setTabChangesFocus(True)
        self.save_button = QPushButton(save_text)
        self.save_button.setEnabled(False)
        self.save_button.setAccessibleName(f"{save_text} {name.lower()}")
        self.edit.textChanged.connect(lambda: self.save_button.setEnabled(self.dirty))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    @property
    def dirty(self) -> bool:
        return self.edit.toPlainText() != self.loaded_value

    def show_value(self, value: str) -> None:
        keep = self.dirty
        self.loaded_value = value
        if not keep:
            self.seen_value = value
            self.edit.setPlainText(value)
        self.save_button.setEnabled(self.dirty)

    def replace_typing(self, value: str) -> None:
        """The user chose the saved version over what they typed."""
        self.loaded_value = self.seen_value = value
        self.edit.setPlainText(value)
        self.save_button.setEnabled(False)


class OverviewTab(QWidget):
    def __init__(self, ctl: EditorController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = ctl
        self.text = SavingTextBox("Action text", "What must be done", "Save text")
        self.text.edit.setReadOnly(True)
        self.text.save_button.hide()
        self.edit_toggle = QPushButton("Edit text")
        self.edit_toggle.setCheckable(True)
        self.edit_toggle.setAccessibleName("Edit the action text")
        self.edit_toggle.toggled.connect(self._on_edit_toggled)
        self.text.save_button.clicked.connect(self._on_save_text)
        self.measure = SavingTextBox(
            "Success measure", "What closed looks like: how you will know it is done"
        )
        self.measure.save_button.clicked.connect(self.save_measure)
        self._build_fields()
        self.source = _label()
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self._lay_out()
        ctl.loaded.connect(self.show_detail)
        ctl.typing_replaced.connect(self._on_typing_replaced)

    def _build_fields(self) -> None:
        self.owner = QComboBox()
        self.owner.setAccessibleName("Owner")
        self.owner.activated.connect(self._on_owner_chosen)
        self.due = DateButton()
        self.due.setAccessibleName("Due date")
        self.due.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.due.date_chosen.connect(self._on_due_chosen)
        self.due_history = _label()
        self.priority = QComboBox()
        self.priority.setAccessibleName("Priority")
        for priority in Priority:
            self.priority.addItem(priority.label, priority.value)
        self.priority.activated.connect(
            lambda _i: self.ctl.set_priority(Priority(self.priority.currentData()))
        )
        self.key_question = QComboBox()
        self.key_question.setAccessibleName("Key question")
        self.key_question.addItem("Not stated", None)
        for question in KeyQuestion:
            self.key_question.addItem(question.label, question.value)
        self.key_question.activated.connect(
            lambda _i: self.ctl.set_key_question(
                KeyQuestion(self.key_question.currentData()) if self.key_question.currentData() else None
            )
        )
        self.status = _label()
        self.status.setTextFormat(Qt.TextFormat.RichText)  # a bold label; the words are escaped
        self.status_buttons: dict[Transition, QPushButton] = {}
        self.status_menu_button = QPushButton("Change status")
        self.status_menu_button.setAccessibleName("Change status")
        self.status_menu_button.setMenu(QMenu(self.status_menu_button))
        self.status_row = QHBoxLayout()
        self.verification = _label()

    def _lay_out(self) -> None:
        text_box = QGroupBox("What must be done")
        text_layout = QVBoxLayout(text_box)
        text_layout.addWidget(self.text)
        toggle_row = QHBoxLayout()
        toggle_row.addWidget(self.edit_toggle)
        toggle_row.addStretch(1)
        toggle_row.addWidget(self.text.save_button)
        text_layout.addLayout(toggle_row)
        measure_box = QGroupBox("Success measure")
        QVBoxLayout(measure_box).addWidget(self.measure)
        left = QVBoxLayout()
        left.addWidget(text_box, 1)
        left.addWidget(measure_box, 1)
        tracking = QGroupBox("Tracking")
        form = QFormLayout(tracking)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Due:", self.due)
        form.addRow("", self.due_history)
        form.addRow("&Priority:", self.priority)
        form.addRow("&Key question:", self.key_question)
        form.addRow("Status:", self.status)
        form.addRow("", self._status_widget())
        form.addRow("Verification:", self.verification)
        source = QGroupBox("Source")
        QVBoxLayout(source).addWidget(self.source)
        right = QVBoxLayout()
        right.addWidget(tracking)
        right.addWidget(source)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def _status_widget(self) -> QWidget:
        holder = QWidget()
        self.status_row.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(self.status_row)
        for transition in Transition:
            button = QPushButton(transition.label)
            button.setAccessibleName(transition.label)
            button.clicked.connect(lambda _c=False, t=transition: self.ctl.transition(t))
            self.status_buttons[transition] = button
            self.status_row.addWidget(button)
        self.status_row.addWidget(self.status_menu_button)
        self.status_row.addStretch(1)
        return holder

    # -- detail -> widgets ------------------------------------------------------------------------

    def show_detail(self, detail: ActionDetail) -> None:
        s = detail.summary
        self.text.show_value(s.text)
        self.measure.show_value(detail.success_measure or "")
        self._show_owner(detail)
        self.due.set_date(s.due)
        self.due_history.setText(due_history(detail))
        self.due_history.setVisible(bool(self.due_history.text()))
        self.priority.setCurrentIndex(self.priority.findData(s.priority.value))
        self.key_question.setCurrentIndex(
            max(self.key_question.findData(s.key_question.value if s.key_question else None), 0)
        )
        self.status.setText(f"<b>{escape(s.status.label)}</b>")
        self._show_transitions(detail)
        self.verification.setText(verification_text(detail))
        self.source.setText(source_html(detail))
        self._lock(detail.locked)
        if not detail.locked:
            source = s.key_question_source
            self.key_question.setToolTip(KEY_QUESTION_SOURCES.get(source, "") if source is not None else "")

    def _lock(self, locked: bool) -> None:
        """A verified action's fields are shown but cannot be changed (the services refuse it too)."""
        tip = "Verified: reopen the action to change it." if locked else ""
        for widget in (self.owner, self.due, self.priority, self.key_question, self.edit_toggle):
            widget.setEnabled(not locked)
            widget.setToolTip(tip)
        if locked:
            self.edit_toggle.setChecked(False)
        self.measure.edit.setReadOnly(locked)

    def _show_owner(self, detail: ActionDetail) -> None:
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem("No owner", None)
        for person in self.ctl.services.people.list(include_left=False):
            self.owner.addItem(person.name, person.id)
        owner_id = detail.summary.owner_id
        if owner_id is not None and self.owner.findData(owner_id) < 0:
            self.owner.addItem(f"{detail.summary.owner_name} (left)", owner_id)
        self.owner.insertSeparator(self.owner.count())
        self.owner.addItem("Add person…", ADD_PERSON)
        self.owner.setCurrentIndex(max(self.owner.findData(owner_id), 0))
        self.owner.blockSignals(False)

    def _show_transitions(self, detail: ActionDetail) -> None:
        menu = self.status_menu_button.menu()
        menu.clear()
        for transition, button in self.status_buttons.items():
            offered = transition in detail.transitions
            refusal = detail.transitions.get(transition)
            button.setVisible(offered)
            button.setEnabled(offered and refusal is None)
            button.setToolTip(refusal or f"{transition.label}: {transition.target.label}")
            if offered:
                # Always enabled, so a refused step can be clicked and explained.
                menu.addAction(transition.label, partial(self.ctl.transition, transition))
        self.status_menu_button.setEnabled(bool(detail.transitions))

    # -- widgets -> controller ----------------------------------------------------------------------

    def _on_owner_chosen(self, _index: int) -> None:
        data = self.owner.currentData()
        if data == ADD_PERSON:
            data = self.ctl.add_person()
            if data is None:
                self.show_detail(self.ctl.detail)
                return
        if not self.ctl.set_owner(data):
            self.show_detail(self.ctl.detail)

    def _on_due_chosen(self, due: dt.date | None) -> None:
        if not self.ctl.set_due(due):
            self.due.set_date(self.ctl.detail.summary.due)

    def _on_edit_toggled(self, editing: bool) -> None:
        self.text.edit.setReadOnly(not editing)
        self.text.save_button.setVisible(editing)
        self.edit_toggle.setText("Stop editing" if editing else "Edit text")
        if editing:
            self.text.edit.setFocus()

    def _on_save_text(self) -> None:
        self.save_text()

    def save_text(self) -> bool:
        saved = self.ctl.set_text(self.text.edit.toPlainText(), seen=self.text.seen_value)
        if saved:
            self.edit_toggle.setChecked(False)
        return saved

    def save_measure(self) -> bool:
        return self.ctl.set_success_measure(self.measure.edit.toPlainText(), seen=self.measure.seen_value)

    def unsaved(self) -> list[tuple[str, Callable[[], bool]]]:
        """(what, how to save it) for each box with typing not yet saved."""
        boxes = ((self.text, self.save_text), (self.measure, self.save_measure))
        return [(box.name.lower(), save) for box, save in boxes if box.dirty]

    def _on_typing_replaced(self, fields: set[str]) -> None:
        detail = self.ctl.detail
        if "text" in fields:
            self.text.replace_typing(detail.summary.text)
            self.edit_toggle.setChecked(False)
        if "success_measure" in fields:
            self.measure.replace_typing(detail.success_measure or "")


def due_history(detail: ActionDetail) -> str:
    s = detail.summary
    lines = []
    if s.original_due and s.original_due != s.due:
        slipped = f" ({signed_days(s.slipped_days)})" if s.slipped_days else ""
        lines.append(f"Originally due {format_date(s.original_due)}{slipped}")
    for change in reversed(detail.due_changes):
        lines.append(
            f"{format_date(change.changed_at)}: {format_date(change.old_due, 'none')} → "
            f"{format_date(change.new_due, 'none')} — {change.reason} ({change.changed_by})"
        )
    return "\n".join(lines)


def verification_text(detail: ActionDetail) -> str:
    if detail.verified_at:
        note = f" — {detail.verification_note}" if detail.verification_note else ""
        return f"Verified by {detail.verifier_name} on {format_date(detail.verified_at)}{note}"
    if detail.completed_at:
        return (
            f"Completed by {detail.completed_by} on {format_date(detail.completed_at)}; awaiting "
            "verification by someone other than the owner."
        )
    if detail.summary.status is ActionStatus.NOT_APPLICABLE:
        reason = detail.not_applicable_reason
        return f"Not needed: {reason}" if reason else "Not needed."
    return "Not yet completed. Verification must be by someone other than the owner."


KEY_QUESTION_SOURCES = {
    KeyQuestionSource.STATED: "Placed by the report.",
    KeyQuestionSource.REGULATION: "Taken from the regulation cited.",
    KeyQuestionSource.NONE: "The report did not place it and its regulation implies none.",
    KeyQuestionSource.USER: "Set by a person.",
}


def source_html(detail: ActionDetail) -> str:
    s, src = detail.summary, detail.source
    rows = [
        ("Location", s.location_name),
        ("Origin", s.origin.label),
        ("Report", src.report_file or "Added in Candour"),
        ("Inspected", ", ".join(format_date(d) for d in src.inspection_dates)),
        ("Inspection", src.inspection_kind),
        ("Section", src.section),
        (
            "Key question",
            (s.key_question.label if s.key_question else "Not stated")
            + (
                f" ({KEY_QUESTION_SOURCES[s.key_question_source].lower().rstrip('.')})"
                if s.key_question_source in KEY_QUESTION_SOURCES
                else ""
            ),
        ),
        ("Service", s.service),
        ("Regulated activity", src.regulated_activity),
    ]
    rows = [(k, escape(v)) for k, v in rows if v]
    if s.regulation:
        statute = f"<br><i>{escape(s.regulation.statute.value)}</i>" if s.regulation.statute else ""
        rows.append(("Regulation", escape(s.regulation.cite()) + statute))  # already escaped
    cells = "".join(
        f"<tr><td style='padding-right:10px'><b>{escape(k)}</b></td><td>{v}</td></tr>" for k, v in rows if v
    )
    return f"<table>{cells}</table>"

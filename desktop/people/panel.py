"""PeoplePanel: owners and verifiers, their unclosed actions, and leaving with a hand-over."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from core.domain.actions import ActionFilter
from core.domain.changes import Changes, Entity
from core.domain.registry import Person
from core.domain.vocabulary import Access
from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.locations.row_model import ROW_ROLE, Column, RowFilterProxy, RowTableModel
from desktop.panel import Panel
from desktop.people.person_dialog import PersonDialog
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings
from desktop.widgets.date_button import format_date
from desktop.widgets.plain_text import plain_label
from desktop.widgets.table_kit import EmptyHint, make_table, restore_header, save_header

TABLE_KEY = "people"
NOBODY = "Nobody — leave their actions without an owner"


def _state(p: Person) -> str:
    return (
        "Active" if p.active else f"Left {format_date(p.left_at.date() if p.left_at else None, '')}".strip()
    )


def people_columns() -> list[Column[Person]]:
    return [
        Column("Name", lambda p: p.name),
        Column("Role", lambda p: p.role or ""),
        Column("E-mail", lambda p: p.email or ""),
        Column(
            "Unclosed actions",
            lambda p: str(p.open_actions),
            sort=lambda p: p.open_actions,
            numeric=True,
            tip=lambda p: "Open, in progress or awaiting verification",
        ),
        Column("State", _state, sort=lambda p: 0 if p.active else 1),
        Column(
            "In Candour",
            lambda p: p.access.label,
            tip=lambda p: "What they may do in Candour (a governance lead gives roles)",
        ),
    ]


def _actions(count: int) -> str:
    return f"{count} action" if count == 1 else f"{count} actions"


class PeoplePanel(Panel):
    title = "People"
    shows = frozenset({Entity.PERSON})  # an action's owner change lists its old and new owner here

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, runner, dialogs, settings, parent)
        self.model: RowTableModel[Person] = RowTableModel(
            people_columns(), self, muted=lambda p: not p.active
        )
        self.proxy = RowFilterProxy(lambda p: f"{p.name} {p.role or ''} {p.email or ''}", self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("People", self.proxy, {0: 200, 1: 220, 2: 240, 3: 120})
        self.table.activated.connect(self._on_activated)
        self.empty_hint = EmptyHint(
            self.table,
            "No people yet. Add the people who own and verify actions with "
            "Add person…, or when you assign an owner in an action.",
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.person_dialog: PersonDialog | None = None
        self.show_left = QCheckBox("Show people who have &left")
        self.show_left.setChecked(settings.show_left_people)
        self.show_left.toggled.connect(self._on_show_left)
        self.buttons = {
            key: QPushButton(text)
            for key, text in (
                ("add", "&Add person…"),
                ("edit", "&Edit…"),
                ("hand_over", "&Hand over…"),
                ("leave", "Lea&ves…"),
                ("rejoin", "Re&join"),
                ("access", "Role in &Candour…"),
                ("register", "Show their a&ctions"),
            )
        }
        for key, handler in (
            ("add", self.add_person),
            ("edit", self.edit_person),
            ("hand_over", self.hand_over),
            ("access", self.set_access),
            ("leave", self.leave),
            ("rejoin", self.rejoin),
            ("register", self.show_their_actions),
        ):
            self.buttons[key].clicked.connect(handler)
        self.buttons["leave"].setToolTip("Mark as left and hand their unclosed actions to someone")
        self._lay_out()
        self._on_show_left(self.show_left.isChecked())
        restore_header(self.table, self, TABLE_KEY)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch(1)
        hint = plain_label("Double-click a person to list the actions they own.")
        hint.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_left)
        bottom.addStretch(1)
        bottom.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # -- Panel ---------------------------------------------------------------------------------------

    def load(self, changes: Changes) -> Callable[[], list[Person]]:
        return self.services.people.list

    def show_loaded(self, data: list[Person], changes: Changes) -> None:
        selected = self.selected()
        self.model.set_rows(data)
        if selected is not None:
            self.select_person(selected.id)
        self._update_buttons()

    def save_state(self) -> None:
        save_header(self.table, self, TABLE_KEY)

    # -- selection -----------------------------------------------------------------------------------

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_person(self, person_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).id == person_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        person = self.selected()
        for key in ("edit", "register", "access"):
            self.buttons[key].setEnabled(person is not None)
        self.buttons["leave"].setEnabled(person is not None and person.active)
        self.buttons["hand_over"].setEnabled(person is not None and person.open_actions > 0)
        self.buttons["rejoin"].setEnabled(person is not None and not person.active)

    def _on_show_left(self, shown: bool) -> None:
        self.settings.show_left_people = shown
        self.proxy.set_accept((lambda _p: True) if shown else (lambda p: p.active))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(ROW_ROLE) is not None:
            self.show_their_actions()

    # -- commands ------------------------------------------------------------------------------------

    def show_their_actions(self) -> None:
        person = self.selected()
        if person is not None:
            self.show_actions.emit(ActionFilter(owner_ids=frozenset({person.id})))

    def add_person(self) -> PersonDialog:
        return self._open_form(None)

    def edit_person(self) -> PersonDialog | None:
        person = self.selected()
        return self._open_form(person) if person is not None else None

    def _open_form(self, person: Person | None) -> PersonDialog:
        """Opens the form without blocking; saving happens when it is accepted."""
        dialog = PersonDialog(person, self)
        self.person_dialog = dialog
        dialog.accepted.connect(lambda: self._save_form(person, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save_form(self, person: Person | None, dialog: PersonDialog) -> None:
        name, role, email = dialog.values()
        people = self.services.people
        if person is None:
            self.write(
                lambda: people.add(name, email=email, role=role),
                lambda p: f"{p.name} added.",
                "Could not add the person",
            )
        else:
            self.write(
                lambda: people.update(person.id, name=name, role=role, email=email),
                lambda p: f"{p.name} saved.",
                "Could not save the person",
            )

    def _choose_colleague(self, person: Person, title: str, label: str, nobody: bool) -> int | bool | None:
        """The id chosen, None for 'nobody', or False when the user cancelled or there is no one."""
        others = [p for p in self.services.people.list(include_left=False) if p.id != person.id]
        if not others and not nobody:
            self.dialogs.inform(title, f"There is nobody else to take over {person.name}'s actions.")
            return False
        items = ([NOBODY] if nobody else []) + [
            f"{p.name}" + (f" ({p.role})" if p.role else "") for p in others
        ]
        answer = self.dialogs.ask_item(title, label, items, 1 if nobody and others else 0)
        if answer is None:
            return False
        return None if answer == NOBODY else others[items.index(answer) - (1 if nobody else 0)].id

    def leave(self) -> None:
        person = self.selected()
        if person is None or not person.active:
            return
        label = (
            f"{person.name} has {_actions(person.open_actions)} not yet closed. Who takes them over?"
            if person.open_actions
            else f"{person.name} owns no unclosed actions. Mark them as left?"
        )
        target = self._choose_colleague(person, f"{person.name} leaves", label, nobody=True)
        if target is False:
            return
        people = self.services.people
        self.write(
            lambda: people.leave(person.id, target),
            lambda moved: f"{person.name} has left; {_actions(moved)} handed over.",
            "Could not record the leaver",
        )

    def hand_over(self) -> None:
        person = self.selected()
        if person is None or not person.open_actions:
            return
        target = self._choose_colleague(
            person,
            f"Hand over {person.name}'s actions",
            f"Who takes over {person.name}'s {_actions(person.open_actions)} not yet closed?",
            nobody=False,
        )
        if target is False or target is None:
            return
        people = self.services.people
        self.write(
            lambda: people.hand_over(person.id, target),
            lambda moved: f"{_actions(moved)} handed over.",
            "Could not hand over",
        )

    def set_access(self) -> None:
        """Governance lead, action owner or viewer (the services say no unless a governance lead asks)."""
        person = self.selected()
        if person is None:
            return
        labels = [a.label for a in Access]
        answer = self.dialogs.ask_item(
            "Role in Candour",
            f"What may {person.name} do in Candour?",
            labels,
            labels.index(person.access.label),
        )
        if answer is None:
            return
        access = next(a for a in Access if a.label == answer)
        people = self.services.people
        self.write(
            lambda: people.set_access(person.id, access),
            lambda p: f"{p.name} is now {p.access.label.lower()}.",
            "Could not change the role",
        )

    def rejoin(self) -> None:
        person = self.selected()
        if person is not None and not person.active:
            people = self.services.people
            self.write(
                lambda: people.rejoin(person.id), lambda p: f"{p.name} is active again.", "Could not rejoin"
            )

"""EditorController: the one action an editor shows, its undo stack, and every edit the editor can make.

Single edits run on the GUI thread (each is a few milliseconds). A StaleVersion (someone else saved
first) is explained, the fresh action is loaded, and nothing the user typed is cleared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack

from core.domain.actions import ActionChanges, ActionDetail
from core.domain.errors import CandourError, StaleVersion
from core.domain.vocabulary import Priority
from core.domain.workflow import Transition
from core.files import private_temp_folder
from core.services.app import Services
from core.services.evidence import is_runnable, refuse_unsafe_file_link
from desktop.dialogs import Dialogs
from desktop.editor.commands import (
    AddEvidence,
    AddNote,
    ChangeFields,
    ChangeStatus,
    EditCommand,
    RemoveEvidence,
)
from desktop.widgets.date_button import format_date

REASON_NEEDED = (Transition.NOT_APPLICABLE, Transition.REOPEN)


class EditorController(QObject):
    loaded = Signal(object)  # ActionDetail: show it (after every change, reload or conflict)
    saved = Signal(object)  # ActionSummary: the register can repaint its row
    conflict = Signal(str)  # someone else changed the action; the sentence shown

    def __init__(
        self, services: Services, dialogs: Dialogs, action_id: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.dialogs = dialogs
        self.action_id = action_id
        self.stack = QUndoStack(self)
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.detail: ActionDetail = services.actions.get(action_id)

    # -- plumbing --------------------------------------------------------------------------------

    def reload(self) -> None:
        self.detail = self.services.actions.get(self.action_id)
        self.loaded.emit(self.detail)

    def call(self, change: Callable[[int], object]) -> bool:
        """Run change(current version); reload and announce. False (after explaining) when refused."""
        try:
            change(self.detail.version)
        except StaleVersion as error:
            self.explain("Changed by someone else", str(error))
            self.reload()
            self.conflict.emit(str(error))
            return False
        except CandourError as error:
            self.explain("Not changed", str(error))
            return False
        self.reload()
        self.saved.emit(self.detail.summary)
        return True

    def explain(self, title: str, text: str) -> None:
        self.dialogs.warn(title, text)

    def _push(self, command: EditCommand) -> bool:
        if not command.run_first():
            return False
        self.stack.push(command)
        return True

    # -- fields ------------------------------------------------------------------------------------

    def set_owner(self, person_id: int | None) -> bool:
        summary = self.detail.summary
        if person_id == summary.owner_id:
            return True
        name = next((p.name for p in self.services.people.list() if p.id == person_id), "no owner")
        return self._push(
            ChangeFields(
                self,
                f"Assign to {name}",
                ActionChanges(owner_id=person_id),
                ActionChanges(owner_id=summary.owner_id),
            )
        )

    def set_due(self, due: dt.date | None, reason: str | None = None) -> bool:
        """Move the due date; asks why when an existing date moves. False when cancelled or refused."""
        old = self.detail.summary.due
        if due == old:
            return True
        if old is not None and reason is None:
            reason = self.dialogs.ask_text(
                "Move due date",
                f"Why is the due date moving from {format_date(old)} to "
                f"{format_date(due, 'no date')}? (kept in the action's history)",
            )
            if not reason or not reason.strip():
                return False
        return self._push(
            ChangeFields(
                self,
                f"Due {format_date(due, 'date removed')}",
                ActionChanges(due=due, due_reason=reason),
                ActionChanges(due=old, due_reason="Undo"),
            )
        )

    def set_priority(self, priority: Priority) -> bool:
        old = self.detail.summary.priority
        if priority is old:
            return True
        return self._push(
            ChangeFields(
                self,
                f"Priority {priority.label}",
                ActionChanges(priority=priority),
                ActionChanges(priority=old),
            )
        )

    def set_success_measure(self, text: str) -> bool:
        return self._push(
            ChangeFields(
                self,
                "Edit success measure",
                ActionChanges(success_measure=text),
                ActionChanges(success_measure=self.detail.success_measure or ""),
            )
        )

    def set_text(self, text: str) -> bool:
        return self._push(
            ChangeFields(
                self,
                "Edit action text",
                ActionChanges(text=text),
                ActionChanges(text=self.detail.summary.text),
            )
        )

    def add_person(self) -> int | None:
        name = self.dialogs.ask_text("Add person", "Name of the new person:")
        if not name or not name.strip():
            return None
        try:
            return self.services.people.add(name).id
        except CandourError as error:
            self.explain("Add person", str(error))
            return None

    # -- status ------------------------------------------------------------------------------------

    def refusal(self, transition: Transition) -> str | None:
        """Why the transition cannot be done now (None = it can); also for transitions not on offer."""
        if transition not in self.detail.transitions:
            status = self.detail.summary.status.label.lower()
            return f"An action that is {status} cannot be given '{transition.label}'."
        return self.detail.transitions[transition]

    def transition(
        self, transition: Transition, *, reason: str | None = None, verifier_id: int | None = None
    ) -> bool:
        refused = self.refusal(transition)
        if refused:
            self.dialogs.inform(transition.label, refused)
            return False
        if transition in REASON_NEEDED and reason is None:
            reason = self.dialogs.ask_text(transition.label, f"Reason for '{transition.label}':")
            if not reason or not reason.strip():
                return False
        if transition is Transition.VERIFY and verifier_id is None:
            verifier_id = self._ask_verifier()
            if verifier_id is None:
                return False
        return self._push(ChangeStatus(self, transition, reason, verifier_id, self.detail.summary.status))

    def _ask_verifier(self) -> int | None:
        people = self.services.people.list(include_left=False)
        owner = self.detail.summary.owner_id
        labels = {(f"{p.name} (owner)" if p.id == owner else p.name): p.id for p in people}
        chosen = self.dialogs.ask_item(
            "Verify", "Who checked that this action is done? (someone other than the owner)", list(labels)
        )
        return labels.get(chosen) if chosen else None

    # -- notes and evidence ---------------------------------------------------------------------------

    def add_note(self, text: str) -> bool:
        if not text.strip():
            return False
        return self._push(AddNote(self, text))

    def attach_files(self, paths: Sequence[Path]) -> int:
        """Attach each file (one undo step each); returns how many were attached."""
        return sum(self._push(AddEvidence(self, path=Path(p))) for p in paths)

    def choose_files(self) -> int:
        paths = self.dialogs.open_files("Attach evidence", Path.home(), "All files (*)")
        return self.attach_files(paths)

    def add_link(self, url: str | None = None) -> bool:
        if url is None:
            url = self.dialogs.ask_text("Add link", "Web or file link to the evidence (https://…):")
            if not url:
                return False
        return self._push(AddEvidence(self, url=url))

    def remove_evidence(self, evidence_id: int) -> bool:
        return self._push(RemoveEvidence(self, evidence_id))

    def open_evidence(self, evidence_id: int) -> bool:
        """Hand the item to the system's default program: a link, or a copy of the file in a private folder.
        A program, script or shortcut is only opened after the user confirms a warning."""
        item = next((e for e in self.detail.evidence if e.id == evidence_id), None)
        if item is None:
            return False
        if item.is_link:
            try:
                if (item.url or "").lower().startswith("file:"):
                    refuse_unsafe_file_link(item.url or "")
            except CandourError as error:
                self.explain("Open evidence", str(error))
                return False
            return bool(self.open_url(QUrl(item.url or "")))
        if is_runnable(item.original_name or "") and not self.dialogs.confirm(
            "Open evidence",
            f"{item.original_name} is a program or script: opening it runs it on this computer, with your "
            "access. Open it only if you trust where it came from. Open it?",
        ):
            return False
        try:
            path = self.services.evidence.save_copy(evidence_id, private_temp_folder())
        except CandourError as error:
            self.explain("Open evidence", str(error))
            return False
        return bool(self.open_url(QUrl.fromLocalFile(str(path))))

"""Undoable edits. Each command calls the services with the action's *current* version on redo and undo.

A command is run once before it is pushed (so a refused edit never reaches the stack); a redo or undo
that the services refuse makes the command obsolete, and QUndoStack then drops it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from core.domain.actions import ActionChanges
from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionStatus
from core.domain.workflow import Transition, transition_for
from core.files import private_temp_folder

if TYPE_CHECKING:
    from desktop.editor.controller import EditorController

UNDO_REASON = "Undo"


class EditCommand(QUndoCommand):
    def __init__(self, ctl: EditorController, text: str) -> None:
        super().__init__(text)
        self.ctl = ctl
        self._already_done = False

    def run_first(self) -> bool:
        """Apply the change now; True when it worked and the command may be pushed."""
        self._already_done = self.apply()
        return self._already_done

    def redo(self) -> None:
        if self._already_done:  # QUndoStack.push() calls redo(); the change was made by run_first()
            self._already_done = False
            return
        if not self.apply():
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.revert():
            self.setObsolete(True)

    def apply(self) -> bool:
        raise NotImplementedError

    def revert(self) -> bool:
        raise NotImplementedError


class ChangeFields(EditCommand):
    """Owner, due date, priority, success measure or text: old and new ActionChanges.

    `seen` is what the user saw of those fields when they began (for text boxes, before typing): if
    someone else changed them since, the user is shown both versions first (EditorController.save_fields).
    """

    def __init__(
        self,
        ctl: EditorController,
        text: str,
        new: ActionChanges,
        old: ActionChanges,
        seen: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(ctl, text)
        self.new, self.old, self.seen = new, old, seen

    def apply(self) -> bool:
        return self.ctl.save_fields(self.new, self.seen)

    def revert(self) -> bool:
        return self.ctl.save_fields(self.old)


class MoveDue(EditCommand):
    """A due date set or moved; undo takes the move back (no second slip is recorded), redo makes it again."""

    def __init__(self, ctl: EditorController, text: str, new: ActionChanges, old_due: dt.date | None) -> None:
        super().__init__(ctl, text)
        self.new, self.old_due = new, old_due

    def apply(self) -> bool:
        return self.ctl.call(lambda v: self.ctl.services.edits.update(self.ctl.action_id, v, self.new))

    def revert(self) -> bool:
        return self.ctl.call(
            lambda v: self.ctl.services.edits.undo_due_move(self.ctl.action_id, v, self.old_due)
        )


class ChangeStatus(EditCommand):
    def __init__(
        self,
        ctl: EditorController,
        transition: Transition,
        reason: str | None,
        previous: ActionStatus,
    ) -> None:
        super().__init__(ctl, transition.label)
        self.transition, self.reason, self.previous = transition, reason, previous

    def apply(self) -> bool:
        return self.ctl.call(
            lambda v: self.ctl.services.edits.transition(
                self.ctl.action_id, v, self.transition, reason=self.reason
            )
        )

    def revert(self) -> bool:
        current = self.ctl.detail.summary.status
        try:
            back = transition_for(current, self.previous)
        except RuleViolation:
            self.ctl.explain(
                "Undo",
                f"'{self.transition.label}' cannot be undone: an action cannot go back "
                f"from {current.label.lower()} to {self.previous.label.lower()}.",
            )
            return False
        return self.ctl.call(
            lambda v: self.ctl.services.edits.transition(self.ctl.action_id, v, back, reason=UNDO_REASON)
        )


class AddNote(EditCommand):
    def __init__(self, ctl: EditorController, text: str) -> None:
        super().__init__(ctl, "Add progress note")
        self.note_text = text
        self.note_id: int | None = None

    def apply(self) -> bool:
        def add(version: int) -> None:
            self.note_id = self.ctl.services.edits.add_note(
                self.ctl.action_id, self.note_text, version=version
            ).id

        return self.ctl.call(add, "note")

    def revert(self) -> bool:
        note_id = self.note_id
        return note_id is not None and self.ctl.call(
            lambda _v: self.ctl.services.edits.delete_note(note_id, action_id=self.ctl.action_id)
        )


class AddEvidence(EditCommand):
    """Attach a file or a link; undo removes it again."""

    def __init__(
        self,
        ctl: EditorController,
        *,
        path: Path | None = None,
        url: str | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(ctl, f"Attach {path.name if path else 'link'}")
        self.path, self.url, self.description = path, url, description
        self.evidence_id: int | None = None

    def apply(self) -> bool:
        def add(version: int) -> None:
            evidence = self.ctl.services.evidence
            if self.path is not None:
                added = evidence.attach_file(self.ctl.action_id, self.path, self.description, version=version)
            else:
                added = evidence.add_link(
                    self.ctl.action_id, self.url or "", self.description, version=version
                )
            self.evidence_id = added.id

        return self.ctl.call(add)

    def revert(self) -> bool:
        evidence_id = self.evidence_id
        return evidence_id is not None and self.ctl.call(
            lambda _v: self.ctl.services.evidence.remove(evidence_id, action_id=self.ctl.action_id)
        )


class RemoveEvidence(EditCommand):
    """Remove an item; undo attaches it again (a file from a copy of its stored content)."""

    def __init__(self, ctl: EditorController, evidence_id: int) -> None:
        super().__init__(ctl, "Remove evidence")
        self.evidence_id = evidence_id
        item = next(e for e in ctl.detail.evidence if e.id == evidence_id)
        self.url, self.description = item.url, item.description
        self._copy: Path | None = None

    def apply(self) -> bool:
        def remove(_version: int) -> None:
            if self.url is None:
                name, content = self.ctl.services.evidence.content(self.evidence_id)
                self._copy = Path(tempfile.mkdtemp(dir=private_temp_folder())) / name
                self._copy.write_bytes(content)
            self.ctl.services.evidence.remove(self.evidence_id, action_id=self.ctl.action_id)

        return self.ctl.call(remove)

    def revert(self) -> bool:
        def restore(version: int) -> None:
            evidence = self.ctl.services.evidence
            if self._copy is not None:
                added = evidence.attach_file(
                    self.ctl.action_id, self._copy, self.description, version=version
                )
            else:
                added = evidence.add_link(
                    self.ctl.action_id, self.url or "", self.description, version=version
                )
            self.evidence_id = added.id

        return self.ctl.call(restore)

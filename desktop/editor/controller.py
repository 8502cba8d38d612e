"""EditorController: the one action an editor shows, its undo stack, and every edit the editor can make.

Every edit is written by the one writer (`write`, normally TaskRunner.write_now: the edit waits its turn
behind other writes, a few milliseconds). A StaleVersion (someone else saved first) is explained, the fresh
action is loaded, and nothing the user typed is cleared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack

from core.domain.actions import ActionChanges, ActionDetail
from core.domain.errors import CandourError, ServerUnavailable, StaleVersion
from core.domain.steps import StepChanges
from core.domain.vocabulary import KeyQuestion, Priority, StepStatus
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
    MoveDue,
    RemoveEvidence,
)
from desktop.editor.conflict import conflicts, field_value, keeping
from desktop.status_questions import NEEDS_WORDS, reason_question
from desktop.widgets.date_button import format_date

REASON_NEEDED = (Transition.NOT_APPLICABLE, Transition.REOPEN)
Writer = Callable[[Callable[[], Any]], Any]


def write_here(fn: Callable[[], Any]) -> Any:
    """Write on the calling thread (for tools and tests without a task runner)."""
    return fn()


class EditorController(QObject):
    loaded = Signal(object)  # ActionDetail: show it (after every change, reload or conflict)
    saved = Signal(object)  # ActionSummary: the register can repaint its row
    conflict = Signal(str)  # someone else changed the action; the sentence shown
    deleted = Signal(int)  # the action was deleted (its id)
    typing_replaced = Signal(object)  # set of fields whose unsaved typing the user replaced with theirs
    # The server did not answer: (the sentence, what was being saved: "text", "success_measure", "note" or
    # ""). Nothing was changed; the typing stays in its box and is saved again when the server is back.
    server_lost = Signal(str, str)

    def __init__(
        self,
        services: Services,
        dialogs: Dialogs,
        action_id: int,
        parent: QObject | None = None,
        write: Writer = write_here,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.dialogs = dialogs
        self.write = write
        self.action_id = action_id
        self.stack = QUndoStack(self)
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.detail: ActionDetail = services.actions.get(action_id)

    # -- plumbing --------------------------------------------------------------------------------

    def reload(self) -> None:
        self.detail = self.services.actions.get(self.action_id)
        self.loaded.emit(self.detail)

    def call(self, change: Callable[[int], object], what: str = "") -> bool:
        """Run change(current version); reload and announce. False (after explaining) when refused.
        `what` names the typing being saved, for a retry when the server did not answer."""
        version = self.detail.version
        try:
            self.write(lambda: change(version))
        except ServerUnavailable as error:
            self.server_lost.emit(str(error), what)
            return False
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

    def save_fields(self, changes: ActionChanges, seen: dict[str, Any] | None = None) -> bool:
        """Save field edits. When someone else changed any of those fields since the user saw them
        (`seen`, else the action as last shown), both versions are shown and the user keeps theirs or
        takes the other for each; then the kept ones are saved on the latest version."""
        seen = seen if seen is not None else {f: field_value(self.detail, f) for f in changes.edited}
        what = ",".join(sorted(changes.edited))
        try:
            fresh = self.services.actions.get(self.action_id)
        except ServerUnavailable as error:
            self.server_lost.emit(str(error), what)
            return False
        except CandourError as error:
            self.explain("Not changed", str(error))
            return False
        names = {p.id: p.name for p in self.services.people.list()}
        rows = conflicts(seen, fresh, changes, names)
        if rows:
            s = fresh.summary
            taken = self.dialogs.resolve_conflict(
                f"{s.reference} was changed by {s.updated_by} at {s.updated_at:%H:%M} on "
                f"{format_date(s.updated_at.date())} while you "
                "were editing it. For each field, keep your version or take theirs; then save.",
                rows,
            )
            if taken is None:
                self.detail = fresh
                self.loaded.emit(fresh)  # typed text stays in its box, unsaved
                return False
            changes = keeping(changes, taken)
            if taken:
                self.typing_replaced.emit(taken)
        self.detail = fresh
        if not changes.edited:
            self.reload()
            return True
        return self.call(lambda v: self.services.edits.update(self.action_id, v, changes), what)

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
            MoveDue(
                self,
                f"Due {format_date(due, 'date removed')}",
                ActionChanges(due=due, due_reason=reason),
                old,
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

    def set_key_question(self, question: KeyQuestion | None) -> bool:
        old = self.detail.summary.key_question
        if question is old:
            return True
        label = question.label if question else "not stated"
        return self._push(
            ChangeFields(
                self,
                f"Key question {label}",
                ActionChanges(key_question=question),
                ActionChanges(key_question=old),
            )
        )

    def set_success_measure(self, text: str, seen: str | None = None) -> bool:
        """`seen`: the success measure as it was when the user began typing."""
        return self._push(
            ChangeFields(
                self,
                "Edit success measure",
                ActionChanges(success_measure=text),
                ActionChanges(success_measure=self.detail.success_measure or ""),
                None if seen is None else {"success_measure": seen},
            )
        )

    def set_text(self, text: str, seen: str | None = None) -> bool:
        """`seen`: the action text as it was when the user began typing."""
        return self._push(
            ChangeFields(
                self,
                "Edit action text",
                ActionChanges(text=text),
                ActionChanges(text=self.detail.summary.text),
                None if seen is None else {"text": seen},
            )
        )

    def add_person(self) -> int | None:
        name = self.dialogs.ask_text("Add person", "Name of the new person:")
        if not name or not name.strip():
            return None
        try:
            return self.write(lambda: self.services.people.add(name)).id
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

    def transition(self, transition: Transition, *, reason: str | None = None) -> bool:
        """Change status. Verifying is done by the signed-in person, who says what they checked."""
        refused = self.refusal(transition)
        if refused:
            self.dialogs.inform(transition.label, refused)
            return False
        if transition in NEEDS_WORDS and reason is None:
            reason = self.dialogs.ask_text(transition.label, reason_question(transition, self.services))
            if not reason or not reason.strip():
                return False
        return self._push(ChangeStatus(self, transition, reason, self.detail.summary.status))

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

    def describe_evidence(self, evidence_id: int, description: str | None = None) -> bool:
        """Say what an evidence item shows (asks when not given)."""
        item = next((e for e in self.detail.evidence if e.id == evidence_id), None)
        if item is None:
            return False
        if description is None:
            description = self.dialogs.ask_text(
                "Describe evidence", f"What does {item.title} show?", item.description or ""
            )
            if description is None:
                return False
        return self.call(lambda _v: self.services.evidence.describe(evidence_id, description))

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

    # -- steps (each change is in the step's own history, so they are not on the undo stack) -----------

    def add_step(self, changes: StepChanges) -> bool:
        def add(version: int) -> object:
            step = self.services.steps.add(
                self.action_id,
                changes.text or "",
                owner_id=changes.owner_id,
                due=changes.due,
                monitoring=changes.monitoring,
                success_measure=changes.success_measure,
                version=version,
            )
            rest = changes.model_copy(update={"text": None})
            later = {f for f in ("status", "evidence") if getattr(rest, f)}
            if later and (rest.status not in (None, StepStatus.OPEN) or rest.evidence):
                self.services.steps.update(step.id, StepChanges(**{f: getattr(rest, f) for f in later}))
            return step

        return self.call(add)

    def update_step(self, step_id: int, changes: StepChanges) -> bool:
        return self.call(lambda _version: self.services.steps.update(step_id, changes))

    def step_done(self, step_id: int) -> bool:
        evidence = self.dialogs.ask_text("Step done", "What shows this step is done? (optional)")
        if evidence is None:
            return False
        return self.call(lambda _version: self.services.steps.done(step_id, evidence.strip() or None))

    def move_step(self, step_id: int, number: int) -> bool:
        return self.call(lambda _version: self.services.steps.move(step_id, number))

    def remove_step(self, step_id: int) -> bool:
        reason = self.dialogs.ask_text("Remove step", "Why is this step being removed? (kept in the history)")
        if not reason or not reason.strip():
            return False
        return self.call(lambda _version: self.services.steps.remove(step_id, reason))

    # -- deleting ---------------------------------------------------------------------------------------

    def delete_action(self) -> bool:
        """Delete an action added or imported by mistake: asks why, and asks again once work is recorded."""
        reference = self.detail.summary.reference
        reason = self.dialogs.ask_text(
            "Delete action", f"Why is {reference} being deleted? (kept in the history)"
        )
        if not reason or not reason.strip():
            return False
        work = work_recorded_words(self.detail)
        if work and not self.dialogs.confirm(
            "Delete action", f"{reference} has work recorded against it ({work}). Delete it anyway?"
        ):
            return False
        try:
            removal = self.services.removal
            self.write(lambda: removal.delete_action(self.action_id, reason, confirmed=bool(work)))
        except CandourError as error:
            self.explain("Not deleted", str(error))
            return False
        self.deleted.emit(self.action_id)
        return True


def work_recorded_words(detail: ActionDetail) -> str:
    """What has been done on the action, as the service's refusal would say it."""
    s = detail.summary
    parts = [
        f"{n} {one if n == 1 else many}"
        for n, one, many in (
            (s.note_count, "progress note", "progress notes"),
            (s.evidence_count, "evidence item", "evidence items"),
            (s.step_count, "step", "steps"),
        )
        if n
    ]
    if s.status.value != "open":
        parts.append(f"status {s.status.label.lower()}")
    return ", ".join(parts)

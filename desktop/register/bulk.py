"""Bulk changes to the selected actions: owner, due date (with a reason), key question and status; one result
message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Final

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from core.domain.actions import ActionChanges, ActionSummary, BulkResult
from core.domain.errors import CandourError
from core.domain.vocabulary import KeyQuestion
from core.domain.workflow import Transition
from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.register.bulk_undo import (
    BulkCommand,
    restore_dues,
    restore_key_questions,
    restore_owners,
    restore_statuses,
)
from desktop.status_questions import NEEDS_WORDS, reason_question
from desktop.widgets.date_button import ask_date


class _Ask:
    """Sentinel: ask the user (None is a real answer for 'no owner')."""


ASK: Final = _Ask()
NO_OWNER_LABEL = "No owner"
NO_QUESTION_LABEL = "Not stated"
DateAsker = Callable[[QWidget | None, str, str, dt.date], dt.date | None]
Writer = Callable[[Callable[[], Any]], Any]  # runs a write on the one writer (TaskRunner.write_now)
Restore = Callable[[Services, Sequence[ActionSummary]], list[str]]  # puts actions back as they were


class BulkOperations:
    """Asks what to change through Dialogs, applies it through the services, reports the BulkResult."""

    def __init__(
        self,
        services: Services,
        dialogs: Dialogs,
        write: Writer,
        parent: QWidget | None = None,
        date_asker: DateAsker = ask_date,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        self.services = services
        self.dialogs = dialogs
        self.write = write
        self.undo_stack = undo_stack
        self.parent = parent
        self.date_asker = date_asker

    def assign(
        self, summaries: Sequence[ActionSummary], person_id: int | _Ask | None = ASK
    ) -> BulkResult | None:
        ids = [s.id for s in summaries]
        if isinstance(person_id, _Ask):
            people = self.services.people.list(include_left=False)
            names = [NO_OWNER_LABEL] + [p.name for p in people]
            chosen = self.dialogs.ask_item("Assign owner", f"Owner for {len(ids)} action(s):", names)
            if chosen is None:
                return None
            person_id = next((p.id for p in people if p.name == chosen), None)
        services, owner = self.services, person_id
        return self._run(
            "Assign owner",
            ids,
            lambda: services.edits.bulk_update(ids, ActionChanges(owner_id=owner)),
            restore_owners,
        )

    def set_due(self, summaries: Sequence[ActionSummary], due: dt.date | None = None) -> BulkResult | None:
        ids = [s.id for s in summaries]
        if due is None:
            due = self.date_asker(
                self.parent,
                "Set due date",
                f"New due date for {len(ids)} action(s):",
                self.services.ctx.today() + dt.timedelta(days=28),
            )
            if due is None:
                return None
        reason = None
        if any(s.due is not None and s.due != due for s in summaries):
            reason = self.dialogs.ask_text(
                "Set due date", "Why are the due dates moving? (kept in the history)"
            )
            if not reason or not reason.strip():
                return None
        services, changes = self.services, ActionChanges(due=due, due_reason=reason)
        return self._run("Set due date", ids, lambda: services.edits.bulk_update(ids, changes), restore_dues)

    def set_key_question(
        self, ids: Sequence[int], question: KeyQuestion | _Ask | None = ASK
    ) -> BulkResult | None:
        if isinstance(question, _Ask):
            labels = [NO_QUESTION_LABEL] + [q.label for q in KeyQuestion]
            chosen = self.dialogs.ask_item(
                "Set key question", f"Key question for {len(ids)} action(s):", labels
            )
            if chosen is None:
                return None
            question = next((q for q in KeyQuestion if q.label == chosen), None)
        services, changes = self.services, ActionChanges(key_question=question)
        return self._run(
            "Set key question", ids, lambda: services.edits.bulk_update(ids, changes), restore_key_questions
        )

    def change_status(
        self, summaries: Sequence[ActionSummary], transition: Transition | None = None
    ) -> BulkResult | None:
        ids = [s.id for s in summaries]
        if transition is None:
            labels = {t.label: t for t in Transition}
            chosen = self.dialogs.ask_item("Change status", f"Change {len(ids)} action(s) to:", list(labels))
            if chosen is None:
                return None
            transition = labels[chosen]
        reason = None
        if transition in NEEDS_WORDS:
            reason = self.dialogs.ask_text(transition.label, reason_question(transition, self.services))
            if not reason or not reason.strip():
                return None
        services, step = self.services, transition
        return self._run(
            "Change status",
            ids,
            lambda: services.edits.bulk_transition(ids, step, reason=reason),
            restore_statuses,
        )

    def _run(
        self, title: str, ids: Sequence[int], apply: Callable[[], BulkResult], restore: Restore
    ) -> BulkResult | None:
        """Apply on the writer, say what happened, and make the change undoable when something changed.
        What the actions were before is read on the writer too, just before the change."""
        services = self.services

        def read_then_apply() -> tuple[list[ActionSummary], BulkResult]:
            return services.actions.summaries(ids), apply()

        try:
            before, result = self.write(read_then_apply)
        except CandourError as error:
            self.dialogs.warn(title, str(error))
            return None
        show = self.dialogs.warn if result.refused else self.dialogs.inform
        show(title, describe_result(result))
        if result.changed and self.undo_stack is not None:
            self.undo_stack.push(
                BulkCommand(
                    f"{title} ({len(result.changed)})",
                    self.write,
                    self.dialogs.warn,
                    apply,
                    lambda: restore(services, before),
                )
            )
        return result


def describe_result(result: BulkResult) -> str:
    text = result.describe()
    if result.refused:
        lines = [f"• {reference}: {reason}" for reference, reason in sorted(result.refused.items())]
        text += "\n\nNot changed:\n" + "\n".join(lines)
    return text

"""Undo and redo for bulk changes in the register: each puts back what the selected actions had before.

Redo makes the change again; undo restores each action's previous owner, due date (removing the recorded
move, as the editor's undo does) or status (the way back through the workflow, with "Undo" as the reason).
Every step is written by the one writer and is in each action's history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from core.domain.actions import ActionChanges, ActionSummary, BulkResult
from core.domain.errors import CandourError
from core.domain.workflow import transition_for
from core.services.app import Services

UNDO_REASON = "Undo"
Writer = Callable[[Callable[[], Any]], Any]
Report = Callable[[str, str], None]  # (title, sentence) for a step the services refused


class BulkCommand(QUndoCommand):
    """A bulk change already made when pushed: the first redo() (from QUndoStack.push) does nothing."""

    def __init__(
        self,
        text: str,
        write: Writer,
        report: Report,
        redo: Callable[[], BulkResult],
        undo: Callable[[], list[str]],
    ) -> None:
        super().__init__(text)
        self._write, self._report, self._redo, self._undo = write, report, redo, undo
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        result = self._write(self._redo)
        if result.refused:
            self._report(self.text(), f"Redone for {len(result.changed)}; refused for {len(result.refused)}.")

    def undo(self) -> None:
        problems = self._write(self._undo)
        if problems:
            self._report(f"Undo {self.text().lower()}", "Not undone:\n" + "\n".join(problems))


def restore_owners(services: Services, before: Sequence[ActionSummary]) -> list[str]:
    """Give each action its previous owner back (one bulk update per previous owner)."""
    by_owner: dict[int | None, list[int]] = defaultdict(list)
    for summary in before:
        by_owner[summary.owner_id].append(summary.id)
    problems: list[str] = []
    for owner_id, ids in by_owner.items():
        result = services.edits.bulk_update(ids, ActionChanges(owner_id=owner_id))
        problems += [f"{ref}: {why}" for ref, why in result.refused.items()]
    return problems


def restore_dues(services: Services, before: Sequence[ActionSummary]) -> list[str]:
    """Take back each action's due-date move (the recorded slip is removed, not answered by another)."""
    problems: list[str] = []
    for summary in before:
        try:
            current = services.actions.get(summary.id).summary
            if current.due != summary.due:
                services.edits.undo_due_move(summary.id, current.version, summary.due)
        except CandourError as error:
            problems.append(f"{summary.reference}: {error}")
    return problems


def restore_statuses(services: Services, before: Sequence[ActionSummary]) -> list[str]:
    """Move each action back to its previous status, where the workflow allows that way back."""
    problems: list[str] = []
    for summary in before:
        try:
            current = services.actions.get(summary.id).summary
            if current.status is not summary.status:
                back = transition_for(current.status, summary.status)
                services.edits.transition(summary.id, current.version, back, reason=UNDO_REASON)
        except CandourError as error:
            problems.append(f"{summary.reference}: {error}")
    return problems


def restore_key_questions(services: Services, before: Sequence[ActionSummary]) -> list[str]:
    """Give each action its previous key question back (one bulk update per previous question)."""
    by_question: dict[Any, list[int]] = defaultdict(list)
    for summary in before:
        by_question[summary.key_question].append(summary.id)
    problems: list[str] = []
    for question, ids in by_question.items():
        result = services.edits.bulk_update(ids, ActionChanges(key_question=question))
        problems += [f"{ref}: {why}" for ref, why in result.refused.items()]
    return problems

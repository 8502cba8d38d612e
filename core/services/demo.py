"""Sample data: the team's fictional reports plus example tracking, so a newcomer sees Candour at work."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from core.domain.actions import ActionChanges, ActionFilter, ActionSummary
from core.domain.errors import RuleViolation
from core.domain.imports import ImportStatus
from core.domain.vocabulary import Access, ActionKind
from core.domain.workflow import Transition
from core.paths import resource_path
from core.services.app import Services

PEOPLE = [
    ("Priya Shah", "Registered manager", Access.ACTION_OWNER),
    ("Tom Hughes", "Head of governance", Access.GOVERNANCE_LEAD),
    ("Amara Okafor", "Clinical director", Access.ACTION_OWNER),
    ("Sam Reid", "Quality and compliance manager", Access.ACTION_OWNER),
    ("Helen Marsh", "Operations manager", Access.ACTION_OWNER),
]
# Days from today for successive due dates: some overdue, some due soon, most later.
DUE_OFFSETS = [-21, -6, 5, 12, 30, 45, 60, 75, 90, 120]


def sample_files() -> list[Path]:
    return sorted(resource_path("samples").glob("*.txt"))


def load_demo(services: Services) -> list[str]:
    """Import the samples and give some actions owners, dates, notes, evidence and verification."""
    outcomes = services.imports.import_paths(sample_files())
    lines = [o.line() for o in outcomes]
    if not any(o.status is ImportStatus.IMPORTED for o in outcomes):
        return [*lines, "The sample data was already loaded; nothing changed."]
    people = [services.people.find_or_add(name) for name, _, _ in PEOPLE]
    for person, (_, role, access) in zip(people, PEOPLE, strict=True):
        if not person.role:
            services.people.update(person.id, role=role)
        if access is not person.access:
            with suppress(RuleViolation):  # a database that has its own governance lead keeps its roles
                services.people.set_access(person.id, access)
    imported = {o.report_id for o in outcomes if o.report_id}
    rows = services.actions.page(ActionFilter(), limit=10_000).rows
    # A review of compliance from before the ratings era is history the team keeps, not work it plans.
    recent = services.ctx.today() - dt.timedelta(days=10 * 365)
    ids = [a.id for a in rows if a.inspection_date is None or a.inspection_date >= recent]
    plan_actions(services, ids, [p.id for p in people], imported)
    history = [a for a in rows if a.id not in set(ids) and a.status.is_live]
    with acting_as(services, people[1].id):  # the governance lead files them, as a team would
        close_as_history(services, history)
    lines.append(f"Sample data loaded: {len(rows)} actions, {len(people)} people.")
    return lines


def close_as_history(services: Services, actions: list[ActionSummary]) -> None:
    """Close actions of a review from before the current regulations (2014) as not applicable, saying why in
    their history: otherwise a newcomer's dashboard opens on a finding thousands of days overdue."""
    for action in actions:
        when = f"{action.inspection_date:%B %Y}" if action.inspection_date else "an earlier regime"
        services.edits.transition(
            action.id,
            services.actions.get(action.id).version,
            Transition.NOT_APPLICABLE,
            reason=f"Historical: found in {when}, under regulations replaced in 2014; kept for the record.",
        )


def plan_actions(services: Services, ids: list[int], people: list[int], reports: set[int]) -> None:
    today = services.ctx.today()
    with tempfile.TemporaryDirectory() as folder:
        for n, action_id in enumerate(ids):
            detail = services.actions.get(action_id)
            if (
                detail.source.report_id not in reports
                or detail.summary.owner_id is not None
                or not detail.summary.status.is_live
            ):  # e.g. closed as superseded on import
                continue
            if n % 7 == 6:
                continue  # leave a few unassigned, as real registers have
            owner = people[(n + n // 5) % len(people)]  # not in step with the stage below
            # Warning notices arrive with the regulator's deadline: keep it.
            due = detail.summary.due or today + dt.timedelta(days=DUE_OFFSETS[(n // 2) % len(DUE_OFFSETS)])
            measure = (
                "Audit of 20 records shows full compliance for two consecutive months."
                if detail.summary.kind is ActionKind.MUST
                else None
            )
            detail = services.edits.update(
                action_id, detail.version, ActionChanges(owner_id=owner, due=due, success_measure=measure)
            )
            _progress(services, detail.id, n % 5, people, Path(folder), today)


def _progress(
    services: Services, action_id: int, stage: int, people: list[int], folder: Path, today: dt.date
) -> None:
    """Take the action to a stage: 0 not started, 1 started, 2 started and moved, 3 completed, 4 verified."""
    if stage == 0:
        return
    detail = services.actions.get(action_id)
    services.edits.add_note(action_id, "Action plan agreed at the site governance meeting; work started.")
    detail = services.edits.transition(action_id, services.actions.get(action_id).version, Transition.START)
    if stage == 2 and detail.summary.due and detail.summary.due > today:
        services.edits.update(
            action_id,
            detail.version,
            ActionChanges(
                due=detail.summary.due + dt.timedelta(days=30),
                due_reason="Awaiting the new policy's sign-off",
            ),
        )
    if stage < 3:
        return
    evidence = folder / f"audit-{detail.summary.reference}.txt"
    evidence.write_text(
        f"Re-audit for {detail.summary.reference}: 20 of 20 records compliant.\n", encoding="utf-8"
    )
    owner = detail.summary.owner_id
    with acting_as(services, owner):  # the owner attaches the evidence and marks their own work completed
        services.evidence.attach_file(action_id, evidence, "Re-audit results")
        detail = services.edits.transition(
            action_id, services.actions.get(action_id).version, Transition.COMPLETE
        )
    if stage == 4:
        with acting_as(services, next(p for p in people if p != owner)):
            services.edits.transition(
                action_id,
                detail.version,
                Transition.VERIFY,
                reason="Checked in practice during a peer review visit.",
            )


@contextmanager
def acting_as(services: Services, person_id: int | None) -> Iterator[None]:
    """The sample data is written as if each step was done by the person it names."""
    before = services.ctx.identity, services.ctx.actor
    if person_id is not None:
        services.sign_in(person_id)
    try:
        yield
    finally:
        services.ctx.identity, services.ctx.actor = before

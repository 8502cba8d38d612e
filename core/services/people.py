"""Owners and verifiers: add, rename, leave, and hand over a person's open actions in one step."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain.errors import NotFound, RuleViolation
from core.domain.identity import Identity
from core.domain.registry import Person
from core.domain.vocabulary import Access, ActionStatus
from core.services import audit, mapping
from core.services.context import ServiceContext
from core.store.orm import ActionRecord, PersonRecord

# Handed over when a person leaves: everything not yet closed.
_UNCLOSED = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value, ActionStatus.COMPLETED.value)


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self, include_left: bool = True) -> list[Person]:
        with self._ctx.db.reading() as session:
            counts = dict(
                session.execute(
                    select(ActionRecord.owner_id, func.count())
                    .where(ActionRecord.status.in_(_UNCLOSED))
                    .group_by(ActionRecord.owner_id)
                ).all()
            )
            query = select(PersonRecord).order_by(func.lower(PersonRecord.name))
            if not include_left:
                query = query.where(PersonRecord.active.is_(True))
            return [mapping.person(p, counts.get(p.id, 0)) for p in session.scalars(query)]

    def get(self, person_id: int) -> Person:
        with self._ctx.db.reading() as session:
            return mapping.person(self._get(session, person_id))

    def identity(self, person_id: int) -> Identity:
        """Sign-in as this person: they must exist and not have left."""
        with self._ctx.db.reading() as session:
            return _identity(self._get(session, person_id))

    def identity_by_name(self, name: str) -> Identity:
        """The person --user / CANDOUR_USER names; one sentence when there is nobody by that name."""
        with self._ctx.db.reading() as session:
            record = session.scalar(
                select(PersonRecord).where(func.lower(PersonRecord.name) == name.strip().lower())
            )
            if record is None:
                raise NotFound(
                    f"There is no person called {name.strip()} in {self._ctx.db.label}; give the name "
                    "of someone listed by 'candour people' (or add them with 'candour people add')."
                )
            return _identity(record)

    def identity_by_login(self, login: str) -> Identity | None:
        """On a server: the person whose login this is (None when no person has it)."""
        with self._ctx.db.reading() as session:
            record = session.scalar(select(PersonRecord).where(PersonRecord.login == login))
            return _identity(record) if record is not None else None

    def has_logins(self) -> bool:
        """True once the database is in team mode: at least one person has their own server login."""
        with self._ctx.db.reading() as session:
            return (
                session.scalar(select(PersonRecord.id).where(PersonRecord.login.is_not(None)).limit(1))
                is not None
            )

    def find(self, name: str) -> Person:
        with self._ctx.db.reading() as session:
            record = session.scalar(
                select(PersonRecord).where(func.lower(PersonRecord.name) == name.strip().lower())
            )
            if record is None:
                raise NotFound(f"No person is called {name.strip()}; add them with 'candour people add'.")
            return mapping.person(record)

    def add(
        self,
        name: str,
        email: str | None = None,
        role: str | None = None,
        access: Access = Access.ACTION_OWNER,
    ) -> Person:
        name = " ".join(name.split())
        if not name:
            raise RuleViolation("A person needs a name.")
        with self._ctx.db.writing() as session:
            self._check_unique(session, name)
            if access is Access.GOVERNANCE_LEAD:
                self._check_may_set_access(session)
            record = PersonRecord(
                name=name,
                email=(email or "").strip() or None,
                role=(role or "").strip() or None,
                access=access.value,
                active=True,
            )
            session.add(record)
            session.flush()
            self._audit(session, record, "create", new=f"{name} ({access.label.lower()})")
            return mapping.person(record)

    def set_access(self, person_id: int, access: Access) -> Person:
        """Change what a person may do in Candour (only a governance lead may, once there is one)."""
        with self._ctx.db.writing() as session:
            record = self._get(session, person_id)
            old = mapping.person(record).access
            if old is access:
                return mapping.person(record)
            self._check_may_set_access(session)
            record.access = access.value
            self._audit(session, record, "update", field="access", old=old.value, new=access.value)
            return mapping.person(record)

    def find_or_add(self, name: str) -> Person:
        try:
            return self.find(name)
        except NotFound:
            return self.add(name)

    def update(
        self, person_id: int, *, name: str | None = None, email: str | None = None, role: str | None = None
    ) -> Person:
        with self._ctx.db.writing() as session:
            record = self._get(session, person_id)
            if name is not None and " ".join(name.split()) != record.name:
                new_name = " ".join(name.split())
                if not new_name:
                    raise RuleViolation("A person needs a name.")
                self._check_unique(session, new_name)
                self._audit(session, record, "update", field="name", old=record.name, new=new_name)
                record.name = new_name
            if email is not None and (email.strip() or None) != record.email:
                self._audit(
                    session, record, "update", field="email", old=record.email, new=email.strip() or None
                )
                record.email = email.strip() or None
            if role is not None and (role.strip() or None) != record.role:
                self._audit(
                    session, record, "update", field="role", old=record.role, new=role.strip() or None
                )
                record.role = role.strip() or None
            return mapping.person(record)

    def hand_over(self, from_id: int, to_id: int) -> int:
        """Give every unclosed action of one person to another; returns how many moved."""
        with self._ctx.db.writing() as session:
            return self._hand_over(session, from_id, to_id)

    def leave(self, person_id: int, hand_over_to: int | None = None) -> int:
        """Mark a person as left, handing their unclosed actions to someone (or leaving them unowned)."""
        with self._ctx.db.writing() as session:
            record = self._get(session, person_id)
            if not record.active:
                raise RuleViolation(f"{record.name} has already left.")
            moved = self._hand_over(session, person_id, hand_over_to) if hand_over_to is not None else 0
            record.active, record.left_at = False, self._ctx.now()
            self._audit(session, record, "leave", old=record.name)
            return moved

    def rejoin(self, person_id: int) -> Person:
        with self._ctx.db.writing() as session:
            record = self._get(session, person_id)
            if not record.active:
                self._audit(session, record, "rejoin", new=record.name)
            record.active, record.left_at = True, None
            return mapping.person(record)

    def _hand_over(self, session: Session, from_id: int, to_id: int) -> int:
        source, target = self._get(session, from_id), self._get(session, to_id)
        if source.id == target.id:
            raise RuleViolation("Actions cannot be handed over to the same person.")
        if not target.active:
            raise RuleViolation(f"{target.name} has left, so cannot take over actions.")
        actions = session.scalars(
            select(ActionRecord).where(ActionRecord.owner_id == from_id, ActionRecord.status.in_(_UNCLOSED))
        ).all()
        now = self._ctx.now()
        for action in actions:
            action.owner_id, action.updated_at, action.updated_by = to_id, now, self._ctx.actor
            audit.record(
                session,
                self._ctx,
                entity="action",
                entity_id=action.id,
                action_id=action.id,
                operation="update",
                field="owner",
                old=source.name,
                new=f"{target.name} (handed over)",
            )
        return len(actions)

    def _audit(
        self,
        session: Session,
        record: PersonRecord,
        operation: str,
        *,
        field: str | None = None,
        old: object = None,
        new: object = None,
    ) -> None:
        audit.record(
            session,
            self._ctx,
            entity="person",
            entity_id=record.id,
            action_id=None,
            operation=operation,
            field=field,
            old=old,
            new=new,
        )

    def _check_may_set_access(self, session: Session) -> None:
        """Roles are given by a governance lead; while the database has none, anyone may appoint one."""
        has_lead = session.scalar(
            select(PersonRecord.id)
            .where(PersonRecord.access == Access.GOVERNANCE_LEAD.value, PersonRecord.active.is_(True))
            .limit(1)
        )
        actor = self._ctx.identity
        if (
            has_lead
            and not self._ctx.administrator
            and (actor is None or actor.access is not Access.GOVERNANCE_LEAD)
        ):
            raise RuleViolation("Only a governance lead can change what people may do in Candour.")

    @staticmethod
    def _check_unique(session: Session, name: str) -> None:
        if session.scalar(select(PersonRecord.id).where(func.lower(PersonRecord.name) == name.lower())):
            raise RuleViolation(f"There is already a person called {name}.")

    @staticmethod
    def _get(session: Session, person_id: int) -> PersonRecord:
        record = session.get(PersonRecord, person_id)
        if record is None:
            raise NotFound(f"Person {person_id} does not exist.")
        return record


def _identity(record: PersonRecord) -> Identity:
    if not record.active:
        raise RuleViolation(f"{record.name} has left, so cannot sign in to Candour.")
    return Identity(person_id=record.id, name=record.name, access=mapping.person(record).access)

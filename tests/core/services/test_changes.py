"""Each command comes back with what it changed: the actions, and the locations, people and reports they show
in."""

from __future__ import annotations

import pytest

from core.domain.actions import ActionChanges
from core.domain.changes import Changes, Entity
from core.domain.errors import RuleViolation
from core.store.changes import record_changes


def test_an_owner_change_names_the_action_its_location_and_both_owners(services, register):
    late = register["late"]
    _detail, changes = record_changes(
        lambda: services.edits.update(late.id, late.version, ActionChanges(owner_id=register["sam"].id))
    )
    assert changes.actions == {late.id}
    assert changes.locations == {register["ken"].id}
    assert changes.people == {register["tom"].id, register["sam"].id}
    assert changes.added_or_removed == frozenset()
    assert changes.touches(Entity.PERSON) and not changes.touches(Entity.REPORT)


def test_bulk_update_names_every_action_it_changed(services, register):
    ids = [register["must"].id, register["should"].id]
    _result, changes = record_changes(
        lambda: services.edits.bulk_update(ids, ActionChanges(owner_id=register["tom"].id))
    )
    assert changes.actions == set(ids)
    assert changes.locations == {register["sid"].id}


def test_adding_a_person_adds_a_row(services):
    person, changes = record_changes(lambda: services.people.add("Ada Lovelace"))
    assert changes.people == {person.id}
    assert changes.added_or_removed == {Entity.PERSON}
    assert not changes.actions


def test_a_new_note_changes_its_action(services, register):
    _note, changes = record_changes(lambda: services.edits.add_note(register["must"].id, "Fridge ordered."))
    assert register["must"].id in changes.actions


def test_a_refused_command_raises_and_reads_change_nothing(services, register):
    with pytest.raises(RuleViolation):
        record_changes(lambda: services.edits.add_note(register["must"].id, "  "))
    _rows, changes = record_changes(lambda: services.actions.count())
    assert changes.is_empty


def test_changes_combine_and_all_touches_everything():
    one = Changes(actions=frozenset({1}), locations=frozenset({2}))
    two = Changes(people=frozenset({3}), added_or_removed=frozenset({Entity.ACTION}))
    both = one | two
    assert (both.actions, both.locations, both.people) == ({1}, {2}, {3})
    assert Entity.ACTION in both.added_or_removed
    assert Changes().is_empty and not Changes().touches(*Entity)
    assert Changes.all().touches(Entity.REPORT)

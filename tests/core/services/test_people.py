import pytest

from core.domain.actions import ActionChanges
from core.domain.errors import NotFound, RuleViolation
from core.domain.vocabulary import ActionStatus


def test_leaving_hands_over_unclosed_actions_in_one_step(services, register):
    priya, sam = register["priya"], register["sam"]
    services.edits.transition(
        register["should"].id,
        register["should"].version,
        ActionStatus.NOT_APPLICABLE,
        reason="Duplicate of a trust-wide action",
    )
    moved = services.people.leave(priya.id, hand_over_to=sam.id)
    assert moved == 1  # the not-applicable one stays with Priya
    assert services.actions.get(register["must"].id).summary.owner_name == "Sam Reid"
    assert services.actions.get(register["should"].id).summary.owner_name == "Priya Shah"
    history = services.actions.history(register["must"].id)
    assert ("owner", "Priya Shah", "Sam Reid (handed over)") == (
        history[-1].field,
        history[-1].old_value,
        history[-1].new_value,
    )
    left = services.people.get(priya.id)
    assert not left.active and left.left_at is not None


def test_people_who_left_cannot_take_actions(services, register):
    services.people.leave(register["sam"].id)
    must = register["must"]
    with pytest.raises(RuleViolation, match="Sam Reid has left"):
        services.edits.update(must.id, must.version, ActionChanges(owner_id=register["sam"].id))
    with pytest.raises(RuleViolation, match="has left"):
        services.people.hand_over(register["priya"].id, register["sam"].id)


def test_names_are_unique_ignoring_case_and_lookup_is_forgiving(services, register):
    with pytest.raises(RuleViolation, match="already a person called"):
        services.people.add("PRIYA   shah")
    assert services.people.find(" priya shah ").id == register["priya"].id
    with pytest.raises(NotFound, match="No person is called Nobody"):
        services.people.find("Nobody")


def test_list_counts_unclosed_actions(services, register):
    counts = {p.name: p.open_actions for p in services.people.list()}
    assert counts == {"Priya Shah": 2, "Sam Reid": 0, "Tom Hughes": 1}

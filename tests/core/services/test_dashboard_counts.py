"""Dashboard counts agree with a plain count, action by action, over a varied register."""

import datetime as dt
import random

from sqlalchemy import insert, select

from core.domain.registry import CountByStatus
from core.domain.vocabulary import ActionStatus, KeyQuestion
from core.store.orm import ActionRecord

LIVE = {ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value}
KEY_QUESTIONS = [q.value for q in KeyQuestion] + [None]


def _varied_actions(location_ids: list[int], owner_ids: list[int], now: dt.datetime) -> list[dict]:
    """Every status, kind, key question and owner (or none), due dates around today (or none), and
    verifications in this month and before it."""
    rng = random.Random(13)
    rows = []
    for i in range(400):
        status = rng.choice([s.value for s in ActionStatus])
        kind = rng.choice(["must", "should"])
        done = status in (ActionStatus.COMPLETED.value, ActionStatus.VERIFIED.value)
        due = now.date() + dt.timedelta(days=rng.randint(-60, 40)) if rng.random() < 0.85 else None
        created = now - dt.timedelta(days=rng.randint(1, 200))
        rows.append(
            {
                "reference": f"VAR-{i:04d}",
                "location_id": rng.choice(location_ids),
                "kind": kind,
                "origin": "must-list" if kind == "must" else "should-list",
                "text": f"Varied action {i}",
                "text_key": f"varied-{i}",
                "key_question": rng.choice(KEY_QUESTIONS),
                "owner_id": rng.choice([*owner_ids, None]),
                "original_due": due,
                "due": due,
                "status": status,
                "priority": "medium",
                "completed_at": created + dt.timedelta(days=5) if done else None,
                "verified_at": (
                    now - dt.timedelta(days=rng.choice([0, 1, 20, 45]))
                    if status == ActionStatus.VERIFIED.value
                    else None
                ),
                "created_at": created,
                "created_by": "tester",
                "updated_at": created,
                "updated_by": "tester",
            }
        )
    return rows


def _reference_buckets(rows: list, key: str, today: dt.date) -> dict:
    buckets: dict = {}
    for row in rows:
        bucket = buckets.setdefault(getattr(row, key), {s.value: 0 for s in ActionStatus} | {"overdue": 0})
        bucket[row.status] += 1
        bucket["overdue"] += row.status in LIVE and row.due is not None and row.due < today
    return buckets


def _as_buckets(counts: list[CountByStatus]) -> dict:
    return {row.key: row.model_dump(exclude={"label", "key"}) for row in counts}


def test_dashboard_counts_equal_a_count_of_every_action(services, clock):
    locations = [services.locations.add(f"Site {n}", provider="Meridian Imaging Ltd") for n in range(5)]
    people = [services.people.add(f"Owner {n}") for n in range(4)]
    now = clock()
    with services.ctx.db.engine.begin() as connection:
        connection.execute(
            insert(ActionRecord), _varied_actions([x.id for x in locations], [p.id for p in people], now)
        )
        rows = connection.execute(select(ActionRecord)).all()
    today = services.ctx.today()
    soon = today + dt.timedelta(days=services.settings.get().amber_days)
    live = [r for r in rows if r.status in LIVE]

    board = services.dashboard.counts(with_trend=False)

    assert board.total == len(rows) == 400
    assert board.open_must == sum(r.kind == "must" for r in live)
    assert board.open_should == sum(r.kind == "should" for r in live)
    assert board.overdue == sum(r.due is not None and r.due < today for r in live)
    assert board.due_soon == sum(r.due is not None and today <= r.due <= soon for r in live)
    assert board.awaiting_verification == sum(r.status == ActionStatus.COMPLETED.value for r in rows)
    assert board.verified_this_month == sum(
        r.status == ActionStatus.VERIFIED.value and r.verified_at >= dt.datetime(today.year, today.month, 1)
        for r in rows
    )
    assert board.unowned_must == sum(r.kind == "must" and r.owner_id is None for r in live)
    assert _as_buckets(board.by_location) == _reference_buckets(rows, "location_id", today)
    assert {row.key: row.label for row in board.by_location} == {x.id: x.name for x in locations}
    assert _as_buckets(board.by_key_question) == _reference_buckets(rows, "key_question", today)
    lives = [row.live for row in board.by_location]
    assert lives == sorted(lives, reverse=True)

"""SQL and Python read the same BRAG truth table: every combination gives the same row in both."""

import datetime as dt
import itertools

from sqlalchemy import select, update

from core.domain.brag import TABLE
from core.domain.vocabulary import ActionKind, ActionStatus
from core.services.brag_sql import rag_rank, rag_row, rag_value
from core.store.orm import ActionRecord


def test_every_combination_agrees_in_sql_and_python(services, register, clock):
    today = clock().date()
    person = register["priya"].id
    dues = [
        None,
        today - dt.timedelta(days=1),
        today,
        today + dt.timedelta(days=14),
        today + dt.timedelta(days=15),
        today + dt.timedelta(days=30),
    ]
    combos = list(itertools.product(ActionStatus, ActionKind, (None, person), dues))
    made: dict[int, tuple] = {}
    for status, kind, owner, due in combos:
        detail = services.edits.create(
            register["sid"].id, kind, f"{status} {kind} {owner} {due}", owner_id=owner, due=due
        )
        made[detail.id] = (status, kind, owner, due)
    with services.ctx.db.writing() as session:  # any status, however reached
        for action_id, (status, *_rest) in made.items():
            session.execute(
                update(ActionRecord).where(ActionRecord.id == action_id).values(status=status.value)
            )
    rows_seen = set()
    for amber in (14, 30):
        with services.ctx.db.reading() as session:
            in_sql = {
                r.id: (r.row, r.value, r.rank)
                for r in session.execute(
                    select(
                        ActionRecord.id,
                        rag_row(today, amber).label("row"),
                        rag_value(today, amber).label("value"),
                        rag_rank(today, amber).label("rank"),
                    ).where(ActionRecord.id.in_(made))
                )
            }
        settings = services.settings.get()
        services.settings.save(settings.model_copy(update={"amber_days": amber}))
        for summary in services.actions.summaries(list(made)):
            row, value, _rank = in_sql[summary.id]
            assert (TABLE[row].rag, TABLE[row].reason) == (summary.rag, summary.rag_reason), made[summary.id]
            assert value == summary.rag.value
            rows_seen.add(row)
    assert len(made) == len(ActionStatus) * 2 * 2 * len(dues)
    assert rows_seen == set(range(len(TABLE)))  # every row of the table was exercised


def test_register_sorts_by_brag_most_urgent_first(services, register):
    from core.domain.actions import ActionFilter, SortKey

    rows = services.actions.page(ActionFilter(), SortKey.RAG).rows
    ranks = [("red", "amber", "green", "blue", "grey").index(r.rag.value) for r in rows]
    assert ranks == sorted(ranks)

"""A realistic large register: 500 locations, 5,000 inspections, 100,000 actions with history.

Built with bulk Core inserts (the ORM unit of work would take minutes) into a migrated database, and
cached under benchmarks/.cache so repeated benchmark runs reuse it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from core.clock import local_today
from core.domain.regulations import regulation_title
from core.domain.vocabulary import Statute
from core.store.audit_chain import seal_connection
from core.store.db import Database
from core.store.migrate import head_revision, upgrade_to_head
from core.store.orm import (
    ActionRecord,
    AuditRecord,
    BlobRecord,
    DueChangeRecord,
    EvidenceRecord,
    InspectionRecord,
    LocationRecord,
    NoteRecord,
    PersonRecord,
    ProviderRecord,
)
from core.store.search import bulk_loading

CACHE = Path(__file__).resolve().parent / ".cache"
TODAY = local_today()
PLACES = [
    "Ashcombe",
    "Harrowfield",
    "Kestrel Bay",
    "Wendover Cross",
    "Millbrook",
    "Stanmere",
    "Oakridge",
    "Fenwick",
    "Larkhill",
    "Brindle",
    "Cotterell",
    "Dunmore",
    "Elmstead",
    "Graylings",
    "Hollins",
    "Ivybridge Vale",
    "Juniper",
    "Kingsmead",
    "Langford",
    "Moorfield",
]
KINDS_OF_SITE = [
    "PET-CT Centre",
    "MRI Unit",
    "Diagnostic Centre",
    "Care Home",
    "Nursing Home",
    "Surgery",
    "Dental Practice",
    "Community Hospital",
    "Imaging Suite",
    "Clinic",
]
OPENERS = [
    "The provider must ensure that",
    "The service must make sure",
    "The trust should consider how",
    "The provider should review whether",
    "Ensure that",
    "The registered manager must ensure",
]
SUBJECTS = [
    "staff complete mandatory safeguarding training at the required level",
    "medicines, including controlled drugs, are stored securely and at the right temperature",
    "patient records are complete, contemporaneous and stored securely",
    "risk assessments for radiation exposure are reviewed and acted upon",
    "there are enough suitably qualified radiographers on every shift",
    "infection prevention and control audits are completed and actions followed up",
    "insulin administration is recorded accurately for every resident",
    "governance processes identify and address shortfalls in the quality of the service",
    "complaints are acknowledged and investigated within the policy timescales",
    "equipment is serviced in line with the manufacturer's guidance",
]
TAILS = [
    "",
    " so that people are kept safe from avoidable harm.",
    " and that this is monitored through audit.",
    " in line with national guidance.",
    " and lessons learned are shared with all staff.",
]
STATUSES = (
    ["open"] * 35 + ["in_progress"] * 25 + ["completed"] * 15 + ["verified"] * 20 + ["not_applicable"] * 5
)
KEY_QUESTIONS = ["safe", "effective", "caring", "responsive", "well-led", None]
RATINGS = ["Good"] * 6 + ["Requires improvement"] * 3 + ["Outstanding", "Inadequate"]
REGULATIONS = ["12", "17", "18", "13", "15", "9", "11"]


SIZES = (
    10_000,
    100_000,
    1_000_000,
)  # the register sizes every benchmark reports, with the growth between them


def sizes() -> tuple[int, ...]:
    """The sizes to run (CANDOUR_BENCH_SIZES=10000,100000 to skip the million)."""
    chosen = os.environ.get("CANDOUR_BENCH_SIZES")
    return tuple(int(n) for n in chosen.split(",")) if chosen else SIZES


def register_of(actions: int) -> Path:
    """The cached register with this many actions: one location per 200 actions, one inspection per 20."""
    return cached_database(max(actions // 200, 1), max(actions // 20, 1), actions)


def cached_database(locations: int = 500, inspections: int = 5_000, actions: int = 100_000) -> Path:
    # Named by date (due dates are relative to today) and schema, so a new migration means a new file.
    path = CACHE / f"register-{locations}-{inspections}-{actions}-{TODAY:%Y%m%d}-r{head_revision()}.sqlite3"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        for old in CACHE.glob(f"register-{locations}-{inspections}-{actions}-*.sqlite3*"):
            old.unlink()
        generate(path.with_suffix(".partial"), locations, inspections, actions)
        path.with_suffix(".partial").replace(path)
    return path


def generate(path: Path, locations: int, inspections: int, actions: int, seed: int = 7) -> Path:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    rng = random.Random(seed)
    db = Database(path)
    upgrade_to_head(db)
    now = dt.datetime.combine(TODAY, dt.time(9))
    with db.engine.begin() as conn, bulk_loading(conn.exec_driver_sql):  # index the search once, at the end
        conn.execute(insert(ProviderRecord), [{"id": 1, "name": "Meridian Health Group Limited"}])
        conn.execute(
            insert(PersonRecord),
            [
                {"id": i, "name": f"Owner {i:03d}", "role": "Site manager", "active": i % 40 != 0}
                for i in range(1, 201)
            ],
        )
        conn.execute(insert(LocationRecord), [_location(i, now) for i in range(1, locations + 1)])
        inspection_rows = [_inspection(i, locations, rng) for i in range(1, inspections + 1)]
        conn.execute(insert(InspectionRecord), inspection_rows)
        action_rows = [_action(i, inspection_rows, rng, now) for i in range(1, actions + 1)]
        notes, slips, evidence, audit = _history(action_rows, rng, now)  # also sets counts and slipped dates
        conn.execute(insert(ActionRecord), action_rows)
        conn.execute(insert(NoteRecord), notes)
        conn.execute(insert(DueChangeRecord), slips)
        content = b"Audit results: 20 of 20 records compliant.\n"
        conn.execute(
            insert(BlobRecord),
            [{"sha256": hashlib.sha256(content).hexdigest(), "size": len(content), "content": content}],
        )
        conn.execute(insert(EvidenceRecord), evidence)
        conn.execute(insert(AuditRecord), audit)
        conn.exec_driver_sql("UPDATE audit SET at_utc = strftime('%Y-%m-%dT%H:%M:%S+00:00', at)")
        seal_connection(conn)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # what PRAGMA optimize on closing gives a register that grew in use
    db.dispose()
    return path


def _location(i: int, now: dt.datetime) -> dict[str, Any]:
    name = f"{PLACES[i % len(PLACES)]} {KINDS_OF_SITE[(i // len(PLACES)) % len(KINDS_OF_SITE)]} {i}"
    return {
        "id": i,
        "provider_id": 1,
        "code": f"L{i:03d}",
        "name": name,
        "postcode": f"AS{i % 9 + 1} {i % 9}QT",
        "archived": i % 97 == 0,
        "created_at": now,
    }


def _inspection(i: int, locations: int, rng: random.Random) -> dict[str, Any]:
    day = TODAY - dt.timedelta(days=rng.randint(30, 3000))
    ratings = {kq: rng.choice(RATINGS) for kq in ["safe", "effective", "caring", "responsive", "well-led"]}
    return {
        "id": i,
        "location_id": (i - 1) % locations + 1,
        "key_date": day,
        "visit_dates": [day.isoformat()],
        "published": day + dt.timedelta(days=60),
        "kind": "routine inspection",
        "overall_rating": rng.choice(RATINGS),
        "ratings": ratings,
        "service_ratings": {},
        "scores": {},
    }


def _action(
    i: int, inspections: list[dict[str, Any]], rng: random.Random, now: dt.datetime
) -> dict[str, Any]:
    inspection = inspections[(i * 7919) % len(inspections)]
    kind = "must" if rng.random() < 0.4 else "should"
    status = rng.choice(STATUSES)
    text = f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)}{rng.choice(TAILS)}"
    reg = rng.choice(REGULATIONS) if kind == "must" else None
    due = TODAY + dt.timedelta(days=rng.randint(-200, 300)) if rng.random() < 0.9 else None
    year = inspection["key_date"].year
    owner = rng.randint(1, 200) if rng.random() < 0.85 else None
    created = now - dt.timedelta(days=rng.randint(1, 900))
    done = status in ("completed", "verified")
    return {
        "id": i,
        "reference": f"L{inspection['location_id']:03d}-{year}-{kind[0].upper()}{i:06d}",
        "location_id": inspection["location_id"],
        "inspection_id": inspection["id"],
        "report_id": None,
        "kind": kind,
        "origin": "must-list" if kind == "must" else "should-list",
        "text": text,
        "text_key": hashlib.sha256(f"{text}{i}".encode()).hexdigest(),
        "section": "Areas for improvement",
        "reg_number": reg,
        "reg_paragraphs": "(2)(b)" if reg else None,
        "reg_statute": Statute.RA_2014.value if reg else None,
        "reg_title": regulation_title(Statute.RA_2014, reg) if reg else None,
        "key_question": rng.choice(KEY_QUESTIONS),
        "service": None,
        "owner_id": owner,
        "original_due": due,
        "due": due,
        "status": status,
        "priority": "high" if kind == "must" else "medium",
        "completed_at": created + dt.timedelta(days=30) if done else None,
        "completed_by": "Owner" if done else None,
        "verified_at": created + dt.timedelta(days=40) if status == "verified" else None,
        "verifier_id": (owner or 1) % 200 + 1 if status == "verified" else None,
        "not_applicable_reason": "Service closed" if status == "not_applicable" else None,
        "note_count": 0,
        "evidence_count": 0,
        "created_at": created,
        "created_by": "importer",
        "updated_at": created,
        "updated_by": "importer",
        "version": 1,
    }


def _history(
    actions: list[dict[str, Any]], rng: random.Random, now: dt.datetime
) -> tuple[list[dict[str, Any]], ...]:
    notes, slips, evidence, audit = [], [], [], []
    digest = hashlib.sha256(b"Audit results: 20 of 20 records compliant.\n").hexdigest()
    for action in actions:
        audit.append(
            {
                "at": action["created_at"],
                "actor": "importer",
                "entity": "action",
                "entity_id": action["id"],
                "action_id": action["id"],
                "operation": "create",
                "new_value": action["reference"],
            }
        )
        for n in range(rng.choice([0, 0, 1, 1, 2, 3])):
            notes.append(
                {
                    "action_id": action["id"],
                    "author": "Owner",
                    "text": f"Progress update {n + 1}.",
                    "created_at": action["created_at"] + dt.timedelta(days=n + 1),
                }
            )
            action["note_count"] += 1
        if action["due"] and rng.random() < 0.3:
            new_due = action["due"] + dt.timedelta(days=rng.randint(14, 90))
            slips.append(
                {
                    "action_id": action["id"],
                    "old_due": action["due"],
                    "new_due": new_due,
                    "reason": "Awaiting contractor",
                    "changed_by": "Owner",
                    "changed_at": now,
                }
            )
            audit.append(
                {
                    "at": now,
                    "actor": "Owner",
                    "entity": "action",
                    "entity_id": action["id"],
                    "action_id": action["id"],
                    "operation": "update",
                    "field": "due",
                    "old_value": action["due"].isoformat(),
                    "new_value": new_due.isoformat(),
                }
            )
            action["due"] = new_due
        if action["status"] in ("completed", "verified"):
            evidence.append(
                {
                    "action_id": action["id"],
                    "original_name": "audit.txt",
                    "sha256": digest,
                    "size": 44,
                    "added_by": "Owner",
                    "added_at": now,
                }
            )
            action["evidence_count"] += 1
    return notes, slips, evidence, audit

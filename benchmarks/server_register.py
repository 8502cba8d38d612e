"""The benchmarks' cached SQLite register copied onto a PostgreSQL server (what a team's server would hold).

The server is CANDOUR_BENCH_DATABASE_URL, or the local one the CI script sets up (login candour, database
candour_bench, made here if the login may create databases). The copy is made once per register file and
search index definition: the schema's comment names both.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from core.store.db import Database
from core.store.migrate import upgrade_to_head
from core.store.orm import Base
from core.store.server_search import definition_digest, rebuild_server_search

DEFAULT_URL = "postgresql+psycopg://candour:candour@localhost:5432/candour_bench"
_INDEXED = ("action", "location", "person", "note")  # the tables whose triggers keep the search index


def server_url() -> str:
    return os.environ.get("CANDOUR_BENCH_DATABASE_URL", DEFAULT_URL)


def unreachable(url: str) -> str | None:
    """Why the server cannot be used for the benchmark, in one sentence, or None."""
    try:
        import psycopg  # noqa: F401  (the postgres extra)
    except ImportError:
        return "the PostgreSQL driver is not installed (pip install -e .[postgres])"
    try:
        _ensure_database(url)
        with create_engine(url, connect_args={"connect_timeout": 5}).connect():
            pass
    except SQLAlchemyError as error:  # any failure to reach the server means: no server figures
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"no PostgreSQL server at {make_url(url).render_as_string()} ({first})"
    return None


def _ensure_database(url: str) -> None:
    parsed = make_url(url)
    maintenance = create_engine(
        parsed.set(database="postgres"), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with maintenance.connect() as connection:
            found = connection.exec_driver_sql(
                "SELECT 1 FROM pg_database WHERE datname = %(name)s", {"name": parsed.database}
            ).first()
            if found is None:
                connection.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
    finally:
        maintenance.dispose()


def server_copy(source: Path, url: str) -> Database | str:
    """The server database holding a copy of `source` (copied now unless it already is), or why not: a
    database holding anything but an earlier copy is never emptied for a benchmark."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            comment = connection.exec_driver_sql(
                "SELECT obj_description('public'::regnamespace, 'pg_namespace')"
            ).scalar()
            tables = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).scalar()
        if comment != _stamp(source):
            if tables and not str(comment or "").startswith("register-"):
                where = make_url(url).render_as_string()
                return f"{where} holds other data; give the benchmark an empty database of its own"
            _copy(source, url, engine)
    finally:
        engine.dispose()
    return Database(url)


def _stamp(source: Path) -> str:
    return f"{source.name} {definition_digest()}"


def _copy(source: Path, url: str, engine: Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    db = Database(url)
    upgrade_to_head(db)
    db.dispose()
    raw = sqlite3.connect(source)
    try:
        with engine.begin() as connection:
            run = connection.exec_driver_sql
            for name in _INDEXED:
                run(f"ALTER TABLE {name} DISABLE TRIGGER USER")  # index once, at the end
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            for table in Base.metadata.sorted_tables:
                columns = [c.name for c in table.columns]
                names = ", ".join(f'"{c}"' for c in columns)
                with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for row in raw.execute(f"SELECT {names} FROM {table.name}"):
                        copy.write_row(row)
                if "id" in columns and table.c.id.autoincrement is not False:
                    run(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
            rebuild_server_search(run)
            for name in _INDEXED:
                run(f"ALTER TABLE {name} ENABLE TRIGGER USER")
            run(f"COMMENT ON SCHEMA public IS '{_stamp(source)}'")
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    finally:
        raw.close()

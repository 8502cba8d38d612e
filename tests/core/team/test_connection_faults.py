"""Connecting to a server goes wrong in one sentence each, and changes nothing."""

import uuid

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

import core.store.migrate
from core.cli.main import main
from core.domain.actions import ActionChanges
from core.domain.errors import DatabaseError, ServerUnavailable
from core.domain.vocabulary import ActionKind
from core.services.app import open_services
from core.services.backup import back_up
from core.store.db import CONNECT_TIMEOUT_S, Database
from tests.conftest import fresh_database
from tests.support.tcp_proxy import CuttableProxy


def url_with(server_url: str, **parts) -> str:
    return make_url(server_url).set(**parts).render_as_string(hide_password=False)


def one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and "Traceback" not in message


def test_a_wrong_password_is_one_sentence(server_url):
    with pytest.raises(DatabaseError) as error:
        open_services(url_with(server_url, password="not-the-password"))
    assert str(error.value).endswith(
        f"refused the password for {make_url(server_url).username}; check it and try again."
    ) and one_sentence(str(error.value))


def test_an_unknown_database_is_one_sentence(server_url):
    with pytest.raises(DatabaseError, match="has no database called i15_no_such_database;") as error:
        open_services(url_with(server_url, database="i15_no_such_database"))
    assert one_sentence(str(error.value))


def test_an_unreachable_server_is_one_sentence_and_never_waited_on_for_ever(server_url):
    with pytest.raises(DatabaseError, match=r"The server 127\.0\.0\.1:9 could not be reached") as error:
        open_services(url_with(server_url, host="127.0.0.1", port=9))
    assert one_sentence(str(error.value))
    db = Database(server_url)
    seen: dict = {}
    event.listen(db.engine, "do_connect", lambda _dialect, _record, _args, params: seen.update(params))
    try:
        db.login()
    finally:
        db.dispose()
    assert seen["connect_timeout"] == CONNECT_TIMEOUT_S  # the driver gives up on a silent server


def test_an_unsupported_server_version_is_one_sentence(services, server_url, monkeypatch):
    monkeypatch.setattr(core.store.migrate, "OLDEST_SERVER", 990000)
    with pytest.raises(DatabaseError, match=r"runs PostgreSQL \d+; Candour needs PostgreSQL 99 or newer\."):
        open_services(server_url)


def test_a_database_that_is_not_candours_is_refused_untouched(services, server_url):
    services.close()
    with services.ctx.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE invoices (id integer primary key)"
        )
    with pytest.raises(DatabaseError, match="is not a Candour database: it holds a table 'invoices'"):
        open_services(server_url)
    with services.ctx.db.engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).scalars()
        assert list(tables) == ["invoices"]


def test_backup_of_a_server_database_names_pg_dump(services, server_url, tmp_path, capsys):
    with pytest.raises(DatabaseError, match="pg_dump"):
        back_up(services.ctx.db, tmp_path / "copy.sqlite3")
    assert main(["--db", server_url, "backup", "-o", str(tmp_path / "copy.sqlite3")]) == 2
    assert "pg_dump" in capsys.readouterr().err and not (tmp_path / "copy.sqlite3").exists()


def test_a_server_lost_mid_session_is_one_sentence_and_the_session_carries_on_when_it_returns(
    server_url, tmp_path
):
    fresh_database(tmp_path / "unused.sqlite3").dispose()
    target = make_url(server_url)
    proxy = CuttableProxy(target.host or "localhost", target.port or 5432)
    services = open_services(url_with(server_url, host="127.0.0.1", port=proxy.port))
    try:
        location = services.locations.add("Holmwood Grange")
        action = services.edits.create(location.id, ActionKind.MUST, "Store medicines safely.")
        proxy.cut()
        with pytest.raises(ServerUnavailable) as error:
            services.edits.update(action.id, action.version, ActionChanges(text="Lock the fridge."))
        assert one_sentence(str(error.value)) and f"The server 127.0.0.1:{proxy.port} " in str(error.value)
        proxy.restore()
        unchanged = services.actions.get(action.id)  # the same session carries on, and nothing was written
        assert (unchanged.summary.text, unchanged.version) == ("Store medicines safely.", action.version)
        services.edits.update(action.id, action.version, ActionChanges(text="Lock the fridge."))
        assert services.actions.get(action.id).summary.text == "Lock the fridge."
    finally:
        proxy.close()
        services.close()


def test_a_database_that_does_not_store_text_as_utf8_is_one_sentence(server_url):
    from sqlalchemy import create_engine

    name = f"candour_ascii_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url_with(server_url, database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(
            f"CREATE DATABASE {name} ENCODING 'SQL_ASCII' TEMPLATE template0 LOCALE 'C'"
        )
    try:
        with pytest.raises(
            DatabaseError, match="stores text as SQL_ASCII; Candour needs a UTF8 database"
        ) as error:
            open_services(url_with(server_url, database=name))
        assert one_sentence(str(error.value))
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name}")
        admin.dispose()

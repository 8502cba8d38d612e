"""The connection dialog: a failed connection says why in one line and keeps the entries; the password goes
to the keyring only when asked, and everything else is remembered for next time."""

import keyring
from sqlalchemy.engine import make_url

from core.domain.errors import DatabaseError
from core.services.server_connection import KEYRING_SERVICE, ServerConnection
from desktop.server_dialog import ServerDialog


def fill(dialog: ServerDialog, password: str) -> None:
    dialog.host.setText("db.example.org")
    dialog.port.setValue(5433)
    dialog.database.setText("candour")
    dialog.user.setText("priya")
    dialog.password.setText(password)
    dialog.tls.setCurrentText("require")


def test_a_failed_connection_says_why_and_keeps_every_entry(qtbot):
    tried = []

    def refuse(url: str):
        tried.append(url)
        raise DatabaseError(
            "The server db.example.org:5433 refused the password for priya; check it and try again."
        )

    dialog = ServerDialog(None, refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, "wrong")
    dialog.try_connect()
    assert dialog.isVisible() and dialog.services is None
    assert dialog.problem.isVisible() and dialog.problem.text().startswith(
        "The server db.example.org:5433 refused"
    )
    assert (dialog.host.text(), dialog.user.text(), dialog.password.text()) == (
        "db.example.org",
        "priya",
        "wrong",
    )
    url = make_url(tried[0])
    assert (url.host, url.port, url.database, url.username, url.password, url.query["sslmode"]) == (
        "db.example.org",
        5433,
        "candour",
        "priya",
        "wrong",
        "require",
    )
    assert keyring.get_password(KEYRING_SERVICE, "priya@db.example.org:5433/candour") is None


def test_the_password_is_kept_in_the_keyring_only_when_asked(qtbot, services):
    dialog = ServerDialog(None, lambda _url: services)
    qtbot.addWidget(dialog)
    fill(dialog, "s3cret")
    dialog.try_connect()
    assert (
        dialog.services is services and keyring.get_password(KEYRING_SERVICE, dialog.connection().key) is None
    )
    dialog = ServerDialog(None, lambda _url: services)
    qtbot.addWidget(dialog)
    fill(dialog, "s3cret")
    dialog.remember.setChecked(True)
    dialog.try_connect()
    assert keyring.get_password(KEYRING_SERVICE, "priya@db.example.org:5433/candour") == "s3cret"
    again = ServerDialog(dialog.connection(), lambda _url: services)
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.tls.currentText(), again.password.text()) == (
        "db.example.org",
        5433,
        "require",
        "s3cret",
    )


def test_the_last_server_is_remembered_without_its_password(ui_settings):
    ui_settings.last_server = ServerConnection(host="db.example.org", user="priya", tls="verify-full")
    assert ui_settings.last_server == ServerConnection(host="db.example.org", user="priya", tls="verify-full")
    assert "password" not in ui_settings.last_server.model_dump()

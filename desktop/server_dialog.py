"""File › Connect to a team server: server, database, login, password and TLS mode. A connection that fails
says why in one line and the dialog stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.domain.errors import CandourError
from core.services.app import Services
from core.services.server_connection import (
    TLS_MODES,
    ServerConnection,
    remember_password,
    remembered_password,
)

Connect = Callable[[str], Services]  # a URL -> the opened services (raises CandourError)


class ServerDialog(QDialog):
    def __init__(
        self, last: ServerConnection | None, connect: Connect, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to a team server")
        self.setMinimumWidth(440)
        self._connect = connect
        self.services: Services | None = None
        self.host, self.database, self.user = QLineEdit(), QLineEdit("candour"), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls = QComboBox()
        self.tls.addItems(list(TLS_MODES))
        self.remember = QCheckBox("Keep the password in this computer's keyring")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Database", self.database)
        form.addRow("Your login", self.user)
        form.addRow("Password", self.password)
        form.addRow("TLS", self.tls)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(buttons)
        if last is not None:
            self.show_connection(last)

    def show_connection(self, connection: ServerConnection) -> None:
        self.host.setText(connection.host)
        self.port.setValue(connection.port)
        self.database.setText(connection.database)
        self.user.setText(connection.user)
        self.tls.setCurrentText(connection.tls)
        kept = remembered_password(connection)
        if kept:
            self.password.setText(kept)
            self.remember.setChecked(True)

    def connection(self) -> ServerConnection:
        return ServerConnection(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            tls=self.tls.currentText(),
        )

    def try_connect(self) -> None:
        """Open the database; on failure show the one sentence and keep every entry as typed."""
        connection = self.connection()
        try:
            self.services = self._connect(connection.url(self.password.text()))
            if self.remember.isChecked():
                remember_password(connection, self.password.text())
        except CandourError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.accept()

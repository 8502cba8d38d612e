"""A team's server as the connection dialog describes it, and its password in the operating system's
keyring."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import URL

from core.domain.errors import DatabaseError

KEYRING_SERVICE = "Candour database"
TlsMode = Literal["prefer", "require", "verify-full", "disable"]
TLS_MODES: tuple[TlsMode, ...] = ("prefer", "require", "verify-full", "disable")


class ServerConnection(BaseModel):
    """Everything but the password (which is never kept with the rest)."""

    model_config = ConfigDict(frozen=True)

    host: str
    port: int = 5432
    database: str = "candour"
    user: str
    tls: TlsMode = "prefer"

    @property
    def key(self) -> str:
        """Names the password in the keyring: user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None) -> str:
        missing = [
            label
            for label, value in (("server", self.host), ("database", self.database), ("user", self.user))
            if not value.strip()
        ]
        if missing:
            raise DatabaseError(f"The connection needs a {' and a '.join(missing)}.")
        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip(),
            password=password or None,
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
            query={"sslmode": self.tls},
        ).render_as_string(hide_password=False)


def remembered_password(connection: ServerConnection) -> str | None:
    """The password kept for this connection, or None (also when this computer has no usable keyring)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, connection.key)
    except Exception:  # noqa: BLE001 - a broken or absent keyring simply means "nothing remembered"
        return None


def remember_password(connection: ServerConnection, password: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, connection.key, password)
    except Exception as error:  # noqa: BLE001 - every backend failure becomes one sentence
        raise DatabaseError(
            f"The password for {connection.key} could not be kept: this computer has no usable "
            f"keyring ({type(error).__name__})."
        ) from None

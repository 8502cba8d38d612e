"""Where the API is and which key to use: the key lives in the OS keyring (or CANDOUR_CQC_KEY), never in
files.

`keyring` is imported only when a key is read or stored, so Candour starts without it.
"""

from __future__ import annotations

import os

from core.cqc.errors import PORTAL, CqcError, CqcKeyMissing, KeyringUnavailable

DEFAULT_API_URL = "https://api.service.cqc.org.uk/public/v1"
API_URL_ENV = "CANDOUR_CQC_API"
KEY_ENV = "CANDOUR_CQC_KEY"
KEYRING_SERVICE = "Candour CQC API"
KEYRING_USER = "subscription key"


def api_url(given: str | None = None) -> str:
    """--api-url, else CANDOUR_CQC_API, else CQC's public API."""
    url = (given or os.environ.get(API_URL_ENV) or DEFAULT_API_URL).strip()
    if not url.lower().startswith(("http://", "https://")):
        raise CqcError(
            f"'{url}' is not a web address for the CQC API; it must start with https:// (or http://)."
        )
    return url.rstrip("/")


def subscription_key() -> str:
    """CANDOUR_CQC_KEY (unattended runs), else the key stored in the keyring; says where to get one if
    neither."""
    key = os.environ.get(KEY_ENV, "").strip() or stored_key()
    if not key:
        raise CqcKeyMissing(
            f"No CQC API key is set: register on the CQC API portal ({PORTAL}), subscribe to the syndication "
            "product, then store the subscription key with 'candour sync --store-key' (or in the sync "
            f"dialog) or set {KEY_ENV}."
        )
    return key


def stored_key() -> str | None:
    """The key in the keyring, or None (also when this computer has no usable keyring)."""
    try:
        import keyring

        return (keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or "").strip() or None
    except Exception:  # noqa: BLE001 - a broken or absent keyring simply means "no stored key"
        return None


def store_key(key: str) -> None:
    key = key.strip()
    if not key:
        raise CqcError("The CQC API key is empty, so nothing was stored.")
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
    except Exception as error:  # noqa: BLE001 - every backend failure becomes one sentence
        raise KeyringUnavailable(
            f"The key could not be stored because this computer has no usable keyring ({_reason(error)}); "
            f"set {KEY_ENV} instead."
        ) from None


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()).rstrip(".")
    return text[:160] if text else type(error).__name__

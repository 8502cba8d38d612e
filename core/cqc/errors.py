"""What can go wrong talking to CQC; each error is one sentence for the user."""

from __future__ import annotations

from core.domain.errors import CandourError

PORTAL = "https://api-portal.service.cqc.org.uk"


class CqcError(CandourError):
    """Any failure of a CQC sync; str(error) is the sentence to show."""


class CqcKeyMissing(CqcError):
    """No subscription key is configured."""


class CqcKeyRefused(CqcError):
    """CQC refused the subscription key (wrong, expired or not subscribed)."""


class CqcNotFound(CqcError):
    """CQC has no such provider, location or report."""


class CqcUnavailable(CqcError):
    """CQC could not be reached, or kept refusing, after every retry: the sync stops and can be resumed."""


class CqcBadAnswer(CqcError):
    """CQC answered, but not with what was asked for (malformed JSON, an unexpected shape)."""


class CqcCancelled(CqcError):
    """The user cancelled the sync."""


class KeyringUnavailable(CqcError):
    """The operating system's keyring could not store or read the key."""

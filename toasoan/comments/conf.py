"""The comment settings (``TOASOAN_COMMENTS_*``, environment ``COMMENTS_*``; docs/newsroom.md, docs/security.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

CONSENT_VERSION = "2026-01"  # the wording of the consent box the reader ticked (templates/comments/form.html)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def rate_from(value: str) -> Rate:
    """``"count/seconds"`` (seconds default 60) as a Rate."""
    count, _sep, seconds = str(value).partition("/")
    return Rate(count=int(count), seconds=int(seconds or 60))


def enabled() -> bool:
    return bool(getattr(settings, "TOASOAN_COMMENTS_ENABLED", True))


def default_mode() -> str:
    return getattr(settings, "TOASOAN_COMMENTS_DEFAULT_MODE", "pre")


def max_chars() -> int:
    return int(getattr(settings, "TOASOAN_COMMENTS_MAX_CHARS", 2000))


def client_rate() -> Rate:
    return rate_from(getattr(settings, "TOASOAN_COMMENTS_RATE_CLIENT", "5/600"))


def email_rate() -> Rate:
    return rate_from(getattr(settings, "TOASOAN_COMMENTS_RATE_EMAIL", "10/3600"))


def account_rate() -> Rate:
    """Comments one reader account may send in a window (besides the client's and the address's limits)."""
    return rate_from(getattr(settings, "TOASOAN_COMMENTS_RATE_ACCOUNT", "10/3600"))


def live_poll_seconds() -> int:
    """How often the page of a running live story asks for newly shown comments (0: never)."""
    return int(getattr(settings, "TOASOAN_COMMENTS_LIVE_POLL_SECONDS", 15))


def ip_retention_days() -> int:
    return int(getattr(settings, "TOASOAN_COMMENTS_IP_RETENTION_DAYS", 30))


def contact_retention_days() -> int:
    return int(getattr(settings, "TOASOAN_COMMENTS_CONTACT_RETENTION_DAYS", 365))


def rejected_retention_days() -> int:
    return int(getattr(settings, "TOASOAN_COMMENTS_REJECTED_RETENTION_DAYS", 90))


def hide_after_reports() -> int:
    return int(getattr(settings, "TOASOAN_COMMENTS_HIDE_AFTER_REPORTS", 3))


def phone_verifier() -> str:
    return getattr(settings, "TOASOAN_COMMENTS_PHONE_VERIFIER", "")


def phone_code_rate() -> Rate:
    """Verification codes one client may ask for in a window, whatever the numbers (each number: 3 an hour)."""
    return rate_from(getattr(settings, "TOASOAN_COMMENTS_RATE_PHONE_CODES", "5/3600"))


def keyed_hash(kind: str, value: str) -> str:
    """A keyed (HMAC-SHA256, with the site's secret) hash: the same value gives the same hash, and nobody
    without the secret can test guesses against it."""
    return salted_hmac(f"toasoan.comments.{kind}", value.strip().lower(), algorithm="sha256").hexdigest()

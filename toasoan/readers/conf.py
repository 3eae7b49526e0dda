"""Reader-account settings (``TOASOAN_READERS_*``, environment ``READERS_*``; docs/security.md)."""

from __future__ import annotations

from django.conf import settings

# The wording of the consent box at sign-up (forms.SignUpForm); kept on the account, and on each of its comments.
CONSENT_VERSION = "2026-01-tk"
COOKIE_NAME = "toasoan_bandoc"
# The reader's cookie goes to the comment endpoints and the account pages only, never to a story page, so no
# cache or front can vary a page by it (and the newsroom's session cookie, which bypasses the caches, is not used).
COOKIE_PATH = "/binh-luan/"


def enabled() -> bool:
    return bool(getattr(settings, "TOASOAN_READERS_ENABLED", True))


def session_days() -> int:
    return int(getattr(settings, "TOASOAN_READERS_SESSION_DAYS", 30))


def signup_rate() -> str:
    """How many accounts one client may open in a window: ``count/seconds``."""
    return getattr(settings, "TOASOAN_READERS_RATE_SIGNUP", "3/3600")


def link_hours() -> int:
    """How long the link of a password-reset or confirmation email stays valid."""
    return int(getattr(settings, "TOASOAN_READERS_LINK_HOURS", 24))


def mail_rate() -> str:
    """How many emails one client may ask for, and one account may receive, in a window: ``count/seconds``."""
    return getattr(settings, "TOASOAN_READERS_RATE_MAIL", "3/3600")


def inactive_days() -> int:
    """Days after the last sign-in (or the sign-up) when an unused account is deleted; 0 keeps accounts."""
    return int(getattr(settings, "TOASOAN_READERS_INACTIVE_DAYS", 730))


def phone_verified_days() -> int:
    """Days an account's verified phone number stands for a new code on its comments; 0 asks a code each time."""
    return int(getattr(settings, "TOASOAN_READERS_PHONE_VERIFIED_DAYS", 180))

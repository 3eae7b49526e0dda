"""The page token of the view beacon: issued, signed, with each article page; checked with each beacon.

A token names the article and the hour the page was rendered, signed with ``SECRET_KEY``: a beacon counts
only for the article of a page this site served within ``TOASOAN_BEACON_TOKEN_HOURS``. Pages are cached and
shared, so the token says nothing about who reads: counting one reader once is the job of the address and
browser windows (:mod:`toasoan.analytics.counters`), which the client does not choose either.

Format: ``<hour in base 36>-<22 characters of HMAC-SHA256, base64url>`` (within the beacon grammar
``[A-Za-z0-9_-]{1,64}`` that nginx checks).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from django.conf import settings

MAC_LENGTH = 22
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def token_hours() -> int:
    return int(getattr(settings, "TOASOAN_BEACON_TOKEN_HOURS", 48))


def _base36(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = DIGITS[digit] + out
        if not number:
            return out


def _mac(article_id: int, hour: int) -> str:
    key = hashlib.sha256(f"toasoan.analytics.tokens|{settings.SECRET_KEY}".encode()).digest()
    digest = hmac.new(key, f"{article_id}:{hour}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:MAC_LENGTH]


def issue(*, article_id: int, now: float | None = None) -> str:
    hour = int(time.time() if now is None else now) // 3600
    return f"{_base36(hour)}-{_mac(article_id, hour)}"


def is_valid(*, token: str, article_id: int, now: float | None = None) -> bool:
    """The token was issued by this site for this article, no more than ``TOASOAN_BEACON_TOKEN_HOURS`` ago."""
    stamp, _, mac = (token or "").partition("-")
    if not stamp or len(stamp) > 8 or len(mac) != MAC_LENGTH:
        return False
    try:
        hour = int(stamp, 36)
    except ValueError:
        return False
    current = int(time.time() if now is None else now) // 3600
    if not current - token_hours() <= hour <= current + 1:
        return False
    return hmac.compare_digest(mac, _mac(article_id, hour))

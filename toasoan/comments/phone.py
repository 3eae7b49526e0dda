"""Optional phone verification of commenters, through a provider adapter; off by default.

``TOASOAN_COMMENTS_PHONE_VERIFIER`` (environment ``COMMENTS_PHONE_VERIFIER``): empty (off), ``console`` (the
development adapter: the code is written to the log, nothing is sent), ``http`` (``HttpSmsVerifier``: one JSON
POST to an SMS gateway, configured by the ``TOASOAN_COMMENTS_SMS_*`` settings), or the dotted path of a class with
``send_code(*, phone, code)`` that hands the code to an SMS provider (raising ``SmsError`` when it could not). The
code is kept (hashed) in the cache for ten minutes and may be tried five times; it is bound to who asked for it
(``owner``: a reader account, or "" for a commenter without one), so a code sent for one account proves nothing for
another. An account that verified a number keeps it (``readers.Reader.verified_phone``); a commenter without an
account verifies for each comment.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import unicodedata
import urllib.error
import urllib.request
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string

from toasoan.comments import conf

logger = logging.getLogger(__name__)
CODE_SECONDS = 600
MAX_TRIES = 5
_VN_MOBILE = re.compile(r"^0[35789][0-9]{8}$")  # ASCII digits only: \d would take any script's


class PhoneVerifier(Protocol):
    def send_code(self, *, phone: str, code: str) -> None: ...


class ConsoleVerifier:
    """For development: the code goes to the log of the web process instead of an SMS."""

    def send_code(self, *, phone: str, code: str) -> None:
        logger.info("Mã xác thực bình luận cho %s: %s", phone, code)


class SmsError(Exception):
    """The provider did not take the message (network, refusal, timeout)."""


# Brandname SMS in Vietnam is usually sent without diacritics (a Unicode SMS holds 70 characters, not 160).
DEFAULT_SMS_TEXT = "Ma xac thuc binh luan cua ban la {code}. Ma het han sau 10 phut. Khong dua ma nay cho ai."


class HttpSmsVerifier:
    """Sends the code through an HTTP SMS gateway: ``POST TOASOAN_COMMENTS_SMS_URL`` with the JSON body
    ``{"to": "+84912345678", "from": SENDER, "text": TEXT}`` and, when ``TOASOAN_COMMENTS_SMS_TOKEN`` is set, the
    header ``Authorization: Bearer TOKEN``; any 2xx answer means sent. ``TOASOAN_COMMENTS_SMS_SENDER`` is the
    brandname, ``TOASOAN_COMMENTS_SMS_TEXT`` the message (``{code}`` is replaced), ``TOASOAN_COMMENTS_SMS_TIMEOUT``
    the seconds to wait. A gateway with another body or header: subclass and override ``payload``/``headers``,
    and point ``COMMENTS_PHONE_VERIFIER`` at the subclass."""

    def __init__(self) -> None:
        self.url = getattr(settings, "TOASOAN_COMMENTS_SMS_URL", "")
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise ImproperlyConfigured("COMMENTS_SMS_URL phải là địa chỉ http(s) của cổng gửi tin nhắn.")
        self.token = getattr(settings, "TOASOAN_COMMENTS_SMS_TOKEN", "")
        self.sender = getattr(settings, "TOASOAN_COMMENTS_SMS_SENDER", "")
        self.text = getattr(settings, "TOASOAN_COMMENTS_SMS_TEXT", "") or DEFAULT_SMS_TEXT
        self.timeout = float(getattr(settings, "TOASOAN_COMMENTS_SMS_TIMEOUT", 5))

    def payload(self, *, phone: str, code: str) -> dict:
        return {"to": "+84" + phone[1:], "from": self.sender, "text": self.text.replace("{code}", code)}

    def headers(self) -> dict:
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def send_code(self, *, phone: str, code: str) -> None:
        body = json.dumps(self.payload(phone=phone, code=code), ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, headers=self.headers(), method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            logger.warning("Cổng SMS không trả lời: %s", error)
            raise SmsError(str(error)) from error
        if not 200 <= status < 300:
            logger.warning("Cổng SMS từ chối tin nhắn: HTTP %s", status)
            raise SmsError(f"HTTP {status}")


ADAPTERS = {"console": ConsoleVerifier, "http": HttpSmsVerifier}


def verifier() -> PhoneVerifier | None:
    name = conf.phone_verifier()
    if not name:
        return None
    return (ADAPTERS.get(name) or import_string(name))()


def normalise(phone: str) -> str | None:
    """A Vietnamese mobile number as ``0xxxxxxxxx``, or None: "+84 912 345 678" and "0912.345.678" are the same."""
    digits = re.sub(r"[\s.\-()]", "", unicodedata.normalize("NFKC", phone or ""))  # full-width digits too
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _VN_MOBILE.match(digits) else None


def masked(phone: str) -> str:
    """The number as shown back to its owner: "09•••••678"."""
    return phone[:2] + "•" * max(0, len(phone) - 5) + phone[-3:] if phone else ""


def reader_owner(reader_id: int) -> str:
    """Who a code is for, when a reader account asks for it."""
    return f"tai-khoan:{reader_id}"


def _key(phone: str, owner: str) -> str:
    return "toasoan:comments:phone:" + conf.keyed_hash("phone", f"{phone}|{owner}")


def send_code(*, phone: str, owner: str = "") -> None:
    """Make a code for ``phone``, asked for by ``owner``, and have the adapter send it; ``SmsError`` when it could
    not."""
    adapter = verifier()
    if adapter is None:
        return
    code = f"{secrets.randbelow(1_000_000):06d}"
    until = timezone.now().timestamp() + CODE_SECONDS  # checked as well as the cache's own expiry
    cache.set(_key(phone, owner), {"code": conf.keyed_hash("code", code), "tries": 0, "until": until},
              CODE_SECONDS)
    adapter.send_code(phone=phone, code=code)


def check_code(*, phone: str, code: str, owner: str = "") -> bool:
    """The code sent to ``phone`` for ``owner`` within ten minutes, not yet used, and tried fewer than
    ``MAX_TRIES`` times; a code is spent by its first right use."""
    key = _key(phone, owner)
    entry = cache.get(key)
    if not entry or entry["tries"] >= MAX_TRIES or timezone.now().timestamp() > entry.get("until", 0):
        return False
    if constant_time_compare(entry["code"], conf.keyed_hash("code", unicodedata.normalize("NFKC", code or ""))):
        cache.delete(key)
        return True
    entry["tries"] += 1
    cache.set(key, entry, max(1, int(entry["until"] - timezone.now().timestamp())))
    return False

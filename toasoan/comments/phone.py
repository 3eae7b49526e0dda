"""Optional phone verification of commenters, through a provider adapter; off by default.

``TOASOAN_COMMENTS_PHONE_VERIFIER`` (environment ``COMMENTS_PHONE_VERIFIER``): empty (off), ``console`` (the
development adapter: the code is written to the log, nothing is sent), or the dotted path of a class with
``send_code(*, phone, code)`` that hands the code to an SMS provider. The code is kept (hashed) in the cache for
ten minutes and may be tried five times.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Protocol

from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string

from toasoan.comments import conf

logger = logging.getLogger(__name__)
CODE_SECONDS = 600
MAX_TRIES = 5
_VN_MOBILE = re.compile(r"^0[35789]\d{8}$")


class PhoneVerifier(Protocol):
    def send_code(self, *, phone: str, code: str) -> None: ...


class ConsoleVerifier:
    """For development: the code goes to the log of the web process instead of an SMS."""

    def send_code(self, *, phone: str, code: str) -> None:
        logger.info("Mã xác thực bình luận cho %s: %s", phone, code)


def verifier() -> PhoneVerifier | None:
    name = conf.phone_verifier()
    if not name:
        return None
    if name == "console":
        return ConsoleVerifier()
    return import_string(name)()


def normalise(phone: str) -> str | None:
    """A Vietnamese mobile number as ``0xxxxxxxxx``, or None: "+84 912 345 678" and "0912.345.678" are the same."""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _VN_MOBILE.match(digits) else None


def _key(phone: str) -> str:
    return "toasoan:comments:phone:" + conf.keyed_hash("phone", phone)


def send_code(*, phone: str) -> None:
    adapter = verifier()
    if adapter is None:
        return
    code = f"{secrets.randbelow(1_000_000):06d}"
    cache.set(_key(phone), {"code": conf.keyed_hash("code", code), "tries": 0}, CODE_SECONDS)
    adapter.send_code(phone=phone, code=code)


def check_code(*, phone: str, code: str) -> bool:
    entry = cache.get(_key(phone))
    if not entry or entry["tries"] >= MAX_TRIES:
        return False
    if constant_time_compare(entry["code"], conf.keyed_hash("code", (code or "").strip())):
        cache.delete(_key(phone))
        return True
    entry["tries"] += 1
    cache.set(_key(phone), entry, CODE_SECONDS)
    return False

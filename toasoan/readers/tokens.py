"""The links of a reader's emails: signed (``TimestampSigner``, so nobody can make one or change its reader), expiring
after ``READERS_LINK_HOURS``, and single-use.

A link carries the reader's id and a keyed hash of what it changes: for a password reset the password hash and the
last sign-in, for a confirmation the address and whether it is confirmed. Using the link changes that state, so the
same link (and any other sent before it) no longer matches; so does signing in with the old password.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from toasoan.readers import conf
from toasoan.readers.models import Reader

RESET = "dat-lai-mat-khau"
CONFIRM = "xac-nhan"
PURPOSES = (RESET, CONFIRM)


def _state(reader: Reader, purpose: str) -> str:
    if purpose == RESET:
        parts = (reader.password, reader.last_sign_in_at, reader.email)
    else:
        parts = (reader.email, reader.email_confirmed_at)
    value = "|".join(str(part) for part in (reader.pk, *parts))
    return salted_hmac(f"toasoan.readers.{purpose}", value, algorithm="sha256").hexdigest()[:32]


def _signer(purpose: str) -> signing.TimestampSigner:
    # One salt per purpose: a confirmation link is no password-reset link.
    return signing.TimestampSigner(salt=f"toasoan.readers.link.{purpose}", algorithm="sha256")


def make(*, reader: Reader, purpose: str) -> str:
    return _signer(purpose).sign(f"{reader.pk}.{_state(reader, purpose)}")


def check(*, token: str, purpose: str, lock: bool = False) -> Reader:
    """The reader the link was made for; a ``ValidationError`` (code ``invalid``, ``expired`` or ``used``)
    otherwise. ``lock``: the reader's row is locked until the end of the transaction (one use at a time)."""
    hours = conf.link_hours()
    try:
        value = _signer(purpose).unsign(token or "", max_age=hours * 3600)
    except signing.SignatureExpired as error:
        raise ValidationError(_("Đường dẫn này đã hết hạn: nó chỉ dùng được trong %(hours)d giờ sau khi thư được "
                                "gửi. Hãy yêu cầu một thư mới.") % {"hours": hours}, code="expired") from error
    except signing.BadSignature as error:
        raise ValidationError(_("Đường dẫn này không hợp lệ. Hãy mở đúng đường dẫn trong thư (không để thiếu ký "
                                "tự nào), hoặc yêu cầu một thư mới."), code="invalid") from error
    pk, _sep, state = value.partition(".")
    readers = Reader.objects.select_for_update() if lock else Reader.objects
    reader = readers.filter(pk=int(pk)).first() if pk.isdigit() else None
    if reader is None or not constant_time_compare(state, _state(reader, purpose)):
        raise ValidationError(_("Đường dẫn này đã được dùng, hoặc không còn hiệu lực vì tài khoản đã thay đổi "
                                "sau khi thư được gửi. Hãy yêu cầu một thư mới nếu cần."), code="used")
    return reader
